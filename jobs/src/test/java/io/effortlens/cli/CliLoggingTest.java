package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/**
 * spark-submit of the jar logs as the launcher does when nobody configured log4j2, and keeps a
 * configuration someone chose. Each case uses a LoggerContext of its own, not the tests' one.
 */
class CliLoggingTest {

  @Test
  void sparkDefaultsAreReplacedByTheBundledConfiguration() throws Exception {
    URL sparkDefaults = getClass().getClassLoader().getResource(CliLogging.SPARK_DEFAULTS);
    assertNotNull(sparkDefaults, "spark-core ships its default log4j2 configuration");
    LoggerContext context = context("spark-defaults", sparkDefaults.toURI());
    try {
      assertEquals(Level.INFO, context.getRootLogger().getLevel(), "Spark's defaults: INFO");
      assertTrue(CliLogging.replaceSparkDefaults(context));
      assertEquals(Level.WARN, context.getRootLogger().getLevel(), "Spark and the rest: WARN");
      assertEquals(Level.INFO, context.getLogger("io.effortlens.model.TrainJob").getLevel());
      assertEquals(
          Level.ERROR, context.getLogger("org.apache.parquet.hadoop.ParquetWriter").getLevel());
    } finally {
      context.stop();
    }
  }

  @Test
  void aConfigurationSomeoneChoseIsKept() throws Exception {
    URL chosen = getClass().getClassLoader().getResource("log4j2-test.properties");
    LoggerContext context = context("chosen", chosen.toURI());
    try {
      Level before = context.getRootLogger().getLevel();
      assertFalse(CliLogging.replaceSparkDefaults(context));
      assertEquals(chosen.toURI(), context.getConfigLocation());
      assertEquals(before, context.getRootLogger().getLevel());
    } finally {
      context.stop();
    }
  }

  private static LoggerContext context(String name, URI location) {
    LoggerContext context = new LoggerContext(name, null, location);
    context.start();
    return context;
  }
}
