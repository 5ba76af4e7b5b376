package io.effortlens.ingest;

import static io.effortlens.schema.InteractionSchema.ACTION_TYPE;
import static io.effortlens.schema.InteractionSchema.ACTIVITY_TYPE;
import static io.effortlens.schema.InteractionSchema.AMOUNT;
import static io.effortlens.schema.InteractionSchema.ANSWERED_AT;
import static io.effortlens.schema.InteractionSchema.CES;
import static io.effortlens.schema.InteractionSchema.CSAT;
import static io.effortlens.schema.InteractionSchema.ENDED_AT;
import static io.effortlens.schema.InteractionSchema.HANDLE_SECONDS;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.LIFECYCLE_EVENT;
import static io.effortlens.schema.InteractionSchema.NPS;
import static io.effortlens.schema.InteractionSchema.QUANTITY;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static io.effortlens.schema.InteractionSchema.TRANSFERS;
import static io.effortlens.schema.InteractionSchema.WAIT_SECONDS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.effortlens.schema.CustomerSchema;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.schema.Vocabulary;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * From mapped rows ({@code _m_} columns) to typed canonical rows with their validation reasons.
 * Grain unchanged; no shuffle.
 */
public final class CanonicalRows {
  private CanonicalRows() {}

  /** Typed interactions with {@link Rules#REASONS}; see {@link ReasonCodes}. */
  public static Dataset<Row> interactions(
      Dataset<Row> mapped, Instant runStart, IngestSettings settings) {
    Dataset<Row> typed = typed(mapped, InteractionSchema.MAPPED);
    // an activity row without a count stands for one event; a present but invalid count stays
    // null so that its INVALID_VALUE rule fires
    Column defaultOne = TypedValues.mapped(QUANTITY).isNull().and(col(KIND).equalTo("activity"));
    typed = typed.withColumn(QUANTITY, when(defaultOne, lit(1)).otherwise(col(QUANTITY)));
    List<Rule> rules = new ArrayList<>();
    InteractionSchema.REQUIRED.forEach(c -> rules.add(Rules.missing(c)));
    rules.addAll(Rules.invalidValues(InteractionSchema.MAPPED, mapped.schema()));
    for (String ts : List.of(STARTED_AT, ENDED_AT, ANSWERED_AT)) {
      rules.add(plausible(ts, runStart, settings));
    }
    rules.add(before(ENDED_AT, ReasonCodes.ENDED_BEFORE_STARTED, "ended_at is before started_at"));
    rules.add(
        before(
            ANSWERED_AT, ReasonCodes.ANSWERED_BEFORE_STARTED, "answered_at is before started_at"));
    Arrays.stream(Vocabulary.values()).forEach(v -> rules.add(Rules.vocabulary(v)));
    rules.add(Rules.range(CES, 1, 7));
    rules.add(Rules.range(CSAT, 1, 5));
    rules.add(Rules.range(NPS, 0, 10));
    rules.add(Rules.range(QUANTITY, 1, null));
    List.of(TRANSFERS, WAIT_SECONDS, HANDLE_SECONDS, AMOUNT)
        .forEach(c -> rules.add(Rules.nonNegative(c)));
    rules.add(forKind("action", ACTION_TYPE, col(ACTION_TYPE).isNull()));
    rules.add(forKind("lifecycle", LIFECYCLE_EVENT, col(LIFECYCLE_EVENT).isNull()));
    rules.add(forKind("activity", ACTIVITY_TYPE, col(ACTIVITY_TYPE).isNull()));
    Column noAnswer = col(CES).isNull().and(col(CSAT).isNull()).and(col(NPS).isNull());
    rules.add(forKind("survey", "survey_answer", noAnswer));
    return Rules.withReasons(typed, rules);
  }

  /** Typed customers with {@link Rules#REASONS}; extra mapped columns pass through. */
  public static Dataset<Row> customers(
      Dataset<Row> mapped, Instant runStart, IngestSettings settings) {
    Dataset<Row> typed = typed(mapped, CustomerSchema.MAPPED);
    List<Rule> rules = new ArrayList<>();
    CustomerSchema.REQUIRED.forEach(c -> rules.add(Rules.missing(c)));
    rules.addAll(Rules.invalidValues(CustomerSchema.MAPPED, mapped.schema()));
    rules.add(plausible(CustomerSchema.SIGNUP_AT, runStart, settings));
    rules.add(Rules.nonNegative(CustomerSchema.MONTHLY_VALUE));
    return Rules.withReasons(typed, rules);
  }

  private static Dataset<Row> typed(Dataset<Row> mapped, StructType canonical) {
    List<Column> out = new ArrayList<>();
    List<String> vocabularies = Arrays.stream(Vocabulary.values()).map(Vocabulary::column).toList();
    for (StructField field : canonical.fields()) {
      String name = field.name();
      var from = mapped.schema().apply(MappedColumns.PREFIX + name).dataType();
      boolean lower = vocabularies.contains(name) || name.equals(InteractionSchema.INTENT);
      out.add(TypedValues.typed(TypedValues.mapped(name), from, field.dataType(), lower).as(name));
    }
    for (String name : mapped.columns()) {
      out.add(col("`" + name + "`"));
    }
    return mapped.select(out.toArray(Column[]::new));
  }

  private static Rule plausible(String column, Instant runStart, IngestSettings settings) {
    Timestamp earliest =
        Timestamp.from(settings.earliestTimestamp().atStartOfDay().toInstant(ZoneOffset.UTC));
    Timestamp latest = Timestamp.from(runStart.plusSeconds(3600L * settings.maxFutureHours()));
    Column value = col(column);
    return new Rule(
        ReasonCodes.of(ReasonCodes.IMPLAUSIBLE_TIMESTAMP, column),
        value.isNotNull().and(value.lt(lit(earliest)).or(value.gt(lit(latest)))),
        concat(
            lit(column + " "),
            value.cast("string"),
            lit(" is not between " + settings.earliestTimestamp() + " and " + latest.toInstant())));
  }

  private static Rule before(String column, String code, String message) {
    Column fails = col(column).isNotNull().and(col(column).lt(col(STARTED_AT)));
    return new Rule(code, fails, lit(message));
  }

  private static Rule forKind(String kind, String needed, Column missing) {
    return new Rule(
        ReasonCodes.of(ReasonCodes.MISSING_FOR_KIND, needed),
        col(KIND).equalTo(kind).and(missing),
        lit("a " + kind + " row needs " + needed));
  }
}
