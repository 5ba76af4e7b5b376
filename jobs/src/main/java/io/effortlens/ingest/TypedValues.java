package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Converts a mapped value of whatever raw type into its canonical type, with built-in functions
 * only. A value that is present but cannot be converted becomes null, so {@code mapped IS NOT NULL
 * AND typed IS NULL} marks an invalid value.
 */
public final class TypedValues {
  private static final String EPOCH_MILLIS = "^-?[0-9]{9,}$";

  private TypedValues() {}

  /**
   * The canonical value of a mapped column.
   *
   * @param mapped the mapped column
   * @param from its data type
   * @param to the canonical type
   * @param vocabulary whether the column is a closed vocabulary (lower-cased, spaces to '_')
   */
  public static Column typed(Column mapped, DataType from, DataType to, boolean vocabulary) {
    if (to instanceof TimestampType) {
      return timestamp(mapped, from);
    }
    if (to instanceof BooleanType) {
      return bool(mapped, from);
    }
    if (to instanceof StringType) {
      Column text = nullif(trim(mapped.cast("string")), lit(""));
      return vocabulary ? regexp_replace(lower(text), "[\\s-]+", "_") : text;
    }
    if (from instanceof StringType) {
      return trim(mapped).cast(to);
    }
    return mapped.cast(to);
  }

  /** ISO-8601 (with offset; none means UTC), a date, or epoch milliseconds. */
  public static Column timestamp(Column mapped, DataType from) {
    if (from instanceof TimestampType || from instanceof DateType) {
      return mapped.cast(DataTypes.TimestampType);
    }
    if (from instanceof NumericType) {
      return timestamp_millis(mapped.cast("long"));
    }
    Column text = trim(mapped.cast("string"));
    return when(text.rlike(EPOCH_MILLIS), timestamp_millis(text.cast("long")))
        .otherwise(text.cast(DataTypes.TimestampType));
  }

  private static Column bool(Column mapped, DataType from) {
    if (from instanceof BooleanType) {
      return mapped;
    }
    if (from instanceof NumericType) {
      return when(mapped.isNull(), lit(null)).otherwise(mapped.notEqual(lit(0)));
    }
    Column text = lower(trim(mapped.cast("string")));
    return when(text.isin("true", "t", "yes", "y", "1"), lit(true))
        .when(text.isin("false", "f", "no", "n", "0"), lit(false));
  }

  /** The mapped column name of a canonical column. */
  public static Column mapped(String canonical) {
    return col(MappedColumns.PREFIX + canonical);
  }
}
