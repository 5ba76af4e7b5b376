package io.effortlens.cli;

import io.effortlens.ingest.FileCount;
import io.effortlens.ingest.IngestJob;
import java.io.PrintWriter;
import java.util.List;

/** Prints the reconciliation of an ingest run. */
final class IngestSummary {
  private IngestSummary() {}

  static void print(PrintWriter out, List<IngestJob.Result> results) {
    for (IngestJob.Result result : results) {
      out.printf("source '%s'%n", result.source());
      table(out, "interactions", result.interactionFiles(), result.interactionTotal());
      if (!result.customerFiles().isEmpty()) {
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
