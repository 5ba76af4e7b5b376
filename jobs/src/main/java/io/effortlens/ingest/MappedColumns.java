package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.effortlens.Problems;
import io.effortlens.config.Suggestions;
import io.effortlens.schema.InteractionSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a mapping block to raw rows: one output row per raw row in columns mode (expressions over
 * raw columns), or the rows of the block's query in sql mode ({@link #query}, then {@link
 * #fromQuery}). Output columns are {@code _m_<name>} for every canonical column (null where
 * unmapped), extra mapped columns when allowed, and the raw lineage columns plus {@link #FILTERED}
 * (the row failed the block's {@code where}).
 */
public final class MappedColumns {
  public static final String PREFIX = "_m_";
  public static final String FILTERED = "_is_filtered";

  private MappedColumns() {}

  /** Columns mode: maps every raw row, corrupt ones included (their values are null). */
  public static Dataset<Row> mapColumns(
      Dataset<Row> raw,
      SourceMapping.Block block,
      String file,
      StructType canonical,
      boolean extras,
      PrivacyPolicy privacy) {
    checkNames(block.columns(), file, canonical, extras);
    PersonalData.warnMapped(
        dataColumns(raw), String.join(" ", block.columns().values()), file, privacy);
    List<Column> out = new ArrayList<>();
    for (StructField field : canonical.fields()) {
      String expression = block.columns().get(field.name());
      if (field.name().equals(InteractionSchema.ATTRIBUTES) && expression == null) {
        out.add(attributes(raw, block, privacy).as(PREFIX + field.name()));
      } else {
        out.add(expression(raw, file, field.name(), expression).as(PREFIX + field.name()));
      }
    }
    for (var entry : block.columns().entrySet()) {
      if (!Arrays.asList(canonical.fieldNames()).contains(entry.getKey())) {
        out.add(expression(raw, file, entry.getKey(), entry.getValue()).as(entry.getKey()));
      }
    }
    Column where =
        block.where() == null
            ? lit(false)
            : not(functions.coalesce(expression(raw, file, "where", block.where()), lit(false)));
    out.add(where.as(FILTERED));
    RawRecords.LINEAGE.forEach(c -> out.add(col(c)));
    return raw.select(out.toArray(Column[]::new));
  }

  /** Sql mode: reads the block's extra inputs as the views {@code raw_<name>}. */
  public static void registerInputs(SparkSession spark, SourceMapping.Block block) {
    for (var input : block.extraInputs().entrySet()) {
      var spec = input.getValue();
      var files =
          InputFiles.expand(spark.sparkContext().hadoopConfiguration(), List.of(spec.path()));
      RawRecords.read(spark, spec.format(), spec.options(), null, files)
          .filter(not(col(RawRecords.CORRUPT)))
          .createOrReplaceTempView("raw_" + input.getKey());
    }
  }

  /**
   * Sql mode: runs the block's query over the view {@code raw} (parsed rows only); the extra inputs
   * must be registered ({@link #registerInputs}). The rows are the query's own: {@link #fromQuery}
   * brings them into the mapped shape.
   */
  public static Dataset<Row> query(
      SparkSession spark,
      Dataset<Row> parsed,
      SourceMapping.Block block,
      String file,
      PrivacyPolicy privacy) {
    PersonalData.warnMapped(dataColumns(parsed), block.sql(), file, privacy);
    parsed.createOrReplaceTempView("raw");
    try {
      return spark.sql(block.sql());
    } catch (Exception e) {
      throw asMappingError(
          e,
          file,
          "sql",
          block.sql(),
          " Declare the raw records' schema under 'schema:' so that fields absent from a file"
              + " still resolve.");
    }
  }

  /**
   * Whether a query's rows carry the lineage ({@code _source_file}, {@code _ordinal}) that ties
   * each to the raw record it came from.
   */
  public static boolean tracesRawRecords(Dataset<Row> rows) {
    return Arrays.asList(rows.columns()).containsAll(List.of(RawRecords.FILE, RawRecords.ORDINAL));
  }

  /** Corrupt rows in the mapped shape: every canonical value null, lineage kept. */
  public static Dataset<Row> unmapped(Dataset<Row> corrupt, StructType canonical) {
    List<Column> out = new ArrayList<>();
    for (StructField field : canonical.fields()) {
      out.add(lit(null).as(PREFIX + field.name())); // untyped: widens to the mapped type
    }
    out.add(lit(false).as(FILTERED));
    RawRecords.LINEAGE.forEach(c -> out.add(col(c)));
    return corrupt.select(out.toArray(Column[]::new));
  }

  /**
   * Sql mode: the query's rows in the mapped shape; lineage the query did not select is made up.
   */
  public static Dataset<Row> fromQuery(
      Dataset<Row> rows, String file, StructType canonical, boolean extras) {
    List<String> names = Arrays.asList(rows.columns());
    List<String> canonicalNames = Arrays.asList(canonical.fieldNames());
    List<Column> out = new ArrayList<>();
    for (String name : canonicalNames) {
      out.add((names.contains(name) ? col(name) : lit(null)).as(PREFIX + name));
    }
    List<Column> data = new ArrayList<>();
    for (String name : names) {
      if (RawRecords.LINEAGE.contains(name)) {
        continue;
      }
      data.add(col("`" + name + "`"));
      if (!canonicalNames.contains(name)) {
        if (!extras) {
          throw unknownColumn(file, name, canonical);
        }
        out.add(col("`" + name + "`"));
      }
    }
    out.add(lit(false).as(FILTERED));
    out.add(lineage(names, RawRecords.RAW, to_json(struct(data.toArray(Column[]::new)))));
    out.add(lineage(names, RawRecords.FILE, lit(file + " (sql)")));
    out.add(lineage(names, RawRecords.DELIVERED_AT, lit(null).cast("timestamp")));
    out.add(lineage(names, RawRecords.ORDINAL, monotonically_increasing_id()));
    out.add(lit(false).as(RawRecords.CORRUPT));
    return rows.select(out.toArray(Column[]::new));
  }

  private static Column lineage(List<String> names, String name, Column fallback) {
    return (names.contains(name) ? col(name) : fallback).as(name);
  }

  private static Column expression(Dataset<Row> raw, String file, String column, String text) {
    if (text == null || text.isBlank()) {
      return lit(null);
    }
    try {
      Column parsed = functions.expr(text);
      raw.select(parsed).schema(); // analysis now, so an unknown raw column is reported here
      return parsed;
    } catch (Exception e) {
      throw asMappingError(
          e, file, column, text, " Raw columns: " + String.join(", ", dataColumns(raw)));
    }
  }

  /** Spark throws AnalysisException (parse or analysis) undeclared; anything else is a bug. */
  private static RuntimeException asMappingError(
      Exception e, String file, String column, String text, String hint) {
    if (!(e instanceof AnalysisException analysis)) {
      return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    String detail = analysis.getSimpleMessage() + hint;
    return Problems.mappingExpression(file, column, text, detail, e);
  }

  /** Whether an expression text names a column (as a whole word). */
  static boolean mentions(String expressions, String column) {
    return Pattern.compile("\\b" + Pattern.quote(column) + "\\b").matcher(expressions).find();
  }

  /**
   * Unmapped raw columns as a string map; nested values as JSON, nulls left out. Personal columns
   * are left out too, or kept as HMAC-SHA256 in hash mode; in the other values personal JSON
   * fields, e-mail addresses and phone numbers are redacted.
   */
  private static Column attributes(
      Dataset<Row> raw, SourceMapping.Block block, PrivacyPolicy privacy) {
    if (!block.keepUnmapped()) {
      return lit(null).cast("map<string,string>");
    }
    String mentioned = String.join(" ", block.columns().values()) + " " + block.where();
    List<Column> keys = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (StructField field : raw.schema().fields()) {
      String name = field.name();
      boolean personal = privacy.isPersonal(name);
      if (RawRecords.LINEAGE.contains(name)
          || mentions(mentioned, name)
          || (personal && !privacy.hash())) {
        continue;
      }
      keys.add(lit(name));
      Column text = asText(field);
      values.add(
          personal
              ? Pseudonyms.hmacSha256(text, privacy.key())
              : PersonalData.redactText(text, privacy));
    }
    if (keys.isEmpty()) {
      return lit(null).cast("map<string,string>");
    }
    Column map =
        map_from_arrays(
            functions.array(keys.toArray(Column[]::new)),
            functions.array(values.toArray(Column[]::new)));
    return map_filter(map, (k, v) -> v.isNotNull());
  }

  private static Column asText(StructField field) {
    boolean nested =
        field.dataType() instanceof StructType
            || field.dataType() instanceof ArrayType
            || field.dataType() instanceof MapType;
    Column value = col("`" + field.name() + "`");
    return nested ? to_json(value) : value.cast("string");
  }

  private static void checkNames(
      Map<String, String> columns, String file, StructType canonical, boolean extras) {
    if (extras) {
      return;
    }
    for (String name : columns.keySet()) {
      if (!Arrays.asList(canonical.fieldNames()).contains(name)) {
        throw unknownColumn(file, name, canonical);
      }
    }
  }

  private static RuntimeException unknownColumn(String file, String name, StructType canonical) {
    String closest = Suggestions.closest(name, Arrays.asList(canonical.fieldNames()));
    return Problems.mappingInvalid(
        file,
        "'"
            + name
            + "' is not a canonical column"
            + (closest == null ? "" : " (did you mean '" + closest + "'?)"),
        "map only to " + String.join(", ", canonical.fieldNames()));
  }

  private static List<String> dataColumns(Dataset<Row> raw) {
    return Arrays.stream(raw.columns()).filter(c -> !RawRecords.LINEAGE.contains(c)).toList();
  }
}
