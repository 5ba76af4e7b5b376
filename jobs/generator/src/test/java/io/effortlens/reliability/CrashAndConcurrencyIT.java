package io.effortlens.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machines die mid-write and schedulers overlap runs. Each stage of {@link Stages} marked for it
 * runs as its own driver JVM and is killed with SIGKILL at seeded random moments ({@code
 * -Dtrials=N} in total, default 20; {@code -Dseed=S}); after every kill all tables read, no key is
 * duplicated, and every unit of publication present (a source's rows, an as_of partition, a whole
 * table) equals that of an uninterrupted run — nothing half-written is visible. A rerun then
 * completes the work: the lake equals the uninterrupted run (lineage columns aside). Stages marked
 * concurrent run twice at once ({@code -DconcurrentTrials=N}, default 1): each ends successful or
 * with exit code 5 and the fix "rerun", and after the reruns the lake equals the uninterrupted run.
 */
@ExtendWith(SparkSessionExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("heavy")
class CrashAndConcurrencyIT {
  private static final Logger LOG = LoggerFactory.getLogger(CrashAndConcurrencyIT.class);
  private final SparkSession spark;
  private final Path logs = TestLakes.tempDir("child-logs");
  private final Map<String, Double> seconds = new HashMap<>();
  private Lake reference;

  CrashAndConcurrencyIT(SparkSession spark) {
    this.spark = spark;
  }

  /** The uninterrupted run every trial is compared with; also times each stage. */
  @BeforeAll
  void runUninterrupted() throws InterruptedException {
    Path dir = TestLakes.tempDir("reference-lake");
    for (Stages.Stage stage : Stages.all(ModelInput.get())) {
      complete(dir, stage, "reference-" + stage.name());
    }
    reference = Lake.at(spark, dir.toString());
    assertEquals(List.of(), LakeState.soundness(reference, new EnumMap<>(Table.class)));
  }

  @Test
  void killingTheDriverAtRandomMomentsLeavesNoPartialTableAndARerunCompletesTheWork()
      throws InterruptedException {
    int trials = Integer.getInteger("trials", 20);
    Random random = new Random(Long.getLong("seed", 8L));
    List<Stages.Stage> targets =
        Stages.all(ModelInput.get()).stream().filter(Stages.Stage::killTrials).toList();
    Path dir = TestLakes.tempDir("crash-lake");
    Lake lake = Lake.at(spark, dir.toString());
    int trial = 0;
    int killed = 0;
    int midWrite = 0;
    for (Stages.Stage stage : Stages.all(ModelInput.get())) {
      int share = stage.killTrials() ? trials / targets.size() : 0;
      if (stage.equals(targets.get(0))) { // records from two Stages.all calls: equal, not same
        share += trials % targets.size();
      }
      for (int i = 0; i < share; i++, trial++) {
        // uniform in [0.1, 1.1] x the stage's uninterrupted run time, JVM start included: most
        // kills land while it works, a few after it ended by itself
        long delay = (long) ((0.1 + random.nextDouble()) * seconds.get(stage.name()) * 1000);
        Map<Table, Long> before = LakeState.versions(lake);
        ChildCli child = ChildCli.start(dir, stage.args(), logs, "trial-" + trial);
        boolean wasKilled = child.killAfter(delay);
        killed += wasKilled ? 1 : 0;
        midWrite += wasKilled && !before.equals(LakeState.versions(lake)) ? 1 : 0;
        List<String> problems = LakeState.soundness(lake, new EnumMap<>(Table.class));
        problems.addAll(differences(lake, false));
        assertEquals(List.of(), problems, "after trial " + trial + " (" + stage.name() + ")");
      }
      complete(dir, stage, "rerun-" + stage.name());
    }
    assertEquals(List.of(), differences(lake, true), "the reruns complete the work");
    LOG.info(
        "reliability: kill trials={} killed while running={} killed after some of their commits={}",
        trial,
        killed,
        midWrite);
    assertTrue(trial >= trials, "trials run: " + trial);
    assertTrue(killed > 0, "at least one trial must kill a running driver");
  }

  @Test
  void twoRunsAtOnceEachSucceedOrFailRetryablyAndLeaveNoDuplicates() throws InterruptedException {
    int trials = Integer.getInteger("concurrentTrials", 1);
    int conflicts = 0;
    for (int t = 0; t < trials; t++) {
      Path dir = TestLakes.tempDir("concurrent-lake");
      Lake lake = Lake.at(spark, dir.toString());
      for (Stages.Stage stage : Stages.all(ModelInput.get())) {
        if (!stage.concurrent()) {
          complete(dir, stage, "setup-" + t + "-" + stage.name());
          continue;
        }
        List<ChildCli> pair = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
          pair.add(
              ChildCli.start(dir, stage.args(), logs, "pair-" + t + "-" + stage.name() + "-" + n));
        }
        List<Integer> codes = new ArrayList<>();
        for (ChildCli child : pair) {
          int code = child.await();
          codes.add(code);
          assertTrue(
              code == ExitCodes.OK
                  || (code == ExitCodes.CONFLICT && child.err().contains("Fix: rerun the command")),
              stage.name() + " at once: exit " + code + "\n" + child.err());
        }
        assertEquals(List.of(), LakeState.soundness(lake, new EnumMap<>(Table.class)));
        for (int code : codes) {
          if (code == ExitCodes.CONFLICT) {
            conflicts++;
            complete(dir, stage, "retry-" + t + "-" + stage.name());
          }
        }
        assertEquals(List.of(), LakeState.soundness(lake, new EnumMap<>(Table.class)));
      }
      assertEquals(List.of(), differences(lake, true), "trial " + t + " after reruns");
    }
    LOG.info("reliability: concurrent trials={} retryable conflicts={}", trials, conflicts);
  }

  private List<String> differences(Lake lake, boolean complete) {
    return LakeState.differences(
        LakeState.State.current(lake, true), LakeState.State.current(reference, true), complete);
  }

  private void complete(Path dir, Stages.Stage stage, String name) throws InterruptedException {
    ChildCli child = ChildCli.start(dir, stage.args(), logs, name);
    int code = child.await();
    assertEquals(ExitCodes.OK, code, name + ": " + child.err());
    seconds.putIfAbsent(stage.name(), child.seconds());
    LOG.info("reliability: {} took {} s", name, Math.round(child.seconds()));
  }
}
