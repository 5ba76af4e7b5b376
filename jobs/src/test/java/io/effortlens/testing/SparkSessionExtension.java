package io.effortlens.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One shared local[2] SparkSession per test JVM: UI off, 2 shuffle partitions, UTC, Delta
 * configured.
 *
 * <p>Use with {@code @ExtendWith(SparkSessionExtension.class)} and a {@code SparkSession} parameter
 * on the test constructor or method. The session is stopped by a JVM shutdown hook, never by a
 * test.
 */
public final class SparkSessionExtension implements ParameterResolver {
  private static SparkSession session;

  /** The shared session, created on first use. */
  public static synchronized SparkSession session() {
    if (session == null) {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      Path warehouse = tempDir("effortlens-test-warehouse");
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("effortlens-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.warehouse.dir", warehouse.toString())
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config(
                  "spark.sql.catalog.spark_catalog",
                  "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              .config("spark.sql.adaptive.enabled", "false")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    return parameterContext.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    return session();
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot create a temp dir for the test warehouse", e);
    }
  }
}
