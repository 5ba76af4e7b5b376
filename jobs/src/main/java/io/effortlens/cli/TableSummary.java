package io.effortlens.cli;

import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import java.io.PrintWriter;
import org.apache.spark.sql.Row;

/** Prints every table of the lake with rows, Delta version and last write. */
final class TableSummary {
  private TableSummary() {}

  static void print(PrintWriter out, Lake lake) {
    out.printf("lake %s%n", lake.root());
    out.printf(
        "  %-18s %12s %8s  %-28s %-12s %s%n",
        "table", "rows", "version", "last write (UTC)", "operation", "run");
    for (Table table : Table.values()) {
      if (!lake.exists(table)) {
        String why = table == Table.RUNS ? "(created when this run ends)" : "(not created)";
        out.printf("  %-18s %12s%n", table.tableName(), why);
        continue;
      }
      // Delta answers count(*) from its log statistics, without scanning data files
      long rows = lake.spark().read().format("delta").load(lake.path(table)).count();
      Row last = lake.history(table);
      out.printf(
          "  %-18s %12d %8d  %-28s %-12s %s%n",
          table.tableName(),
          rows,
          last.getLong(0),
          last.getTimestamp(1).toInstant(),
          last.getString(2),
          last.isNullAt(3) ? "-" : last.getString(3));
    }
  }
}
