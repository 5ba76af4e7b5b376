package io.effortlens.lake;

import io.effortlens.EffortLensException;
import io.effortlens.Problems;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;

/**
 * Turns storage failures of a table operation into operator-facing problems naming the table, its
 * path and the fix: a commit conflict with a concurrent run (retryable, exit 5), a full or
 * read-only storage, a damaged Delta log. Anything else is returned unchanged.
 */
final class StorageFaults {
  private static final String NO_SPACE = "no space left on device";
  private static final String QUOTA = "quota exceeded";
  private static final String TABLE_NOT_FOUND = "DELTA_TABLE_NOT_FOUND";

  private StorageFaults() {}

  /**
   * Whether {@code failure} or one of its causes is Delta's {@code DELTA_TABLE_NOT_FOUND}: for a
   * create-if-not-exists, another run is creating the same table.
   */
  static boolean isTableNotFound(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SparkThrowable thrown && TABLE_NOT_FOUND.equals(thrown.getErrorClass())) {
        return true;
      }
    }
    return false;
  }

  /** The problem {@code failure} stands for, or null when it is none of the known faults. */
  static EffortLensException classify(Throwable failure, Table table, String path) {
    String name = table.tableName();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EffortLensException known) {
        return known;
      }
      if (t instanceof DeltaConcurrentModificationException) {
        return Problems.concurrentWrite(name, path, t.getClass().getSimpleName(), failure);
      }
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains(NO_SPACE) || message.contains(QUOTA)) {
        return Problems.storageFull(name, path, deepest(t).getMessage(), failure);
      }
      if (isNotWritable(t, message)) {
        return Problems.lakeNotWritable(name, path, t.toString(), failure);
      }
    }
    return damagedLog(failure, name, path);
  }

  /** The innermost cause saying the storage is full: the file system's own words. */
  private static Throwable deepest(Throwable t) {
    Throwable found = t;
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      String message = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains(NO_SPACE) || message.contains(QUOTA)) {
        found = c;
      }
    }
    return found;
  }

  private static boolean isNotWritable(Throwable t, String message) {
    return t instanceof AccessDeniedException
        || t instanceof org.apache.hadoop.security.AccessControlException
        || t instanceof ParentNotDirectoryException
        || (t instanceof IOException
            && (message.contains("permission denied")
                || message.contains("read-only file system")
                || message.contains("not a directory")
                || message.contains("mkdirs failed")));
  }

  /** A commit file of the table's log that does not parse: names the file that failed. */
  private static EffortLensException damagedLog(Throwable failure, String name, String path) {
    String file = null;
    boolean unparsable = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (file == null && message.contains("/_delta_log/")) {
        file = message;
      }
      unparsable |=
          t.getClass().getName().contains("Json")
              || message.toLowerCase(Locale.ROOT).contains("malformed");
    }
    return file != null && unparsable ? Problems.tableCorrupt(name, path, file, failure) : null;
  }
}
