package io.effortlens.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two runs creating the same table at once, in two JVMs (two first {@code score} runs on a lake
 * without {@code customer_risk}). The other JVM is played by file operations past this JVM's Delta
 * log cache: its table is created in a second lake and its log files are moved into this lake's
 * folder. While the other run's first commit is still a temporary file, Delta says
 * DELTA_TABLE_NOT_FOUND; {@link Lake#ensure} waits for the commit instead of failing with exit 1.
 */
@ExtendWith(SparkSessionExtension.class)
class LakeConcurrentCreationTest {
  private static final String TEMP_COMMIT = ".00000000000000000000.json.6f1c.tmp";

  @Test
  void ensureSeesATableAnotherProcessCreatedAfterThisOneFoundItMissing(SparkSession spark)
      throws IOException {
    Lake lake = Lake.at(spark, TestLakes.tempDir("race-a").toString());
    Lake other = Lake.at(spark, TestLakes.tempDir("race-b").toString());
    assertFalse(lake.exists(Table.CUSTOMER_RISK));

    other.ensure(Table.CUSTOMER_RISK);
    copyTree(Path.of(other.path(Table.CUSTOMER_RISK)), Path.of(lake.path(Table.CUSTOMER_RISK)));

    assertEquals(0L, lake.ensure(Table.CUSTOMER_RISK).history(1).first().getLong(0));
    assertEquals(0L, lake.read(Table.CUSTOMER_RISK, "score").count());
  }

  @Test
  void ensureWaitsForTheFirstCommitAnotherProcessIsWriting(SparkSession spark) throws Exception {
    Lake lake = Lake.at(spark, TestLakes.tempDir("race-c").toString());
    Path log = Path.of(lake.path(Table.CUSTOMER_RISK), "_delta_log");
    Files.createDirectories(log);
    Files.writeString(log.resolve(TEMP_COMMIT), "{}");
    Lake other = Lake.at(spark, TestLakes.tempDir("race-d").toString());
    other.ensure(Table.CUSTOMER_RISK);
    Path committed = Path.of(other.path(Table.CUSTOMER_RISK), "_delta_log");

    CompletableFuture<Void> otherRunCommits =
        CompletableFuture.runAsync(
            () -> {
              try {
                TimeUnit.MILLISECONDS.sleep(700);
                copyTree(committed, log);
                Files.delete(log.resolve(TEMP_COMMIT));
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    long version = lake.ensure(Table.CUSTOMER_RISK).history(1).first().getLong(0);
    otherRunCommits.get(30, TimeUnit.SECONDS);

    assertEquals(0L, version);
    assertEquals(
        Table.CUSTOMER_RISK.schema().fieldNames().length,
        lake.read(Table.CUSTOMER_RISK, "score").schema().size());
  }

  @Test
  void aFirstCommitThatNeverAppearsIsARetryableConflictNamingTheFolder(SparkSession spark)
      throws IOException {
    Lake lake = Lake.at(spark, TestLakes.tempDir("race-e").toString());
    Path log = Path.of(lake.path(Table.CUSTOMER_RISK), "_delta_log");
    Files.createDirectories(log);
    Files.writeString(log.resolve(TEMP_COMMIT), "{}"); // a creating run killed mid-commit

    EffortLensException problem =
        assertThrows(EffortLensException.class, () -> lake.ensure(Table.CUSTOMER_RISK));

    assertEquals(ExitCodes.CONFLICT, problem.exitCode());
    String message = problem.getMessage();
    assertTrue(
        message.startsWith("Cannot write table 'customer_risk' at " + lake.path("customer_risk")),
        message);
    assertTrue(message.contains("its _delta_log holds no commit yet"), message);
    assertTrue(message.contains("delete " + lake.path("customer_risk")), message);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!Files.exists(target)) {
          // a commit appears whole, as Delta's rename of its temporary file makes it appear
          Path partial = target.resolveSibling("." + target.getFileName() + ".copying");
          Files.copy(file, partial);
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    }
  }
}
