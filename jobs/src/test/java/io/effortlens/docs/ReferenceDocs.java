package io.effortlens.docs;

import io.effortlens.config.ConfigKey;
import io.effortlens.config.ConfigKeys;
import io.effortlens.features.Feature;
import io.effortlens.features.FeatureSet;
import io.effortlens.lake.Table;
import io.effortlens.schema.CustomerSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Renders the reference pages that are generated from code, so they cannot drift: the configuration
 * table from {@link ConfigKeys}, the table catalogue from {@link Table} and its schemas (column
 * descriptions from the schema's column comment, else {@link ColumnDocs}), and the default feature
 * columns from {@link FeatureSet}. {@link ReferenceDocsTest} compares the rendered Markdown with
 * the committed pages and writes them with {@code -Deffortlens.docs.write=true}.
 */
final class ReferenceDocs {
  /** The Maven command that rewrites the generated sections. */
  static final String REGENERATE =
      "mvn -o test -pl jobs -Dtest=ReferenceDocsTest -Deffortlens.docs.write=true";

  /** An as-of date only used to name the default feature columns (no data is read). */
  private static final LocalDate ANY_DATE = LocalDate.of(2024, 1, 1);

  private ReferenceDocs() {}

  /** Every configuration key: name, default, accepted values and help. */
  static String configuration() {
    StringBuilder out = new StringBuilder();
    out.append("| key | default | accepted values | meaning |\n|---|---|---|---|\n");
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      out.append(row(code(key.name()), code(defaultText(key)), key.expected(), key.help()));
    }
    return out.toString();
  }

  /** Every Delta table of the lake with its comment, partitioning and columns. */
  static String tables() {
    StringBuilder out = new StringBuilder();
    for (Table table : Table.values()) {
      out.append("### ").append(table.tableName()).append("\n\n");
      out.append(table.comment()).append("\n\n");
      out.append("Partitioned by: ").append(partitioning(table)).append(".\n\n");
      out.append("| column | type | meaning |\n|---|---|---|\n");
      for (Column column : columns(table)) {
        out.append(row(code(column.path()), code(typeName(column.type())), column.description()));
      }
      out.append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }

  /** The feature columns of customer_features with the default settings and no customers file. */
  static String features() {
    StringBuilder out = new StringBuilder();
    out.append("| column | family | window days | meaning |\n|---|---|---|---|\n");
    for (Feature feature : defaultFeatures()) {
      String window = feature.windowDays() == null ? "" : String.valueOf(feature.windowDays());
      out.append(
          row(code(feature.name()), feature.family().label(), window, feature.description()));
    }
    return out.toString();
  }

  /** What lacks a description in code, one line each: config keys, table columns, tables. */
  static List<String> undocumented() {
    List<String> missing = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      if (key.help() == null || key.help().isBlank()) {
        missing.add("config key " + key.name() + ": no help text in ConfigKeys");
      }
    }
    for (Table table : Table.values()) {
      if (table.comment() == null || table.comment().isBlank()) {
        missing.add("table " + table.tableName() + ": no comment in lake.Table");
      }
      columns(table).stream()
          .filter(column -> column.description().isBlank())
          .forEach(
              column ->
                  missing.add(
                      "column "
                          + table.tableName()
                          + "."
                          + column.path()
                          + ": no column comment in its schema and no entry in ColumnDocs"));
    }
    return missing;
  }

  /** Entries of {@link ColumnDocs} that name no column of any table (a column was removed). */
  static List<String> staleColumnDocs() {
    List<String> known = new ArrayList<>();
    for (Table table : Table.values()) {
      columns(table).forEach(column -> known.add(table.tableName() + "." + column.path()));
    }
    return ColumnDocs.ALL.keySet().stream().filter(key -> !known.contains(key)).sorted().toList();
  }

  private static List<Feature> defaultFeatures() {
    FeatureSet set =
        FeatureSet.of(
            ConfigKeys.FEATURES_WINDOWS_DAYS.defaultValue(),
            ConfigKeys.JOURNEY_HIGH_EFFORT_THRESHOLD.defaultValue(),
            FeatureSet.everywhere(List.of(ANY_DATE), List.of()),
            CustomerSchema.SCHEMA);
    return set.all();
  }

  /** A column, nested ones with a dotted path ({@code reasons[].rank}), and its description. */
  record Column(String path, DataType type, String description) {}

  static List<Column> columns(Table table) {
    List<Column> out = new ArrayList<>();
    addColumns(table.tableName(), "", table.schema(), out);
    return out;
  }

  private static void addColumns(String table, String prefix, StructType struct, List<Column> out) {
    for (StructField field : struct.fields()) {
      String path = prefix + field.name();
      out.add(new Column(path, field.dataType(), description(table, path, field)));
      DataType type = field.dataType();
      if (type instanceof StructType nested) {
        addColumns(table, path + ".", nested, out);
      } else if (type instanceof ArrayType array && array.elementType() instanceof StructType s) {
        addColumns(table, path + "[].", s, out);
      }
    }
  }

  private static String description(String table, String path, StructField field) {
    if (field.getComment().isDefined()) {
      return field.getComment().get();
    }
    return ColumnDocs.ALL.getOrDefault(table + "." + path, "");
  }

  private static String typeName(DataType type) {
    if (type instanceof StructType) {
      return "struct";
    }
    if (type instanceof ArrayType array && array.elementType() instanceof StructType) {
      return "array<struct>";
    }
    return type.simpleString();
  }

  private static String partitioning(Table table) {
    List<String> columns = table.partitionColumns();
    return columns.isEmpty()
        ? "none"
        : columns.stream().map(ReferenceDocs::code).collect(Collectors.joining(", "));
  }

  private static String defaultText(ConfigKey<?> key) {
    Object value = key.defaultValue();
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "\"\"" : text;
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  private static String row(String... cells) {
    List<String> escaped = new ArrayList<>();
    for (String cell : cells) {
      escaped.add(cell.replace("|", "\\|").replace("\n", " "));
    }
    return "| " + String.join(" | ", escaped) + " |\n";
  }
}
