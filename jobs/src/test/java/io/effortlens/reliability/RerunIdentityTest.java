package io.effortlens.reliability;

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
 * Schedulers rerun things: running every stage of {@link Stages} three times over the same input
 * and as-of date leaves every table row-for-row identical to one run (journey ids, lineage and
 * features included) and no two rows of any table share a key. Only the run logs ({@code runs},
 * {@code quality_results}) grow, by one entry per run.
 */
@ExtendWith(SparkSessionExtension.class)
@Tag("heavy")
class RerunIdentityTest {
  private static final long SLICE_INTERACTIONS = 832 + 13_266; // contact centre rows + web events
  private static final long SLICE_CUSTOMERS = 300;
  private static final int RUNS = 3;

  @Test
  void threeRunsOfEveryStageLeaveEveryTableAsOneRunLeftIt(SparkSession spark) {
    Path dir = TestLakes.tempDir("rerun-lake");
    Lake lake = Lake.at(spark, dir.toString());
    runEveryStage(dir);
    Map<Table, Long> once = LakeState.versions(lake);
    Map<Table, Long> rowsOnce = new EnumMap<>(Table.class);
    assertEquals(List.of(), LakeState.soundness(lake, rowsOnce));
    for (int run = 2; run <= RUNS; run++) {
      runEveryStage(dir);
    }
    Map<Table, Long> rowsThrice = new EnumMap<>(Table.class);
    assertEquals(List.of(), LakeState.soundness(lake, rowsThrice));
    List<String> changed =
        LakeState.differences(
            LakeState.State.current(lake, false), new LakeState.State(lake, once, false), true);
    assertEquals(List.of(), changed, "tables after " + RUNS + " runs differ from one run");

    assertEquals(SLICE_INTERACTIONS, rowsOnce.get(Table.INTERACTIONS));
    assertEquals(SLICE_CUSTOMERS, rowsOnce.get(Table.CUSTOMERS));
    assertTrue(rowsOnce.get(Table.JOURNEYS) > 100, "journeys: " + rowsOnce);
    assertTrue(rowsOnce.get(Table.CUSTOMER_FEATURES) > 100, "features: " + rowsOnce);
    assertEquals(rowsOnce.get(Table.CUSTOMER_FEATURES), rowsOnce.get(Table.DEFECTION_LABELS));
    long stages = Stages.all().size();
    assertEquals(RUNS * stages, (long) rowsThrice.get(Table.RUNS), "one runs row per run");
    assertEquals(
        RUNS * rowsOnce.get(Table.QUALITY_RESULTS),
        (long) rowsThrice.get(Table.QUALITY_RESULTS),
        "one set of quality results per ingest run");
  }

  private static void runEveryStage(Path dir) {
    for (Stages.Stage stage : Stages.all()) {
      CliRun run = CliRun.on(dir, stage.args());
      assertEquals(ExitCodes.OK, run.code(), stage.name() + ": " + run.text());
    }
  }
}
