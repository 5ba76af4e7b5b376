package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.config.ConfigLoader;
import io.effortlens.config.Settings;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Runs;
import io.effortlens.lake.Table;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hash mode: personal unmapped columns are kept as HMAC-SHA256 with the key from the environment,
 * stable for a key, different for another, and the key is in no query plan and no table.
 */
@ExtendWith(SparkSessionExtension.class)
class PseudonymTest {
  private static final String KEY_A = "test-pseudonym-key-A-0001";
  private static final String KEY_B = "test-pseudonym-key-B-0002";

  /** HMAC-SHA256 of {@link PlantedInput#EMAIL}, computed independently (Python's hmac module). */
  private static final String EMAIL_HMAC_A =
      "9d2c7c40f69a906fec5c092579197b481728ed082df25e19684c140d512b0897";

  private static final String EMAIL_HMAC_B =
      "c3dc2bbbca2fa44e41c42ba7b6eaa4383cdf5bcfc0b53a949718c86f86d74a9d";

  @Test
  void hashModeKeepsTheSameHmacForTheSameKeyAndAnotherForAnotherKey(SparkSession spark)
      throws IOException {
    Path dir = TestLakes.tempDir("pseudonym-input");
    Map<String, String> first = attributes(spark, dir, KEY_A).collectAsList().get(0).getJavaMap(0);
    Map<String, String> again = attributes(spark, dir, KEY_A).collectAsList().get(0).getJavaMap(0);
    Map<String, String> other = attributes(spark, dir, KEY_B).collectAsList().get(0).getJavaMap(0);
    assertEquals(EMAIL_HMAC_A, first.get("callerEmail"));
    assertEquals(EMAIL_HMAC_B, other.get("callerEmail"));
    assertEquals(first, again, "stable for the same key");
    assertTrue(first.get("full_name").matches("[0-9a-f]{64}"), first.toString());
    assertFalse(first.get("full_name").equals(other.get("full_name")));
    assertEquals(
        "owner [redacted-email] tel [redacted-phone]",
        first.get("device_info"),
        "non-personal values are redacted, not hashed");
  }

  @Test
  void theKeyIsInNoQueryPlanAndNotInTheRunsTable(SparkSession spark) throws IOException {
    String plan =
        attributes(spark, TestLakes.tempDir("pseudonym-input"), KEY_A).queryExecution().toString();
    String keyHex = HexFormat.of().formatHex(KEY_A.getBytes(StandardCharsets.UTF_8));
    assertTrue(plan.contains("hmac_sha256"), plan);
    assertFalse(plan.contains(KEY_A) || plan.toLowerCase().contains(keyHex), plan);

    Lake lake = Lake.at(spark, TestLakes.tempDir("lake").toString());
    RunContext ctx =
        new RunContext("run-key", TestLakes.RUN_START, "ingest", List.of(), settings(KEY_A), lake);
    Runs.record(ctx, TestLakes.RUN_START.plusSeconds(1), "succeeded", 0, ctx.settings().toString());
    String runs =
        String.join(
            "\n",
            lake.read(Table.RUNS, "test")
                .select(to_json(struct(col("*"))))
                .as(Encoders.STRING())
                .collectAsList());
    assertTrue(runs.contains("privacy.mode=hash"), runs);
    assertFalse(runs.contains(KEY_A), runs);
  }

  private static Dataset<Row> attributes(SparkSession spark, Path dir, String key)
      throws IOException {
    PrivacyPolicy policy = PrivacyPolicy.from(settings(key));
    String mapping = PlantedInput.jsonMapping(dir).toString();
    SourceMapping.Block block = SourceMappings.load(mapping, dir.toString()).input();
    Dataset<Row> raw =
        RawRecords.read(
            spark, "json", Map.of(), null, List.of(PlantedInput.jsonLines(dir).toString()));
    return MappedColumns.mapColumns(raw, block, mapping, InteractionSchema.MAPPED, false, policy)
        .filter(col(MappedColumns.PREFIX + "interaction_id").equalTo("P1"))
        .select(MappedColumns.PREFIX + InteractionSchema.ATTRIBUTES);
  }

  private static Settings settings(String key) {
    return ConfigLoader.load(
        TestLakes.repo().resolve("conf/effortlens.yaml"),
        true,
        List.of("privacy.mode=hash"),
        Map.of(ConfigLoader.PSEUDONYM_KEY_ENV, key));
  }
}
