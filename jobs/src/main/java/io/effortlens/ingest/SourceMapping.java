package io.effortlens.ingest;

import java.util.Map;

/**
 * A parsed mapping file ({@code conf/sources/NAME.yaml}): how one company's raw logs become
 * canonical rows. Exactly one of {@link #columns()} (canonical column to Spark SQL expression over
 * raw columns) or {@link #sql()} (a query over the view {@code raw} and {@code raw_<name>} for
 * extra inputs).
 *
 * @param name the source name stored in every row's {@code source} column
 * @param file where the mapping was read from, for messages
 * @param input how to read and map the interaction files
 * @param customers how to read and map the customer file, or null when the mapping has none
 */
public record SourceMapping(String name, String file, Block input, Block customers) {

  /**
   * One reading-and-mapping block.
   *
   * @param format json, csv, parquet, orc or delta
   * @param options reader options passed to Spark
   * @param schema the raw records' schema as Spark DDL, or null to infer it (JSON) or take the
   *     header (CSV, all strings)
   * @param where optional predicate on raw rows; rows failing it are quarantined as filtered
   * @param columns canonical column to expression (insertion order), or empty in sql mode
   * @param keepUnmapped whether raw columns no expression mentions go to {@code attributes}
   * @param sql the query of sql mode, or null
   * @param extraInputs name to path for {@code raw_<name>} views in sql mode
   */
  public record Block(
      String format,
      Map<String, String> options,
      String schema,
      String where,
      Map<String, String> columns,
      boolean keepUnmapped,
      String sql,
      Map<String, ExtraInput> extraInputs) {
    public boolean isSqlMode() {
      return sql != null;
    }
  }

  /** An extra raw input for sql mode, read as view {@code raw_<name>}. */
  public record ExtraInput(String format, String path, Map<String, String> options) {}
}
