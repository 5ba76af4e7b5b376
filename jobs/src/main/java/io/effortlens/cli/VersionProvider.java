package io.effortlens.cli;

import io.effortlens.Version;
import picocli.CommandLine;

/**
 * The version baked into the jar at build time, with the Spark and Java it runs on. Picocli asks
 * for it whenever the command line is built, for help and usage errors too, so it loads no Spark
 * class.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
  /** Spark's build information beside its classes, the file {@code SPARK_VERSION} is read from. */
  private static final String SPARK_VERSION_INFO = "/spark-version-info.properties";

  // read as a resource: org.apache.spark.package$ would load its Scala objects, ~0.5 s of CPU
  private static final String SPARK_VERSION = Version.fromResource(SPARK_VERSION_INFO);

  @Override
  public String[] getVersion() {
    return new String[] {
      "effortlens " + Version.current(), "Spark " + SPARK_VERSION + ", Java " + Runtime.version()
    };
  }
}
