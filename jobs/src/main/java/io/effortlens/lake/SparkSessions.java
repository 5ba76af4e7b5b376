package io.effortlens.lake;

import io.effortlens.config.Settings;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the session every command runs in: Delta SQL extension and catalog, UTC session time
 * zone, and the {@code spark.*} settings of the configuration. The master comes from spark-submit
 * or the launcher ({@code -Dspark.master}); without either it is {@code local[*]}. A session that
 * already exists in the JVM (a notebook's, a test's) is used as it is, never reconfigured.
 */
public final class SparkSessions {
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private SparkSessions() {}

  /**
   * How many times a session was asked for in this JVM, whether created or reused; tests check that
   * help, usage and configuration errors ask for none.
   */
  public static int requests() {
    return REQUESTS.get();
  }

  public static SparkSession create(String appName, Settings settings) {
    return create(appName, settings, null);
  }

  /**
   * As {@link #create(String, Settings)}, for a command on the lake at {@code lakeRoot}: unless
   * {@code spark.sql.warehouse.dir} is configured (spark-submit, spark-defaults, the settings), the
   * catalog's warehouse folder is {@code <lake>/spark-warehouse} instead of Spark's default, a
   * {@code spark-warehouse} folder in whatever directory the command was started from.
   */
  public static SparkSession create(String appName, Settings settings, String lakeRoot) {
    REQUESTS.incrementAndGet();
    if (SparkSession.getDefaultSession().isDefined()) {
      return SparkSession.getDefaultSession().get();
    }
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC");
    if (!conf.contains("spark.master") && !settings.spark().containsKey("spark.master")) {
      builder = builder.master("local[*]");
    }
    String warehouse = "spark.sql.warehouse.dir";
    if (lakeRoot != null && !conf.contains(warehouse) && !settings.spark().containsKey(warehouse)) {
      builder = builder.config(warehouse, lakeRoot.replaceFirst("/+$", "") + "/spark-warehouse");
    }
    for (var entry : settings.spark().entrySet()) {
      builder = builder.config(entry.getKey(), entry.getValue());
    }
    return builder.getOrCreate();
  }

  /**
   * Runs {@code body} with the session setting {@code key} set to {@code value}, then puts back the
   * value it had (or unsets it), also when {@code body} throws: a value the user configured is not
   * lost.
   */
  public static <T> T withConf(SparkSession spark, String key, String value, Supplier<T> body) {
    scala.Option<String> before = spark.conf().getOption(key);
    spark.conf().set(key, value);
    try {
      return body.get();
    } finally {
      if (before.isDefined()) {
        spark.conf().set(key, before.get());
      } else {
        spark.conf().unset(key);
      }
    }
  }
}
