package io.effortlens.reliability;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks on the state of a lake, computed by Spark (only counts reach the test): every table
 * readable and free of duplicate keys, and comparisons of two states table by table, unit by unit,
 * as multisets of row fingerprints (SHA-256 of the row's JSON, columns in name order).
 */
final class LakeState {
  private static final String UNIT = "_unit";
  private static final String PRINT = "_print";

  private LakeState() {}

  /** Delta version of every existing table: a state that time travel can read back. */
  static Map<Table, Long> versions(Lake lake) {
    Map<Table, Long> versions = new EnumMap<>(Table.class);
    for (Table table : Table.values()) {
      if (lake.exists(table)) {
        versions.put(table, lake.lastCommit(table).version());
      }
    }
    return versions;
  }

  /**
   * Problems of one lake: a table that cannot be read, rows sharing a key. Empty when sound.
   * Returns the row count per table in {@code rows}.
   */
  static List<String> soundness(Lake lake, Map<Table, Long> rows) {
    List<String> problems = new ArrayList<>();
    for (Table table : Table.values()) {
      if (!lake.exists(table)) {
        continue;
      }
      try {
        Dataset<Row> data = lake.read(table, "any");
        List<String> keys = TableRules.of(table).keys();
        long count = data.count();
        long distinct = data.select(columns(keys)).distinct().count();
        rows.put(table, count);
        if (count != distinct) {
          problems.add(table.tableName() + ": " + (count - distinct) + " rows share a key " + keys);
        }
      } catch (RuntimeException e) {
        problems.add(table.tableName() + ": not readable: " + e);
      }
    }
    return problems;
  }

  /**
   * Differences between {@code actual} and {@code expected} for every table that is not a run log.
   * Each unit present in actual must equal the expected unit; with {@code complete} every expected
   * unit (and table) must also be present.
   */
  static List<String> differences(State actual, State expected, boolean complete) {
    List<String> problems = new ArrayList<>();
    for (Table table : Table.values()) {
      TableRules.Rule rule = TableRules.of(table);
      if (rule.isRunLog()) {
        continue;
      }
      Dataset<Row> a = actual.prints(table);
      Dataset<Row> e = expected.prints(table);
      if (a == null || e == null) {
        if (a != null || (complete && e != null)) {
          problems.add(table.tableName() + ": present in one state only");
        }
        continue;
      }
      Dataset<Row> present = a.select(UNIT).distinct();
      Dataset<Row> expectedPresent = e.join(present, UNIT);
      long extra = a.exceptAll(expectedPresent).count();
      long missing = expectedPresent.exceptAll(a).count();
      long missingUnits = complete ? e.select(UNIT).distinct().exceptAll(present).count() : 0;
      if (extra + missing + missingUnits > 0) {
        problems.add(
            "%s: %d rows not expected, %d expected rows missing, %d units missing"
                .formatted(table.tableName(), extra, missing, missingUnits));
      }
    }
    return problems;
  }

  /**
   * A state to compare: a lake at its current versions or at given versions, optionally without
   * lineage columns (to compare lakes built by different runs).
   */
  record State(Lake lake, Map<Table, Long> versions, boolean withoutLineage) {
    static State current(Lake lake, boolean withoutLineage) {
      return new State(lake, null, withoutLineage);
    }

    Dataset<Row> prints(Table table) {
      SparkSession spark = lake.spark();
      Dataset<Row> data;
      if (versions == null) {
        if (!lake.exists(table)) {
          return null;
        }
        data = lake.read(table, "any");
      } else {
        Long version = versions.get(table);
        if (version == null) {
          return null;
        }
        data = spark.read().format("delta").option("versionAsOf", version).load(lake.path(table));
      }
      TableRules.Rule rule = TableRules.of(table);
      return fingerprints(data, rule.unit(), withoutLineage || rule.restamped());
    }
  }

  private static Dataset<Row> fingerprints(
      Dataset<Row> data, List<String> unit, boolean withoutLineage) {
    Set<String> skip = withoutLineage ? TableRules.LINEAGE : Set.of();
    Column[] content =
        Arrays.stream(data.columns())
            .filter(c -> !skip.contains(c))
            .sorted()
            .map(c -> col("`" + c + "`"))
            .toArray(Column[]::new);
    Column unitKey =
        unit.isEmpty() ? lit("all") : coalesce(to_json(struct(columns(unit))), lit(""));
    return data.select(unitKey.as(UNIT), sha2(to_json(struct(content)), 256).as(PRINT));
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
  }
}
