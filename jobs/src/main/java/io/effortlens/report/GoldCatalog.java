package io.effortlens.report;

import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Registers path-based Delta tables in a catalog database, so BI tools and SQL users find them by
 * name ({@code effortlens.effort_kpis}). The tables stay where they are: registration is {@code
 * CREATE TABLE IF NOT EXISTS ... USING DELTA LOCATION}; a name pointing at another lake is
 * re-pointed (dropping an external table's name deletes no data).
 */
final class GoldCatalog {
  private GoldCatalog() {}

  /** Registers the tables; returns their qualified names. */
  static List<String> register(Lake lake, String database, List<Table> tables) {
    SparkSession spark = lake.spark();
    spark.sql(
        "CREATE DATABASE IF NOT EXISTS `"
            + database
            + "` COMMENT 'EffortLens gold tables for BI (Delta, registered by effortlens gold)'");
    return tables.stream().map(table -> register(lake, database, table)).toList();
  }

  private static String register(Lake lake, String database, Table table) {
    SparkSession spark = lake.spark();
    String name = "`" + database + "`.`" + table.tableName() + "`";
    String location = lake.path(table);
    if (spark.catalog().tableExists(database, table.tableName())
        && !sameLocation(location(spark, name), location)) {
      spark.sql("DROP TABLE " + name);
    }
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + name
            + " USING DELTA LOCATION '"
            + location.replace("\\", "\\\\").replace("'", "\\'")
            + "'");
    return database + "." + table.tableName();
  }

  private static String location(SparkSession spark, String name) {
    Row detail = spark.sql("DESCRIBE DETAIL " + name).select("location").first();
    return detail.isNullAt(0) ? "" : detail.getString(0);
  }

  private static boolean sameLocation(String registered, String location) {
    return strip(registered).equals(strip(location));
  }

  private static String strip(String path) {
    String plain = path.startsWith("file:") ? path.substring("file:".length()) : path;
    plain = plain.replaceFirst("^/+", "/");
    return plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
  }
}
