package io.effortlens.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults of the environment end with a clear error naming the path and the fix and a non-zero exit
 * code, and damage nothing already published: a lake that is a file, a read-only lake, a full disk
 * (both simulated by {@link FaultyFileSystem}, since CI runs as root), a missing input path or
 * partition, a missing table, a damaged Delta log.
 */
@ExtendWith(SparkSessionExtension.class)
class EnvironmentFaultsTest {
  private static final String DAY_1 =
      "{\"record_type\":\"contact\",\"contact_id\":\"%s\",\"cust_ref\":\"C1\","
          + "\"channel_code\":\"CHAT\",\"start_time\":\"2024-03-0%dT10:15:00Z\","
          + "\"reason\":\"billing\",\"survey\":null}\n";

  private final SparkSession spark;

  EnvironmentFaultsTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeEach
  void register() {
    FaultyFileSystem.register(spark.sparkContext().hadoopConfiguration());
    FaultyFileSystem.inject(FaultyFileSystem.Fault.NONE, 0);
  }

  @AfterEach
  void heal() {
    FaultyFileSystem.inject(FaultyFileSystem.Fault.NONE, 0);
  }

  @Test
  void aLakePathThatIsAFileFailsNamingItAndTheFix() throws IOException {
    Path file = Files.createTempFile("lake-is-a-file", ".txt");
    CliRun run = CliRun.on(file, ingest(delivery(1)));
    assertEquals(ExitCodes.FAILURE, run.code(), run.text());
    assertTrue(run.err().contains("Cannot write table 'quarantine' at " + file), run.text());
    assertTrue(run.err().contains("the lake is not writable"), run.text());
    assertTrue(run.err().contains("Fix: pass --lake with a folder"), run.text());
  }

  @Test
  void aReadOnlyLakeFailsNamingTheTableAndKeepsWhatWasPublished() throws IOException {
    Path dir = TestLakes.tempDir("ro-lake");
    String uri = FaultyFileSystem.SCHEME + "://" + dir; // Hadoop's faulty:/tmp/x in messages
    assertEquals(ExitCodes.OK, cli(uri, ingest(delivery(1))).code());
    Lake lake = Lake.at(spark, dir.toString());
    long version = lake.lastCommit(Table.INTERACTIONS).version();

    FaultyFileSystem.inject(FaultyFileSystem.Fault.READ_ONLY, 0);
    CliRun run = cli(uri, ingest(delivery(2)));
    FaultyFileSystem.inject(FaultyFileSystem.Fault.NONE, 0);

    assertEquals(ExitCodes.FAILURE, run.code(), run.text());
    assertTrue(run.err().contains("at faulty:" + dir + "/"), run.text());
    assertTrue(run.err().contains("the lake is not writable"), run.text());
    assertTrue(run.err().contains("Fix: "), run.text());
    assertEquals(version, lake.lastCommit(Table.INTERACTIONS).version(), "nothing published");
    assertEquals(1, lake.read(Table.INTERACTIONS, "ingest").count());
  }

  @Test
  void aFullDiskFailsNamingTheTableKeepsItsVersionAndARerunCompletesTheWork() throws IOException {
    Path dir = TestLakes.tempDir("full-lake");
    String uri = FaultyFileSystem.SCHEME + "://" + dir;
    assertEquals(ExitCodes.OK, cli(uri, ingest(delivery(1))).code());
    Lake lake = Lake.at(spark, dir.toString());
    long version = lake.lastCommit(Table.INTERACTIONS).version();
    String secondDay = delivery(2);

    FaultyFileSystem.inject(FaultyFileSystem.Fault.FULL, 512);
    CliRun full = cli(uri, ingest(secondDay));
    FaultyFileSystem.inject(FaultyFileSystem.Fault.NONE, 0);

    assertEquals(ExitCodes.FAILURE, full.code(), full.text());
    assertTrue(full.err().contains("the storage is full (No space left on device)"), full.text());
    assertTrue(full.err().contains("at faulty:" + dir + "/"), full.text());
    assertTrue(full.err().contains("Fix: free space"), full.text());
    assertEquals(version, lake.lastCommit(Table.INTERACTIONS).version(), "nothing published");
    assertEquals(1, lake.read(Table.INTERACTIONS, "ingest").count());

    assertEquals(ExitCodes.OK, cli(uri, ingest(secondDay)).code(), "the rerun after freeing space");
    assertEquals(2, lake.read(Table.INTERACTIONS, "ingest").count());
    assertEquals(List.of(), LakeState.soundness(lake, new java.util.EnumMap<>(Table.class)));
  }

