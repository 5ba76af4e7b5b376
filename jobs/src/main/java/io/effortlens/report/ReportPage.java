package io.effortlens.report;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The data of the report page, one record per section in reading order; the template {@code page}
 * lays it out and each section's template draws its record. The pieces shared by sections: a "not
 * available" note naming the command to run, and a table of formatted cells.
 */
final class ReportPage {
  private ReportPage() {}

  /** What a section counts for the job's result. */
  interface Section {
    /** Charts drawn. */
    int charts();

    /** "Not available" notes shown. */
    int notes();
  }

  /** A section with at most one chart and one "not available" note. */
  interface ChartSection extends Section {
    Optional<Svg.BarChart> chart();

    Optional<Note> note();

    @Override
    default int charts() {
      return present(chart());
    }

    @Override
    default int notes() {
      return present(note());
    }
  }

  /** A "not available" note: why, and the command that makes the missing table. */
  record Note(String why, String command) {}

  record TableRow(List<String> cells) {}

  /** A table of formatted cells (the template escapes them). */
  record DataTable(List<String> headers, List<TableRow> rows) {
    static DataTable of(List<String> headers, List<List<String>> rows) {
      return new DataTable(headers, rows.stream().map(TableRow::new).toList());
    }
  }

  record Page(
      String title,
      String subtitle,
      ModelSections.Disloyalty disloyalty,
      ModelSections.Drivers drivers,
      DelightSection.Delight delight,
      ModelQuality.Quality model,
      GoldSections.KpiTrends kpis,
      GoldSections.Perception perception,
      GoldSections.Tabular research,
      GoldSections.Tabular nextIssues,
      RiskSection.Risk risk) {

    List<Section> sections() {
      return List.of(
          disloyalty, drivers, delight, model, kpis, perception, research, nextIssues, risk);
    }

    int charts() {
      return sections().stream().mapToInt(Section::charts).sum();
    }

    int notes() {
      return sections().stream().mapToInt(Section::notes).sum();
    }
  }

  /** How many of the parts are present. */
  static int present(Optional<?>... parts) {
    return (int) Stream.of(parts).filter(Optional::isPresent).count();
  }
}
