package io.effortlens.lake;

import java.util.Map;

/**
 * What one Delta commit did, read from the table history's operation metrics (no extra counts).
 *
 * @param version the Delta version written
 * @param inserted rows inserted (or written, for appends and overwrites)
 * @param updated rows updated by a MERGE
 * @param deleted rows deleted
 */
public record WriteMetrics(long version, long inserted, long updated, long deleted) {
  static WriteMetrics from(long version, Map<String, String> metrics) {
    long inserted = first(metrics, "numTargetRowsInserted", "numOutputRows");
    long updated = first(metrics, "numTargetRowsUpdated");
    long deleted = first(metrics, "numTargetRowsDeleted", "numDeletedRows");
    return new WriteMetrics(version, inserted, updated, deleted);
  }

  private static long first(Map<String, String> metrics, String... names) {
    for (String name : names) {
      String value = metrics.get(name);
      if (value != null) {
        return Long.parseLong(value);
      }
    }
    return 0L;
  }
}
