package io.effortlens.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.effortlens.schema.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Evaluates validation rules in one projection: adds {@link #REASONS} (array of failed codes) and
 * {@link #MESSAGE} (their messages joined). A corrupt row carries only {@code CORRUPT_RECORD}, a
 * filtered one only {@code FILTERED_BY_WHERE}.
 */
public final class Rules {
  public static final String REASONS = "_reasons";
  public static final String MESSAGE = "_message";

  private Rules() {}

  /** Adds the reasons and message of the rules to every row. */
  public static Dataset<Row> withReasons(Dataset<Row> rows, List<Rule> rules) {
    Column[] codes = rules.stream().map(r -> when(r.fails(), lit(r.code()))).toArray(Column[]::new);
    Column[] messages =
        rules.stream().map(r -> when(r.fails(), r.message())).toArray(Column[]::new);
    Column corrupt = col(RawRecords.CORRUPT);
    Column filtered = col(MappedColumns.FILTERED);
    Column reasons =
        when(corrupt, array(lit(ReasonCodes.CORRUPT_RECORD)))
            .when(filtered, array(lit(ReasonCodes.FILTERED_BY_WHERE)))
            .otherwise(array_compact(array(codes)));
    Column message =
        when(corrupt, lit("the record does not parse as the mapping's format"))
            .when(filtered, lit("the record fails the mapping's where predicate"))
            .otherwise(concat_ws("; ", messages));
    return rows.withColumn(REASONS, reasons).withColumn(MESSAGE, message);
  }

  /** Type rules: a present value that does not convert (per typed column of the target schema). */
  public static List<Rule> invalidValues(StructType target, StructType mappedSchema) {
    List<Rule> rules = new ArrayList<>();
    for (StructField field : target.fields()) {
      DataType from = mappedSchema.apply(MappedColumns.PREFIX + field.name()).dataType();
      if (field.dataType() instanceof StringType || from.sameType(field.dataType())) {
        continue;
      }
      Column mapped = TypedValues.mapped(field.name());
      rules.add(
          new Rule(
              ReasonCodes.of(ReasonCodes.INVALID_VALUE, field.name()),
              mapped.isNotNull().and(col(field.name()).isNull()),
              concat(
                  lit(field.name() + " '"),
                  mapped.cast("string"),
                  lit("' is not a valid " + field.dataType().simpleString()))));
    }
    return rules;
  }

  /** A required column is null while its mapped value is also null (else it is invalid). */
  public static Rule missing(String column) {
    return new Rule(
        ReasonCodes.of(ReasonCodes.MISSING_REQUIRED, column),
        col(column).isNull().and(TypedValues.mapped(column).isNull().or(isBlank(column))),
        lit(column + " is missing"));
  }

  public static Rule vocabulary(Vocabulary vocabulary) {
    String column = vocabulary.column();
    return new Rule(
        ReasonCodes.of(ReasonCodes.UNKNOWN_VALUE, column),
        col(column).isNotNull().and(col(column).isin(vocabulary.allowed().toArray()).unary_$bang()),
        concat(
            lit(column + " '"),
            col(column),
            lit("' is not one of " + String.join(", ", vocabulary.allowed()))));
  }

  public static Rule range(String column, Number min, Number max) {
    Column value = col(column);
    Column fails = value.lt(lit(min));
    if (max != null) {
      fails = fails.or(value.gt(lit(max)));
    }
    String bounds = max == null ? "at least " + min : "from " + min + " to " + max;
    return new Rule(
        ReasonCodes.of(ReasonCodes.OUT_OF_RANGE, column),
        value.isNotNull().and(fails),
        concat(lit(column + " "), value.cast("string"), lit(" is not " + bounds)));
  }

  public static Rule nonNegative(String column) {
    return new Rule(
        ReasonCodes.of(ReasonCodes.NEGATIVE, column),
        col(column).isNotNull().and(col(column).lt(lit(0))),
        concat(lit(column + " "), col(column).cast("string"), lit(" is negative")));
  }

  private static Column isBlank(String column) {
    return org.apache
        .spark
        .sql
        .functions
        .trim(TypedValues.mapped(column).cast("string"))
        .equalTo(lit(""));
  }
}
