package io.effortlens.cli;

import io.effortlens.ingest.FileCount;
import io.effortlens.ingest.IngestJob;
import io.effortlens.ingest.QueryCount;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints the reconciliation of an ingest run: per table and file read = accepted + quarantined +
 * duplicates, and in sql mode first the raw records: raw read = with output + dropped_by_query.
 */
final class IngestSummary {
  private IngestSummary() {}

  static void print(PrintWriter out, List<IngestJob.Result> results) {
    for (IngestJob.Result result : results) {
      out.printf("source '%s'%n", result.source());
      query(out, "interactions", result.interactionQuery(), result.interactionQueryTotal());
      table(out, "interactions", result.interactionFiles(), result.interactionTotal());
      if (!result.customerFiles().isEmpty()) {
        query(out, "customers", result.customerQuery(), result.customerQueryTotal());
        table(out, "customers", result.customerFiles(), result.customerTotal());
      }
      out.printf(
          "  interactions: %d inserted, %d updated (Delta version %d)%n",
          result.interactions().inserted(),
          result.interactions().updated(),
          result.interactions().version());
      if (result.customers() != null) {
        out.printf(
            "  customers: %d inserted, %d updated%n",
            result.customers().inserted(), result.customers().updated());
      }
    }
  }

  private static void table(PrintWriter out, String table, List<FileCount> files, FileCount total) {
    out.printf("  %s: read = accepted + quarantined + duplicates%n", table);
    for (FileCount file : files) {
      out.printf("    %s%n", line(file));
    }
    out.printf("    %s%n", line(total));
  }

  /** Sql mode: the raw records per file; the query's rows are what the table line counts read. */
  private static void query(
      PrintWriter out, String table, List<QueryCount> files, QueryCount total) {
    if (files.isEmpty()) {
      return;
    }
    if (!total.traced()) {
      out.printf(
          "  %s raw records: %d read (the query does not select _source_file and _ordinal"
              + " through, so dropped_by_query is not counted)%n",
          table, total.rawRead());
      return;
    }
    out.printf("  %s raw records: raw read = with output + dropped_by_query%n", table);
    for (QueryCount file : files) {
      out.printf("    %s%n", line(file));
    }
    out.printf("    %s%n", line(total));
  }

  private static String line(QueryCount q) {
    return String.format(
        "%s: %d = %d + %d%s",
        q.file(),
        q.rawRead(),
        q.withOutput(),
        q.droppedByQuery(),
        q.balances() ? "" : "  MISMATCH");
  }

  private static String line(FileCount f) {
    String filtered = f.filtered() > 0 ? " (" + f.filtered() + " filtered by where)" : "";
    return String.format(
        "%s: %d = %d + %d%s + %d%s",
        f.file(),
        f.read(),
        f.accepted(),
        f.quarantined(),
        filtered,
        f.duplicates(),
        f.balances() ? "" : "  MISMATCH");
  }
}
