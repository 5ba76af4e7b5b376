package io.effortlens.journey;

import io.effortlens.schema.InteractionSchema;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Test fixture builder of canonical interaction rows: a kind, an id, a customer and a UTC start
 * time ("2024-03-01 10:00"), everything else defaulted (source "crm", channel phone for contacts,
 * web otherwise) and settable fluently.
 */
public final class Touch {
  private final Map<String, Object> values = new HashMap<>();

  private Touch(String kind, String id, String customer, String startedAt) {
    values.put(InteractionSchema.KIND, kind);
    values.put(InteractionSchema.INTERACTION_ID, id);
    values.put(InteractionSchema.CUSTOMER_ID, customer);
    values.put(InteractionSchema.STARTED_AT, at(startedAt));
    values.put(InteractionSchema.SOURCE, "crm");
    values.put(InteractionSchema.CHANNEL, kind.equals("contact") ? "phone" : "web");
  }

  public static Touch contact(String id, String customer, String startedAt) {
    return new Touch("contact", id, customer, startedAt);
  }

  public static Touch selfService(String id, String customer, String startedAt, String outcome) {
    return new Touch("self_service", id, customer, startedAt)
        .set(InteractionSchema.OUTCOME, outcome);
  }

  public static Touch survey(String id, String customer, String startedAt, String answeredAt) {
    return new Touch("survey", id, customer, startedAt)
        .set(InteractionSchema.ANSWERED_AT, at(answeredAt));
  }

  public static Touch action(
      String id, String customer, String startedAt, String type, double amount) {
    return new Touch("action", id, customer, startedAt)
        .set(InteractionSchema.ACTION_TYPE, type)
        .set(InteractionSchema.AMOUNT, amount);
  }

  public static Touch lifecycle(String id, String customer, String startedAt, String event) {
    return new Touch("lifecycle", id, customer, startedAt)
        .set(InteractionSchema.LIFECYCLE_EVENT, event);
  }

  public static Touch activity(String id, String customer, String startedAt, String type) {
    return new Touch("activity", id, customer, startedAt)
        .set(InteractionSchema.ACTIVITY_TYPE, type)
        .set(InteractionSchema.QUANTITY, 1);
  }

  public Touch set(String column, Object value) {
    values.put(column, value);
    return this;
  }

  public Touch channel(String channel) {
    return set(InteractionSchema.CHANNEL, channel);
  }

  public Touch intent(String intent) {
    return set(InteractionSchema.INTENT, intent);
  }

  public Touch caseId(String caseId) {
    return set(InteractionSchema.CASE_ID, caseId);
  }

  public Touch source(String source) {
    return set(InteractionSchema.SOURCE, source);
  }

  public Touch endedAt(String endedAt) {
    return set(InteractionSchema.ENDED_AT, at(endedAt));
  }

  public Touch resolved(boolean resolved) {
    return set(InteractionSchema.RESOLVED, resolved);
  }

  public Touch transfers(int transfers) {
    return set(InteractionSchema.TRANSFERS, transfers);
  }

  public Touch waitSeconds(double seconds) {
    return set(InteractionSchema.WAIT_SECONDS, seconds);
  }

  public Touch handleSeconds(double seconds) {
    return set(InteractionSchema.HANDLE_SECONDS, seconds);
  }

  public Touch repeatedInfo(boolean repeated) {
    return set(InteractionSchema.REPEATED_INFO, repeated);
  }

  public Touch ces(int ces) {
    return set(InteractionSchema.CES, ces);
  }

  public Touch csat(int csat) {
    return set(InteractionSchema.CSAT, csat);
  }

  public Touch nps(int nps) {
    return set(InteractionSchema.NPS, nps);
  }

  /** The canonical row, in {@link InteractionSchema#SCHEMA} order. */
  public Row row() {
    Timestamp started = (Timestamp) values.get(InteractionSchema.STARTED_AT);
    values.put(
        InteractionSchema.EVENT_DATE,
        Date.valueOf(started.toInstant().atZone(ZoneOffset.UTC).toLocalDate()));
    List<Object> out = new ArrayList<>();
    for (String column : InteractionSchema.columns()) {
      out.add(values.get(column));
    }
    return RowFactory.create(out.toArray());
  }

  /** The rows as an interactions DataFrame. */
  public static Dataset<Row> frame(SparkSession spark, List<Touch> touches) {
    return spark.createDataFrame(
        touches.stream().map(Touch::row).toList(), InteractionSchema.SCHEMA);
  }

  public static Dataset<Row> frame(SparkSession spark, Touch... touches) {
    return frame(spark, List.of(touches));
  }

  /** "2024-03-01 10:00" or "2024-03-01 10:00:30" as a UTC instant. */
  public static Timestamp at(String utc) {
    String text = utc.length() == 16 ? utc + ":00" : utc;
    return Timestamp.from(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
  }
}
