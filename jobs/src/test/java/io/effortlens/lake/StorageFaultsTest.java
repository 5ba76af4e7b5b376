package io.effortlens.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.exceptions.ConcurrentAppendException;
import io.delta.exceptions.ProtocolChangedException;
import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.junit.jupiter.api.Test;

/** Storage failures, however deeply Spark wraps them, become problems naming table, path, fix. */
class StorageFaultsTest {
  private static final String PATH = "/lake/interactions";

  @Test
  void commitConflictsOfAConcurrentRunAreRetryableWithExitCode5() {
    for (RuntimeException conflict :
        new RuntimeException[] {
          new ConcurrentAppendException("Files were added to the root of the table"),
          new ProtocolChangedException("multiple writers are writing to an empty directory")
        }) {
      EffortLensException problem = classify(new RuntimeException("merge failed", conflict));
      assertEquals(ExitCodes.CONFLICT, problem.exitCode());
      assertTrue(
          problem.getMessage().startsWith("Cannot write table 'interactions' at " + PATH),
          problem.getMessage());
      assertTrue(problem.getMessage().contains(conflict.getClass().getSimpleName()));
      assertTrue(problem.getMessage().contains("Fix: rerun the command"), problem.getMessage());
    }
  }

  @Test
  void aFullDiskSaysSoAndThatTheTableKeptItsVersion() {
    EffortLensException problem =
        classify(
            new IllegalStateException(
                "Job aborted\n IOException: No space left on device",
                new RuntimeException(
                    "Task failed while writing rows", new IOException("No space left on device"))));
    assertEquals(ExitCodes.FAILURE, problem.exitCode());
    assertTrue(
        problem.getMessage().contains("the storage is full (No space left on device)"),
        problem.getMessage());
    assertTrue(problem.getMessage().contains("Fix: free space"), problem.getMessage());
  }

  @Test
  void aLakeThatCannotBeWrittenNamesTheFix() {
    for (Exception denied :
        new Exception[] {
          new AccessDeniedException("/lake/interactions/_delta_log", null, "Permission denied"),
          new ParentNotDirectoryException("/lake is not a directory"),
          new IOException("Read-only file system")
        }) {
      EffortLensException problem = classify(new RuntimeException(denied));
      assertTrue(problem.getMessage().contains("the lake is not writable"), problem.getMessage());
      assertTrue(problem.getMessage().contains("Fix: pass --lake"), problem.getMessage());
    }
  }

  @Test
  void anUnparsableCommitFileIsADamagedLogNamingTheFile() {
    String file = "file:" + PATH + "/_delta_log/00000000000000000002.json";
    RuntimeException failure =
        new RuntimeException(
            "Encountered error while reading file " + file,
            new IllegalArgumentException("Malformed records are detected in record parsing", null));
    EffortLensException problem = classify(failure);
    assertTrue(problem.getMessage().contains("its Delta log is damaged"), problem.getMessage());
    assertTrue(problem.getMessage().contains(file), problem.getMessage());
    assertTrue(
        problem.getMessage().contains("Fix: restore the damaged file"), problem.getMessage());
  }

  @Test
  void otherFailuresAreLeftAlone() {
    assertNull(classify(new IllegalStateException("a bug")));
    assertNull(classify(new RuntimeException(new IOException("Connection reset"))));
  }

  private static EffortLensException classify(Throwable failure) {
    return StorageFaults.classify(failure, Table.INTERACTIONS, PATH);
  }
}
