package io.effortlens.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Shapes the simulated rows into what each vendor system exports: the contact-centre union rows
 * become one JSON object per line with only the fields of their record type (nulls kept as {@code
 * null}); the CRM extract carries a real date in Parquet. Row grain is unchanged; no shuffle.
 */
final class VendorFormats {
  static final String[] CONTACT_FIELDS = {
    "record_type",
    "contact_id",
    "cust_ref",
    "channel_code",
    "start_time",
    "end_time",
    "ticket",
    "reason",
    "legs",
    "resolved_flag",
    "customer_repeated_info",
    "survey",
    "agent_notes"
  };
  static final String[] ACTION_FIELDS = {
    "record_type", "contact_id", "cust_ref", "action", "value", "start_time", "ticket", "reason"
  };
  static final String[] EVENT_FIELDS = {
    "record_type", "contact_id", "cust_ref", "event", "start_time"
  };
  private static final Map<String, String> KEEP_NULLS = Map.of("ignoreNullFields", "false");

  private VendorFormats() {}

  /** One {@code value} column holding the JSON line of each contact-centre record. */
  static Dataset<Row> toJsonLines(Dataset<Row> contactCenter) {
    Column type = col("record_type");
    Column line =
        when(type.isin("contact", "ivr"), json(CONTACT_FIELDS))
            .when(type.equalTo("action"), json(ACTION_FIELDS))
            .otherwise(json(EVENT_FIELDS));
    return contactCenter.select(line.as("value"));
  }

  /** The CRM extract with {@code signup_date} typed as a date, for Parquet output. */
  static Dataset<Row> withTypedSignupDate(Dataset<Row> customers) {
    return customers.withColumn("signup_date", to_date(col("signup_date")));
  }

  private static Column json(String[] fields) {
    return to_json(
        struct(Arrays.stream(fields).map(f -> col(f)).toArray(Column[]::new)), KEEP_NULLS);
  }
}
