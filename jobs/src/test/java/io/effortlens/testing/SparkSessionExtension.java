package io.effortlens.testing;

import io.effortlens.config.ConfigLoader;
import io.effortlens.lake.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One shared local[2] SparkSession per test JVM with the production Spark settings: the {@code
 * spark:} block of {@code conf/effortlens.yaml} (adaptive query execution on, its shuffle
 * partitions and coalescing, Delta's snapshot partitions) as every command applies it through
 * {@link SparkSessions#create}, plus what a test JVM needs: UI off, UTC, Delta configured, a temp
 * warehouse, loopback driver. Tests therefore see the partitioning the product runs with; a test
 * that needs a fixed partition count sets it itself and says why.
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
      SparkSession.Builder builder = SparkSession.builder();
      for (var entry : productionSettings().entrySet()) {
        builder = builder.config(entry.getKey(), entry.getValue());
      }
      session =
          builder
              .master("local[2]")
              .appName("effortlens-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.warehouse.dir", warehouse.toString())
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config(
                  "spark.sql.catalog.spark_catalog",
                  "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /** The {@code spark.*} settings of the shipped configuration, as production applies them. */
  static Map<String, String> productionSettings() {
    Path conf = TestLakes.repo().resolve("conf/effortlens.yaml");
    return ConfigLoader.load(conf, true, List.of(), Map.of()).spark();
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