  @Test
  void aMissingInputPathOrPartitionFailsWithExitCode4NamingIt() {
    Path dir = TestLakes.tempDir("missing-input");
    String missing = dir.resolve("day=2024-02-30").toString();
    CliRun path = CliRun.on(TestLakes.tempDir("lake"), ingest(missing));
    assertEquals(ExitCodes.INPUT_NOT_FOUND, path.code(), path.text());
    assertTrue(path.err().contains("the path '" + missing + "' matches no file"), path.text());

    String glob = dir.resolve("day=2024-02-3*").toString();
    CliRun partition = CliRun.on(TestLakes.tempDir("lake"), ingest(glob));
    assertEquals(ExitCodes.INPUT_NOT_FOUND, partition.code(), partition.text());
    assertTrue(partition.err().contains("'" + glob + "' matches no file"), partition.text());
  }

  @Test
  void aStageWhoseInputTableIsMissingFailsWithExitCode4NamingTheCommandToRun() {
    CliRun run = CliRun.on(TestLakes.tempDir("empty-lake"), List.of("journeys"));
    assertEquals(ExitCodes.INPUT_NOT_FOUND, run.code(), run.text());
    assertTrue(run.err().contains("Cannot read table 'interactions'"), run.text());
    assertTrue(run.err().contains("run 'effortlens ingest' first"), run.text());
  }

  @Test
  void aDamagedDeltaLogFailsNamingTheTableAndTheFixAndLeavesOtherTablesIntact() throws IOException {
    Path dir = TestLakes.tempDir("damaged-lake");
    assertEquals(ExitCodes.OK, CliRun.on(dir, ingest(delivery(1))).code());
    assertEquals(ExitCodes.OK, CliRun.on(dir, List.of("journeys")).code());
    Lake lake = Lake.at(spark, dir.toString());
    long journeysVersion = lake.lastCommit(Table.JOURNEYS).version();
    long interactionsVersion = lake.lastCommit(Table.INTERACTIONS).version();
    // a commit file cut off mid-write, as a storage without atomic writes can leave it
    Path log = dir.resolve("interactions/_delta_log");
    Path next = log.resolve("%020d.json".formatted(interactionsVersion + 1));
    Files.writeString(next, "{\"commitInfo\":{\"timestamp\":17000000");
    DeltaLog.clearCache(); // as a new process would, read the log from storage

    CliRun run = CliRun.on(dir, List.of("journeys"));
    assertEquals(ExitCodes.FAILURE, run.code(), run.text());
    assertTrue(run.err().contains("Cannot read table 'interactions' at " + dir), run.text());
    assertTrue(run.err().contains("its Delta log is damaged"), run.text());
    assertTrue(run.err().contains("/_delta_log from a backup"), run.text());
    assertEquals(journeysVersion, lake.lastCommit(Table.JOURNEYS).version());
    assertEquals(1, lake.read(Table.JOURNEYS, "journeys").count());

    Files.delete(next); // the documented fix: drop the damaged newest commit
    DeltaLog.clearCache();
    assertEquals(ExitCodes.OK, CliRun.on(dir, List.of("journeys")).code());
  }

  private static List<String> ingest(String input) {
    return List.of("ingest", "--source", "contact-center", "--input", input);
  }

  private static CliRun cli(String lakeUri, List<String> args) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "--conf",
                TestLakes.repo().resolve("conf/effortlens.yaml").toString(),
                "--lake",
                lakeUri));
    all.addAll(args);
    return CliRun.of(all);
  }

  /** A one-record delivery for day {@code day} of March 2024. */
  private static String delivery(int day) throws IOException {
    Path file = TestLakes.tempDir("delivery").resolve("day-" + day + ".jsonl");
    Files.writeString(file, DAY_1.formatted("X" + day, day));
    return file.toString();
  }
}
