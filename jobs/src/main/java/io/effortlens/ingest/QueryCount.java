package io.effortlens.ingest;

import java.util.List;

/**
 * The raw records of one input file in sql mode: {@code raw read = with output + dropped_by_query}.
 * A raw record has output when the batch holds a row with its lineage ({@code _source_file}, {@code
 * _ordinal}): one or more rows of the query, or its {@code CORRUPT_RECORD} row. A query that does
 * not select the lineage through cannot be traced ({@link #traced} false): then only the raw
 * records read are known, and the other two are 0.
 */
public record QueryCount(
    String file, long rawRead, long withOutput, long droppedByQuery, boolean traced) {

  static QueryCount of(String file, long rawRead, long withOutput) {
    return new QueryCount(file, rawRead, withOutput, rawRead - withOutput, true);
  }

  static QueryCount untraced(String file, long rawRead) {
    return new QueryCount(file, rawRead, 0, 0, false);
  }

  /**
   * Whether the identity holds with counts that can be: an output row claiming a raw record its
   * file does not have would show as a negative drop.
   */
  public boolean balances() {
    return !traced || (droppedByQuery >= 0 && rawRead == withOutput + droppedByQuery);
  }

  static QueryCount total(List<QueryCount> files) {
    long read = files.stream().mapToLong(QueryCount::rawRead).sum();
    long output = files.stream().mapToLong(QueryCount::withOutput).sum();
    long dropped = files.stream().mapToLong(QueryCount::droppedByQuery).sum();
    boolean traced = files.stream().allMatch(QueryCount::traced);
    return new QueryCount("total", read, output, dropped, traced);
  }
}
