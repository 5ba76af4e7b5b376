package io.effortlens.report;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A nullable column with its comment (Delta stores it as the column's comment, BI tools show it).
 */
final class GoldField {
  private GoldField() {}

  static StructField of(String name, DataType type, String comment) {
    return DataTypes.createStructField(name, type, true).withComment(comment);
  }
}
