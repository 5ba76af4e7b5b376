package io.effortlens.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * The application jar's logging under {@code spark-submit}, as {@code bin/effortlens} logs: the
 * stage lines of EffortLens at INFO, Spark at WARN ({@code conf/log4j2.properties}, bundled in the
 * jar). Without a log4j2 configuration of its own, spark-submit logs with Spark's defaults (every
 * scheduler event and plan at INFO: 8.6 MB, 36,000 lines, for the six tasks of the CI's daily DAG,
 * all in the Airflow task logs). A configuration the cluster or the submitter chose ({@code
 * $SPARK_CONF_DIR/log4j2.properties}, {@code -Dlog4j2.configurationFile}) is left alone: only
 * Spark's defaults are replaced.
 */
final class CliLogging {
  /** Where Spark points log4j2 when nobody configured it ({@code Logging.initializeLogging}). */
  static final String SPARK_DEFAULTS = "org/apache/spark/log4j2-defaults.properties";

  /** conf/log4j2.properties, copied into the jar at build time (jobs/pom.xml). */
  static final String BUNDLED = "/io/effortlens/cli/log4j2.properties";

  private CliLogging() {}

  /** Replaces Spark's default logging of this JVM by the bundled one; true when it did. */
  static boolean replaceSparkDefaults() {
    return replaceSparkDefaults((LoggerContext) LogManager.getContext(false));
  }

  static boolean replaceSparkDefaults(LoggerContext context) {
    URI location = context.getConfigLocation();
    URL bundled = CliLogging.class.getResource(BUNDLED);
    if (location == null || !location.toString().endsWith(SPARK_DEFAULTS) || bundled == null) {
      return false;
    }
    try {
      context.setConfigLocation(bundled.toURI());
    } catch (URISyntaxException e) {
      return false; // a jar URL is a URI; if not, Spark's defaults stay
    }
    return true;
  }
}
