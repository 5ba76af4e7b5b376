package io.effortlens.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import io.effortlens.config.ConfigLoader;
import io.effortlens.config.Settings;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Runs;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Customer keys of BI tables: HMAC-SHA256 with the secret from the environment, refused without it
 * unless raw ids are allowed, and the secret in no log line, runs row, table or query plan.
 */
@ExtendWith(SparkSessionExtension.class)
class CustomerKeysTest {
  private static final String SECRET = "gold-test-secret-0123456789";

  /** HMAC-SHA256("A") under {@link #SECRET}, computed independently (Python's hmac module). */
  private static final String KEY_OF_A =
      "22ac98e623267b017553cfc49ee55a05fce5fc189bcb02ee1346f3bedc4e52d3";

  private static Settings settings(Map<String, String> environment, String... sets) {
    return ConfigLoader.load(
        TestLakes.repo().resolve("conf/effortlens.yaml"), true, List.of(sets), environment);
  }

  @Test
  void withoutTheSecretCustomerLevelOutputIsRefusedUnlessRawIdsAreAllowed(SparkSession spark) {
    Settings noKey = settings(Map.of());
    EffortLensException refused =
        assertThrows(
            EffortLensException.class, () -> CustomerKeys.from(noKey, false, "customer_risk"));
    assertEquals(ExitCodes.USAGE, refused.exitCode());
    assertEquals(
        "Cannot publish customer_risk: it holds customer-level rows and the environment variable"
            + " EFFORTLENS_PSEUDONYM_KEY is not set, so customers could only be keyed by their raw"
            + " ids. Fix: export EFFORTLENS_PSEUDONYM_KEY with a secret of at least 16 characters,"
            + " or pass --allow-raw-ids for a local demo",
        refused.getMessage());
    CustomerKeys raw = CustomerKeys.from(noKey, true, "customer_risk");
    assertEquals("raw", raw.method());
    Row row = raw.withCustomerKey(customers(spark), "customer_id").orderBy("customer_key").first();
    assertEquals("A", row.getAs("customer_key"));
  }

  @Test
  void withTheSecretKeysAreHmacAndTheSecretAppearsInNoLogRunOrTable(SparkSession spark) {
    Settings keyed = settings(Map.of(ConfigLoader.PSEUDONYM_KEY_ENV, SECRET), "privacy.mode=hash");
    CustomerKeys keys = CustomerKeys.from(keyed, false, "customer_risk");
    Dataset<Row> published = keys.withCustomerKey(customers(spark), "customer_id");
    assertEquals(List.of("customer_key", "probability"), List.of(published.columns()));
    assertEquals(KEY_OF_A, published.orderBy("probability").first().getAs("customer_key"));
    assertFalse(published.queryExecution().toString().contains(SECRET), "query plan");
    assertEquals("CustomerKeys[hmac-sha256]", keys.toString());

    Lake lake = Lake.at(spark, TestLakes.tempDir("keyed-lake").toString());
    RunContext ctx =
        new RunContext("run-keyed", TestLakes.RUN_START, "score", List.of(), keyed, lake);
    StringWriter log = new StringWriter();
    WriterAppender appender = captureLog(log);
    try {
      CustomerKeys logged = CustomerKeys.from(ctx.settings(), false, "customer_risk");
      LoggerFactory.getLogger(CustomerKeysTest.class)
          .info("stage=keys customer_keys={} settings={}", logged, ctx.settings());
      keys.withCustomerKey(customers(spark), "customer_id")
          .write()
          .format("delta")
          .save(lake.path("customer_risk"));
      Runs.record(ctx, TestLakes.RUN_START.plusSeconds(1), "succeeded", 0, keyed.toString());
    } finally {
      releaseLog(appender);
    }
    assertTrue(log.toString().contains("customer_keys=CustomerKeys[hmac-sha256]"), log.toString());
    List<String> texts = new ArrayList<>(List.of(log.toString()));
    for (String table : List.of("runs", "customer_risk")) {
      texts.addAll(
          lake.readIfExists(table)
              .orElseThrow()
              .select(to_json(struct(col("*"))))
              .as(Encoders.STRING())
              .collectAsList());
    }
    assertTrue(texts.stream().anyMatch(t -> t.contains(KEY_OF_A)), "the keyed table was read");
    texts.forEach(text -> assertFalse(text.contains(SECRET), text));
  }

  private static Dataset<Row> customers(SparkSession spark) {
    return spark.sql(
        "SELECT * FROM VALUES ('A', 0.1D), ('B', 0.7D) AS t(customer_id, probability)");
  }

  private static WriterAppender captureLog(StringWriter log) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    WriterAppender appender =
        WriterAppender.createAppender(
            PatternLayout.newBuilder().withPattern("%-5p %c{1}: %m%n").build(),
            null,
            log,
            "gold-key-capture",
            false,
            true);
    appender.start();
    context.getConfiguration().addAppender(appender);
    context.getConfiguration().getRootLogger().addAppender(appender, null, null);
    context.getConfiguration().getLoggerConfig("io.effortlens").addAppender(appender, null, null);
    context.updateLoggers();
    return appender;
  }

  private static void releaseLog(WriterAppender appender) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.getConfiguration().getLoggerConfig("io.effortlens").removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
