package io.effortlens.generate;

import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/** A rendered row with its time and per-customer sequence, the stable key rows are sorted by. */
record Keyed(long ms, long seq, Row row) {

  static List<Row> sorted(List<Keyed> rows) {
    rows.sort(Comparator.comparingLong(Keyed::ms).thenComparingLong(Keyed::seq));
    return rows.stream().map(Keyed::row).toList();
  }
}
