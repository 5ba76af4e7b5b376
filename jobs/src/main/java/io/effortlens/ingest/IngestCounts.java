package io.effortlens.ingest;

import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Runs;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an ingest batch reports to the run ({@code runs.row_counts}) and the log. Names start with
 * {@code <source>.<table>}: {@code .read}, {@code .accepted}, {@code .quarantined}, {@code
 * .duplicates}; in sql mode {@code .raw_read}, {@code .with_output}, {@code .dropped_by_query},
 * each also per file as {@code .raw_read[<file>]}; without a declared schema {@code
 * .raw_field[<field>]} for every top-level raw field the files had and {@code
 * .raw_field_absent[<field>]} for every field read as null (both: the raw records of the batch).
 * File and field names are bracketed, so no key ends like the counts ({@code .read}) readers sum.
 */
final class IngestCounts {
  static final String RAW_FIELD = ".raw_field[";
  static final String RAW_FIELD_ABSENT = ".raw_field_absent[";
  private static final int FILES_LOGGED = 10;
  // the stage line keeps the job's logger name, as before it moved here
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private IngestCounts() {}

  static void record(RunContext ctx, String name, List<FileCount> files, List<QueryCount> query) {
    FileCount total = FileCount.total(files);
    ctx.count(name + ".read", total.read());
    ctx.count(name + ".accepted", total.accepted());
    ctx.count(name + ".quarantined", total.quarantined());
    ctx.count(name + ".duplicates", total.duplicates());
    if (!query.isEmpty()) {
      recordQuery(ctx, name, "", QueryCount.total(query));
      query.forEach(q -> recordQuery(ctx, name, "[" + q.file() + "]", q));
    }
  }

  private static void recordQuery(RunContext ctx, String name, String file, QueryCount q) {
    ctx.count(name + ".raw_read" + file, q.rawRead());
    if (q.traced()) {
      ctx.count(name + ".with_output" + file, q.withOutput());
      ctx.count(name + ".dropped_by_query" + file, q.droppedByQuery());
    }
  }

  /** Which raw fields this run's files had, and which it read as null; both count its records. */
  static void recordFields(
      RunContext ctx,
      String name,
      List<String> present,
      Set<String> absent,
      List<FileCount> files,
      List<QueryCount> query) {
    long records =
        query.isEmpty() ? FileCount.total(files).read() : QueryCount.total(query).rawRead();
    present.forEach(f -> ctx.count(name + RAW_FIELD + f + "]", records));
    absent.forEach(f -> ctx.count(name + RAW_FIELD_ABSENT + f + "]", records));
  }

  /** The raw fields (lower case) earlier runs recorded for a source's table. */
  static Set<String> fieldsSeen(Lake lake, String name) {
    String prefix = name + RAW_FIELD;
    return Runs.countNames(lake, prefix).stream()
        .map(n -> n.substring(prefix.length(), n.length() - 1).toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
  }

  static void log(
      String name, int files, List<FileCount> counts, List<QueryCount> query, double seconds) {
    FileCount total = FileCount.total(counts);
    QueryCount raw = QueryCount.total(query);
    String rawCounts =
        query.isEmpty()
            ? ""
            : raw.traced()
                ? String.format(
                    " raw_read=%d with_output=%d dropped_by_query=%d",
                    raw.rawRead(), raw.withOutput(), raw.droppedByQuery())
                : String.format(" raw_read=%d", raw.rawRead());
    LOG.info(
        "stage=ingest-validate source={} files={} read={} accepted={} quarantined={} duplicates={}"
            + "{} seconds={}",
        name,
        files,
        total.read(),
        total.accepted(),
        total.quarantined(),
        total.duplicates(),
        rawCounts,
        seconds);
    if (!raw.traced()) {
      LOG.warn(
          "ingest: {} the sql query does not select _source_file and _ordinal through, so its rows"
              + " cannot be traced to raw records and dropped_by_query is not counted",
          name);
    }
  }

  /** Up to ten file names, then how many more. */
  static String fileList(Collection<String> files) {
    String shown = files.stream().limit(FILES_LOGGED).collect(Collectors.joining(", "));
    int more = files.size() - FILES_LOGGED;
    return more > 0 ? shown + " and " + more + " more" : shown;
  }
}
