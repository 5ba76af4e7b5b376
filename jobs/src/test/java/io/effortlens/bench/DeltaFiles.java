package io.effortlens.bench;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The Parquet files of a Delta table's current version, read from its JSON commit log with DuckDB
 * (DuckDB's own Delta extension would be downloaded at run time, which the benchmark must not
 * need). Every commit file stays in {@code _delta_log} until log retention (30 days) removes it, so
 * the files added and never removed are the current snapshot. Deletion vectors are refused: the
 * lake does not write them, and a reader that ignored them would count deleted rows.
 */
final class DeltaFiles {
  private DeltaFiles() {}

  /** Absolute paths of the current data files whose table-relative path starts with a prefix. */
  static List<String> current(Connection duck, Path table, String prefix) throws SQLException {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      throw new IllegalStateException(
          "Cannot list Delta files: no _delta_log in " + table + " (run the Spark stage first)");
    }
    List<String> out = new ArrayList<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(activeFilesSql(log))) {
      while (rs.next()) {
        if (rs.getBoolean(2)) {
          throw new IllegalStateException(
              "Cannot read " + table + ": file " + rs.getString(1) + " has a deletion vector");
        }
        String path = URLDecoder.decode(rs.getString(1), StandardCharsets.UTF_8);
        if (path.startsWith(prefix)) {
          out.add(table.resolve(path).toString());
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(
          "Cannot read " + table + ": no current file under '" + prefix + "'");
    }
    return out;
  }

  /** {@code read_parquet([...])} over the given files. */
  static String readParquet(List<String> files) {
    StringBuilder sql = new StringBuilder("read_parquet([");
    for (int i = 0; i < files.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(files.get(i)));
    }
    return sql.append("])").toString();
  }

  static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String activeFilesSql(Path log) {
    String commits = quote(log.resolve("*.json").toString());
    return """
        WITH log AS (SELECT json FROM read_ndjson_objects(%s)),
        added AS (
          SELECT json->>'$.add.path' AS path,
                 coalesce((json->>'$.add.deletionVector'), 'null') <> 'null' AS has_dv
          FROM log WHERE json->>'$.add.path' IS NOT NULL),
        removed AS (
          SELECT json->>'$.remove.path' AS path FROM log WHERE json->>'$.remove.path' IS NOT NULL)
        SELECT path, has_dv FROM added WHERE path NOT IN (SELECT path FROM removed) ORDER BY path
        """
        .formatted(commits);
  }
}
