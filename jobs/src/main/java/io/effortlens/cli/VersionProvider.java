package io.effortlens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version baked into the jar at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  /** The code version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/effortlens-version.properties")) {
      Properties props = new Properties();
      if (in != null) {
        props.load(in);
      }
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "effortlens " + version(),
      "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java " + Runtime.version()
    };
  }
}
