package io.effortlens.ingest;

import io.effortlens.Problems;
import io.effortlens.config.Suggestions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Finds and parses mapping files. {@code --source NAME} means {@code <conf dir>/sources/NAME.yaml};
 * a path to a file works too. Unknown keys, missing sections and bad formats fail with the file and
 * the fix.
 */
public final class SourceMappings {
  static final Set<String> FORMATS = Set.of("json", "csv", "parquet", "orc", "delta");
  private static final Set<String> TOP_KEYS =
      Set.of(
          "name",
          "format",
          "options",
          "schema",
          "where",
          "columns",
          "keep_unmapped",
          "sql",
          "inputs",
          "customers",
          "description");
  private static final Set<String> BLOCK_KEYS =
      Set.of("format", "options", "schema", "where", "columns", "keep_unmapped", "sql", "inputs");
  private static final Set<String> INPUT_KEYS = Set.of("format", "path", "options");

  private SourceMappings() {}

  /** Resolves a source name or path against the configuration directory and parses it. */
  public static SourceMapping load(String nameOrPath, String confDir) {
    Path direct = Path.of(nameOrPath);
    Path named = Path.of(confDir, "sources", nameOrPath + ".yaml");
    Path file = Files.isRegularFile(direct) ? direct : named;
    if (!Files.isRegularFile(file)) {
      throw Problems.mappingNotFound(nameOrPath, List.of(named.toString(), direct.toString()));
    }
    return parse(file);
  }

  static SourceMapping parse(Path file) {
    Map<String, Object> doc = readYaml(file);
    String where = file.toString();
    checkKeys(doc, TOP_KEYS, where, "");
    String fallbackName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    String name = text(doc.getOrDefault("name", fallbackName));
    SourceMapping.Block input = block(doc, where, "");
    SourceMapping.Block customers = null;
    if (doc.get("customers") != null) {
      Map<String, Object> section = map(doc.get("customers"), where, "customers");
      checkKeys(section, BLOCK_KEYS, where, "customers.");
      customers = block(section, where, "customers.");
    }
    return new SourceMapping(name, where, input, customers);
  }

  private static SourceMapping.Block block(Map<String, Object> doc, String file, String prefix) {
    String format = text(doc.getOrDefault("format", "json")).toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw Problems.mappingInvalid(
          file,
          "'" + prefix + "format' is '" + format + "'",
          "use one of " + String.join(", ", FORMATS.stream().sorted().toList()));
    }
    boolean hasColumns = doc.get("columns") != null;
    boolean hasSql = doc.get("sql") != null;
    if (hasColumns == hasSql) {
      throw Problems.mappingInvalid(
          file,
          "it needs exactly one of '" + prefix + "columns' and '" + prefix + "sql'",
          "map canonical columns to expressions under 'columns:', or write a query over the view"
              + " 'raw' under 'sql:'");
    }
    return new SourceMapping.Block(
        format,
        strings(doc.get("options"), file, prefix + "options"),
        schema(doc.get("schema"), file, prefix + "schema"),
        doc.get("where") == null ? null : text(doc.get("where")),
        strings(doc.get("columns"), file, prefix + "columns"),
        Boolean.parseBoolean(text(doc.getOrDefault("keep_unmapped", "false"))),
        hasSql ? text(doc.get("sql")) : null,
        extraInputs(doc.get("inputs"), file, prefix + "inputs"));
  }

  private static String schema(Object node, String file, String key) {
    if (node == null) {
      return null;
    }
    String ddl = text(node);
    try {
      org.apache.spark.sql.types.StructType.fromDDL(ddl);
      return ddl;
    } catch (Exception e) { // Spark throws its ParseException undeclared
      throw Problems.mappingInvalid(
          file,
          "'"
              + key
              + "' is not a Spark DDL schema ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")",
          "write it like: contact_id STRING, legs ARRAY<STRUCT<queue: STRING, wait_s: DOUBLE>>");
    }
  }

  private static Map<String, SourceMapping.ExtraInput> extraInputs(
      Object node, String file, String key) {
    Map<String, SourceMapping.ExtraInput> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    for (var entry : map(node, file, key).entrySet()) {
      Map<String, Object> spec = map(entry.getValue(), file, key + "." + entry.getKey());
      checkKeys(spec, INPUT_KEYS, file, key + "." + entry.getKey() + ".");
      if (spec.get("path") == null) {
        throw Problems.mappingInvalid(
            file, "'" + key + "." + entry.getKey() + "' has no 'path'", "add path: <file or glob>");
      }
      out.put(
          entry.getKey(),
          new SourceMapping.ExtraInput(
              text(spec.getOrDefault("format", "json")).toLowerCase(Locale.ROOT),
              text(spec.get("path")),
              strings(spec.get("options"), file, key + ".options")));
    }
    return out;
  }

  private static void checkKeys(
      Map<String, Object> doc, Set<String> allowed, String file, String p) {
    for (String key : doc.keySet()) {
      if (!allowed.contains(key)) {
        String closest = Suggestions.closest(key, allowed);
        throw Problems.mappingInvalid(
            file,
            "unknown key '"
                + p
                + key
                + "'"
                + (closest == null ? "" : " (did you mean '" + p + closest + "'?)"),
            "use only " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node, String file, String key) {
    if (!(node instanceof Map<?, ?>)) {
      throw Problems.mappingInvalid(
          file,
          "'" + key + "' must be a mapping of names to values",
          "indent 'name: value' pairs under it");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) node).forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static Map<String, String> strings(Object node, String file, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null) {
      map(node, file, key).forEach((k, v) -> out.put(k, v == null ? null : text(v)));
    }
    return out;
  }

  private static String text(Object value) {
    return String.valueOf(value).strip();
  }

  private static Map<String, Object> readYaml(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object doc = new Yaml(new LoaderOptions()).load(reader);
      return map(doc, file.toString(), "the file");
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      throw Problems.yamlSyntax(
          file.toString(), mark.getLine() + 1, mark.getColumn() + 1, e.getProblem());
    } catch (IOException e) {
      throw Problems.fileNotFound("mapping", file.toString(), "check the file permissions");
    }
  }
}
