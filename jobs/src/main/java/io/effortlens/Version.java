package io.effortlens;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The code version baked into the jar at build time (recorded in runs, printed by --version). */
public final class Version {
  private static final String VERSION = read();

  private Version() {}

  /** The code version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a build. */
  public static String current() {
    return VERSION;
  }

  private static String read() {
    return fromResource("/effortlens-version.properties");
  }

  /**
   * The {@code version} property of a properties file on the classpath (this jar's, Spark's build
   * information), or {@code unknown} when there is none.
   */
  public static String fromResource(String resource) {
    try (InputStream in = Version.class.getResourceAsStream(resource)) {
      Properties props = new Properties();
      if (in != null) {
        props.load(in);
      }
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
