package io.effortlens.ingest;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.functions;

/**
 * Raw fields a mapping names that no file of a batch has. Without a declared {@code schema:} the
 * raw columns are what the files hold (JSON's inferred fields, a CSV header, Parquet's columns), so
 * a field that only some days carry is unknown to Spark on a day without it. Found by analysing the
 * mapping's expressions or query against the raw columns (no data is read); filled as null strings.
 * Only top-level fields: a field the mapping uses as a struct or an array cannot be guessed and
 * still needs {@code schema:}. Grain unchanged; no shuffle.
 */
final class AbsentFields {
  private AbsentFields() {}

  /**
   * The top-level raw fields the block names that {@code raw} lacks, in the order the analysis met
   * them. In sql mode the query's other views ({@code raw_<name>}) must be registered already.
   */
  static Set<String> find(SparkSession spark, Dataset<Row> raw, SourceMapping.Block block) {
    Set<String> absent = new LinkedHashSet<>();
    for (String text : texts(block)) {
      String field = unresolved(spark, withNulls(raw, absent), block.isSqlMode(), text);
      while (field != null) {
        absent.add(field);
        field = unresolved(spark, withNulls(raw, absent), block.isSqlMode(), text);
      }
    }
    return absent;
  }

  /** Adds each field as a null string column. */
  static Dataset<Row> withNulls(Dataset<Row> raw, Collection<String> fields) {
    Dataset<Row> out = raw;
    for (String field : fields) {
      out = out.withColumn(field, lit(null).cast("string"));
    }
    return out;
  }

  /** The raw data columns (lineage left out). */
  static List<String> present(Dataset<Row> raw) {
    return Arrays.stream(raw.columns()).filter(c -> !RawRecords.LINEAGE.contains(c)).toList();
  }

  private static List<String> texts(SourceMapping.Block block) {
    List<String> texts = new ArrayList<>();
    if (block.isSqlMode()) {
      texts.add(block.sql());
      return texts;
    }
    block.columns().values().stream().filter(t -> t != null && !t.isBlank()).forEach(texts::add);
    if (block.where() != null) {
      texts.add(block.where());
    }
    return texts;
  }

  /**
   * The raw field an expression (or query) names that {@code raw} does not have, or null when it
   * analyses, or fails for another reason: that failure is the mapping's to report, with its own
   * message, when the block is applied.
   */
  private static String unresolved(
      SparkSession spark, Dataset<Row> raw, boolean sqlMode, String text) {
    try {
      if (sqlMode) {
        raw.createOrReplaceTempView("raw");
        spark.sql(text).schema();
      } else {
        raw.select(functions.expr(text)).schema();
      }
      return null;
    } catch (Exception e) { // Spark throws AnalysisException undeclared
      if (!(e instanceof AnalysisException analysis)
          || analysis.getErrorClass() == null
          || !analysis.getErrorClass().startsWith("UNRESOLVED_COLUMN")) {
        return null;
      }
      String field = firstPart(spark, analysis.getMessageParameters().get("objectName"));
      return has(raw, field) ? null : field;
    }
  }

  /** The first part of a name as Spark quotes it in messages: `a`.`b` is a. */
  private static String firstPart(SparkSession spark, String quoted) {
    try {
      return spark.sessionState().sqlParser().parseMultipartIdentifier(quoted).head();
    } catch (ParseException e) {
      throw new IllegalStateException("Spark named a column it cannot parse: " + quoted, e);
    }
  }

  private static boolean has(Dataset<Row> raw, String field) {
    boolean caseSensitive = raw.sparkSession().sessionState().conf().caseSensitiveAnalysis();
    return Arrays.stream(raw.columns())
        .anyMatch(c -> caseSensitive ? c.equals(field) : c.equalsIgnoreCase(field));
  }
}
