package io.effortlens.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schedulers rerun things: running {@code pipeline} three times for the same as-of date over the
 * same input leaves every table row-for-row identical to one run — interactions with their lineage,
 * journey ids, features, the model version and its metrics, scores with their reasons, gold tables
 * — and no two rows of any table share a key. Only the run logs ({@code runs}, {@code
 * quality_results}) grow, by one entry per run; model tables are compared without the run stamp
 * ({@code trained_at}, {@code run_id}) a rerun puts on the rows it replaces.
 */
@ExtendWith(SparkSessionExtension.class)
@Tag("heavy")
class RerunIdentityTest {
  private static final int RUNS = 3;

  @Test
  void threePipelineRunsLeaveEveryTableAsOneRunLeftIt(SparkSession spark) {
    Path dir = TestLakes.tempDir("rerun-lake");
    Lake lake = Lake.at(spark, dir.toString());
    runPipeline(dir);
    Map<Table, Long> once = LakeState.versions(lake);
    Map<Table, Long> rowsOnce = new EnumMap<>(Table.class);
    assertEquals(List.of(), LakeState.soundness(lake, rowsOnce));
    for (int run = 2; run <= RUNS; run++) {
      runPipeline(dir);
    }
    Map<Table, Long> rowsThrice = new EnumMap<>(Table.class);
    assertEquals(List.of(), LakeState.soundness(lake, rowsThrice));
    List<String> changed =
        LakeState.differences(
            LakeState.State.current(lake, false), new LakeState.State(lake, once, false), true);
    assertEquals(List.of(), changed, "tables after " + RUNS + " runs differ from one run");

    for (Table table : Table.values()) {
      if (table != Table.QUARANTINE) {
        assertTrue(rowsOnce.getOrDefault(table, 0L) > 0, table.tableName() + ": " + rowsOnce);
      }
    }
    assertEquals(800L, rowsOnce.get(Table.CUSTOMERS));
    assertEquals(rowsOnce.get(Table.CUSTOMER_FEATURES), rowsOnce.get(Table.DEFECTION_LABELS));
    assertEquals(1L, rowsThrice.get(Table.MODEL_REGISTRY), "one model version for one input");
    assertEquals(
        1L,
        lake.read(Table.MODEL_REGISTRY, "test").where(col("is_current")).count(),
        "the version is current");
    assertEquals(RUNS, (long) rowsThrice.get(Table.RUNS), "one runs row per pipeline run");
    assertEquals(
        RUNS * rowsOnce.get(Table.QUALITY_RESULTS),
        (long) rowsThrice.get(Table.QUALITY_RESULTS),
        "one set of quality results per ingest");
  }

  private static void runPipeline(Path dir) {
    CliRun run = CliRun.on(dir, Stages.pipeline(ModelInput.get()));
    assertEquals(ExitCodes.OK, run.code(), "pipeline: " + run.text());
  }
}
