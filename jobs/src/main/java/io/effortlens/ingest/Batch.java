package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.effortlens.schema.QuarantineSchema;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;

/**
 * Classifies validated rows into accepted, quarantined or duplicate ({@link #STATUS}). Among valid
 * rows with the same key the newest delivery wins (file modification time, then file name, then
 * read order); the others are counted duplicates. One shuffle by key. The batch keeps the typed
 * columns, the lineage, and {@link RawRecords#RAW} as text for quarantined rows only (null
 * otherwise).
 */
public final class Batch {
  public static final String STATUS = "_status";
  public static final String ACCEPTED = "accepted";
  public static final String QUARANTINED = "quarantined";
  public static final String DUPLICATE = "duplicate";

  private Batch() {}

  public static Dataset<Row> withStatus(Dataset<Row> checked, String key) {
    Column valid = size(col(Rules.REASONS)).equalTo(0);
    // Before the shuffle, drop what only the rules needed: the mapped values (typed ones are
    // kept), and the record's text of valid rows, which only quarantine stores. Both went through
    // the shuffle and into the cache for every row (bench/results/optimisations.md, third round).
    List<Column> kept = new ArrayList<>();
    for (StructField field : checked.schema().fields()) {
      String name = field.name();
      if (name.equals(RawRecords.RAW)) {
        Column text = RawRecords.text(col(name), field.dataType());
        kept.add(when(valid.unary_$bang(), text).as(name));
      } else if (!name.startsWith(MappedColumns.PREFIX)) {
        kept.add(col("`" + name + "`"));
      }
    }
    checked = checked.select(kept.toArray(Column[]::new));
    WindowSpec newestFirst =
        Window.partitionBy(valid, col(key))
            .orderBy(
                col(RawRecords.DELIVERED_AT).desc_nulls_last(),
                col(RawRecords.FILE).desc(),
                col(RawRecords.ORDINAL).desc());
    Column status =
        when(valid.unary_$bang(), lit(QUARANTINED))
            .when(row_number().over(newestFirst).gt(1), lit(DUPLICATE))
            .otherwise(lit(ACCEPTED));
    return checked.withColumn(STATUS, status);
  }

  public static Dataset<Row> filterStatus(Dataset<Row> batch, String status) {
    return batch.filter(col(STATUS).equalTo(status));
  }

  /** Per-file counts: one small row per input file. */
  public static List<FileCount> reconcile(Dataset<Row> batch) {
    Column isFiltered = col(MappedColumns.FILTERED).and(col(RawRecords.CORRUPT).unary_$bang());
    List<Row> rows =
        batch
            .groupBy(col(RawRecords.FILE))
            .agg(
                count(lit(1)).as("read"),
                sum(when(col(STATUS).equalTo(ACCEPTED), 1).otherwise(0)).as("accepted"),
                sum(when(col(STATUS).equalTo(QUARANTINED), 1).otherwise(0)).as("quarantined"),
                sum(when(col(STATUS).equalTo(DUPLICATE), 1).otherwise(0)).as("duplicates"),
                sum(when(isFiltered, 1).otherwise(0)).as("filtered"))
            .orderBy(col(RawRecords.FILE))
            .collectAsList();
    return rows.stream()
        .map(
            r ->
                new FileCount(
                    r.isNullAt(0) ? "(unknown file)" : r.getString(0),
                    r.getLong(1),
                    r.getLong(2),
                    r.getLong(3),
                    r.getLong(4),
                    r.getLong(5)))
        .toList();
  }

  /**
   * Sql mode, per input file: the raw records read, and when the query selects the lineage through
   * ({@code traced}) those the batch holds a row of. Counting the raw records is one more pass over
   * the input, which keeps only the file name of each record.
   */
  public static List<QueryCount> reconcileQuery(
      Dataset<Row> raw, Dataset<Row> batch, boolean traced) {
    Map<String, Long> read = perFile(raw.groupBy(col(RawRecords.FILE)).agg(count(lit(1))));
    Map<String, Long> output =
        !traced
            ? Map.of()
            : perFile(
                batch
                    .groupBy(col(RawRecords.FILE))
                    .agg(
                        countDistinct(when(not(col(RawRecords.CORRUPT)), col(RawRecords.ORDINAL)))
                            .plus(sum(when(col(RawRecords.CORRUPT), 1).otherwise(0)))));
    return read.entrySet().stream()
        .map(
            e ->
                traced
                    ? QueryCount.of(e.getKey(), e.getValue(), output.getOrDefault(e.getKey(), 0L))
                    : QueryCount.untraced(e.getKey(), e.getValue()))
        .toList();
  }

  /** File to count, from rows of (file, count), sorted by file. */
  private static Map<String, Long> perFile(Dataset<Row> counts) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : counts.collectAsList()) {
      out.put(r.isNullAt(0) ? "(unknown file)" : r.getString(0), r.getLong(1));
    }
    return out;
  }

  /**
   * Quarantine rows of the batch, keyed so that a rerun over the same files adds nothing. The raw
   * text is redacted ({@link PersonalData#redactText}) here, where it leaves for storage, so that
   * only quarantined rows pay for the regular expressions.
   */
  public static Dataset<Row> toQuarantine(
      Dataset<Row> batch,
      String table,
      String source,
      String key,
      String runId,
      Timestamp at,
      PrivacyPolicy privacy) {
    Column raw = PersonalData.redactText(col(RawRecords.RAW), privacy);
    Column rawHash = sha2(raw, 256);
    WindowSpec sameRecord =
        Window.partitionBy(col(RawRecords.FILE), rawHash).orderBy(col(RawRecords.ORDINAL));
    return filterStatus(batch, QUARANTINED)
        .select(
            lit(table).as(QuarantineSchema.TARGET_TABLE),
            lit(source).as(QuarantineSchema.SOURCE),
            col(RawRecords.FILE).as(QuarantineSchema.SOURCE_FILE),
            raw.as(QuarantineSchema.RAW),
            rawHash.as(QuarantineSchema.RAW_HASH),
            row_number().over(sameRecord).as(QuarantineSchema.OCCURRENCE),
            col(key).as(QuarantineSchema.RECORD_KEY),
            col(Rules.REASONS).as(QuarantineSchema.REASONS),
            col(Rules.MESSAGE).as(QuarantineSchema.MESSAGE),
            lit(runId).as(QuarantineSchema.RUN_ID),
            lit(at).as(QuarantineSchema.QUARANTINED_AT));
  }

  static String[] quarantineKeys() {
    return new String[] {
      QuarantineSchema.TARGET_TABLE,
      QuarantineSchema.SOURCE,
      QuarantineSchema.SOURCE_FILE,
      QuarantineSchema.RAW_HASH,
      QuarantineSchema.OCCURRENCE
    };
  }
}
