package io.effortlens.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.decode;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;

import io.effortlens.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads raw files into rows that keep their lineage: the raw columns plus {@link #RAW} (the
 * record's text, or for binary formats a struct of its columns: see {@link #text}), {@link #FILE},
 * {@link #DELIVERED_AT} (file modification time), {@link #ORDINAL} (read order) and {@link
 * #CORRUPT} (the record did not parse). Broken JSON or CSV records are kept, not dropped.
 */
public final class RawRecords {
  public static final String RAW = "_raw";
  public static final String FILE = "_source_file";
  public static final String DELIVERED_AT = "_delivered_at";
  public static final String ORDINAL = "_ordinal";
  public static final String CORRUPT = "_is_corrupt";
  static final List<String> LINEAGE = List.of(RAW, FILE, DELIVERED_AT, ORDINAL, CORRUPT);
  private static final String CORRUPT_COLUMN = "_corrupt_record";

  private RawRecords() {}

  /**
   * Reads files (already expanded) of one format.
   *
   * @param schemaDdl the declared raw schema, or null to infer (JSON) or use the header (CSV)
   */
  public static Dataset<Row> read(
      SparkSession spark,
      String format,
      Map<String, String> options,
      String schemaDdl,
      List<String> files) {
    StructType schema = schemaDdl == null ? null : StructType.fromDDL(schemaDdl);
    boolean multiLine = Boolean.parseBoolean(options.getOrDefault("multiLine", "false"));
    // Spark detects the encoding of whole JSON documents itself; lines are split as UTF-8
    boolean splitsUtf8 = "csv".equals(format) || ("json".equals(format) && !multiLine);
    if (splitsUtf8 && isUtf8(encoding(options))) {
      InputFiles.checkNotUtf16(spark.sparkContext().hadoopConfiguration(), files);
    }
    Dataset<Row> rows =
        switch (format) {
          case "json" ->
              multiLine
                  ? readWholeJson(spark, options, schema, files)
                  : readJsonLines(spark, options, schema, files);
          case "csv" -> readCsv(spark, options, schema, files);
          default -> readBinary(spark, format, options, files);
        };
    return rows.withColumn(ORDINAL, monotonically_increasing_id());
  }

  private static Dataset<Row> readJsonLines(
      SparkSession spark, Map<String, String> opts, StructType declared, List<String> files) {
    Map<String, String> options = withoutEncoding(opts);
    Dataset<Row> text =
        lines(spark, encoding(opts), files)
            .select(regexp_replace(col(RAW), "^\uFEFF", "").as(RAW), col(FILE), col(DELIVERED_AT))
            .filter(trim(col(RAW)).notEqual(lit("")));
    StructType schema =
        declared != null
            ? declared
            : withoutCorrupt(
                spark
                    .read()
                    .options(options)
                    .json(text.select(RAW).as(Encoders.STRING()))
                    .schema());
    Column parsed = from_json(col(RAW), schema, options);
    Column corrupt =
        from_json(
                col(RAW),
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
                options)
            .isNull();
    List<Column> out = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      out.add(col("_parsed").getField(name).as(name));
    }
    out.addAll(List.of(col(RAW), col(FILE), col(DELIVERED_AT), col(CORRUPT)));
    return text.withColumn("_parsed", parsed)
        .withColumn(CORRUPT, corrupt)
        .select(out.toArray(Column[]::new));
  }

  /**
   * The lines of text files with their file and delivery time. UTF-8 is split by Spark's line
   * reader; other encodings cannot be split on bytes, so each file is read whole and decoded first.
   */
  private static Dataset<Row> lines(SparkSession spark, String encoding, List<String> files) {
    String[] paths = files.toArray(String[]::new);
    Dataset<Row> source =
        isUtf8(encoding) ? spark.read().text(paths) : spark.read().format("binaryFile").load(paths);
    Column line =
        isUtf8(encoding) ? col("value") : explode(split(decode(col("content"), encoding), "\r?\n"));
    return source.select(
        line.as(RAW),
        col("_metadata.file_path").as(FILE),
        col("_metadata.file_modification_time").as(DELIVERED_AT));
  }

  private static String encoding(Map<String, String> options) {
    return options.getOrDefault("encoding", options.getOrDefault("charset", "UTF-8"));
  }

  private static boolean isUtf8(String encoding) {
    return encoding.replace("-", "").equalsIgnoreCase("UTF8");
  }

  /** Options for parsing lines already decoded to strings: the encoding no longer applies. */
  private static Map<String, String> withoutEncoding(Map<String, String> options) {
    Map<String, String> opts = new LinkedHashMap<>(options);
    opts.remove("encoding");
    opts.remove("charset");
    return opts;
  }

  private static Dataset<Row> readWholeJson(
      SparkSession spark, Map<String, String> options, StructType declared, List<String> files) {
    Map<String, String> opts = permissive(options);
    StructType inferred =
        declared != null
            ? declared
            : spark.read().options(opts).json(files.toArray(String[]::new)).schema();
    StructType schema = withoutCorrupt(inferred).add(CORRUPT_COLUMN, DataTypes.StringType);
    Dataset<Row> rows =
        spark.read().options(opts).schema(schema).json(files.toArray(String[]::new));
    return withLineage(rows, withoutCorrupt(schema));
  }

  private static Dataset<Row> readCsv(
      SparkSession spark, Map<String, String> options, StructType declared, List<String> files) {
    Map<String, List<String>> byHeader = new LinkedHashMap<>();
    var hadoop = spark.sparkContext().hadoopConfiguration();
    for (String file : files) {
      String header = InputFiles.firstLine(hadoop, file);
      if (header.startsWith("{") || header.startsWith("[")) {
        // read as CSV, the first JSON record would silently become a header
        throw Problems.inputNotCsv(file);
      }
      byHeader.computeIfAbsent(header, h -> new ArrayList<>()).add(file);
    }
    Dataset<Row> all = null;
    for (var group : byHeader.entrySet()) {
      if (group.getKey().isBlank()) {
        continue; // zero-byte or empty files: no header, no records
      }
      Dataset<Row> rows = readCsvGroup(spark, options, declared, group.getKey(), group.getValue());
      all = all == null ? rows : all.unionByName(rows, true);
    }
    if (all != null) {
      return all;
    }
    if (declared == null) {
      // no header and no schema: the mapping's columns could not be resolved
      throw Problems.csvWithoutHeader(files);
    }
    return emptyRaw(spark, declared);
  }

  private static Dataset<Row> readCsvGroup(
      SparkSession spark,
      Map<String, String> options,
      StructType declared,
      String header,
      List<String> files) {
    StructType schema = declared != null ? declared : headerSchema(options, header);
    Map<String, String> opts = permissive(options);
    opts.put("header", "true");
    Dataset<Row> rows =
        spark
            .read()
            .options(opts)
            .schema(schema.add(CORRUPT_COLUMN, DataTypes.StringType))
            .csv(files.toArray(String[]::new));
    return withLineage(rows, schema);
  }

  /** All-string columns named by the header line. */
  private static StructType headerSchema(Map<String, String> options, String header) {
    String sep = options.getOrDefault("sep", options.getOrDefault("delimiter", ","));
    StructType schema = new StructType();
    for (String name : header.split(java.util.regex.Pattern.quote(sep), -1)) {
      schema = schema.add(name.strip().replace("\"", ""), DataTypes.StringType);
    }
    return schema;
  }

  private static Dataset<Row> readBinary(
      SparkSession spark, String format, Map<String, String> options, List<String> files) {
    Dataset<Row> rows =
        "delta".equals(format)
            ? spark.read().format("delta").options(options).load(files.get(0))
            : spark.read().format(format).options(options).load(files.toArray(String[]::new));
    // the record's columns as a struct, not JSON text: only quarantined rows need the text (see
    // text and Batch.withStatus); JSON for all 8.5M rows of the 10M benchmark's web events, carried
    // through the dedup shuffle and cache, was part of 163 s of validation (74 s without)
    return rows.select(
        col("*"),
        struct(Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new))
            .as(RAW),
        col("_metadata.file_path").as(FILE),
        col("_metadata.file_modification_time").as(DELIVERED_AT),
        lit(false).as(CORRUPT));
  }

  /**
   * The record's text from a {@link #RAW} column: the line as read for text formats, JSON of the
   * record's columns for binary ones (Parquet, ORC, Delta), whose {@link #RAW} is a struct.
   */
  public static Column text(Column raw, DataType type) {
    return type instanceof StructType ? to_json(raw) : raw;
  }

  private static Dataset<Row> withLineage(Dataset<Row> rows, StructType dataSchema) {
    Column[] data =
        Arrays.stream(dataSchema.fieldNames()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    List<Column> out = new ArrayList<>(Arrays.asList(data));
    out.add(coalesce(col(CORRUPT_COLUMN), to_json(struct(data))).as(RAW));
    out.add(col("_metadata.file_path").as(FILE));
    out.add(col("_metadata.file_modification_time").as(DELIVERED_AT));
    out.add(col(CORRUPT_COLUMN).isNotNull().as(CORRUPT));
    return rows.select(out.toArray(Column[]::new));
  }

  private static Dataset<Row> emptyRaw(SparkSession spark, StructType dataSchema) {
    StructType schema =
        dataSchema
            .add(RAW, DataTypes.StringType)
            .add(FILE, DataTypes.StringType)
            .add(DELIVERED_AT, DataTypes.TimestampType)
            .add(CORRUPT, DataTypes.BooleanType);
    return spark.createDataFrame(List.of(), schema);
  }

  private static Map<String, String> permissive(Map<String, String> options) {
    Map<String, String> opts = new LinkedHashMap<>(options);
    opts.put("mode", "PERMISSIVE");
    opts.put("columnNameOfCorruptRecord", CORRUPT_COLUMN);
    return opts;
  }

  private static StructType withoutCorrupt(StructType schema) {
    StructField[] kept =
        Arrays.stream(schema.fields())
            .filter(f -> !f.name().equals(CORRUPT_COLUMN))
            .toArray(StructField[]::new);
    return new StructType(kept);
  }
}
