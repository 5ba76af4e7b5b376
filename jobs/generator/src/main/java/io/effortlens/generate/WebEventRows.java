package io.effortlens.generate;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Renders one customer's self-service attempts (count 1, topic = intent) and weekly usage rows
 * (login, play, purchase; topic empty) as web analytics events, times in epoch milliseconds.
 */
final class WebEventRows {
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("event_id", StringType, false),
              createStructField("user_id", StringType, false),
              createStructField("ts_epoch_ms", LongType, false),
              createStructField("platform", StringType, false),
              createStructField("event_name", StringType, false),
              createStructField("topic", StringType, true),
              createStructField("status", StringType, false),
              createStructField("session_id", StringType, true),
              createStructField("count", IntegerType, false)));

  private WebEventRows() {}

  static List<Row> of(CustomerHistory history) {
    List<Keyed> rows = new ArrayList<>();
    String ref = history.profile.customerRef();
    long index = history.profile.index();
    for (Touches.SelfService s : history.selfService) {
      Row row =
          RowFactory.create(
              Ids.of("WE", index, s.seq(), 5),
              ref,
              s.ms(),
              s.platform(),
              s.event(),
              s.intent().code(),
              s.status(),
              Ids.of("S", index, s.seq(), 5),
              1);
      rows.add(new Keyed(s.ms(), s.seq(), row));
    }
    for (Touches.Activity a : history.activity) {
      Row row =
          RowFactory.create(
              Ids.of("WE", index, a.seq(), 5),
              ref,
              a.ms(),
              a.platform(),
              a.event(),
              null,
              "ok",
              null,
              a.count());
      rows.add(new Keyed(a.ms(), a.seq(), row));
    }
    return Keyed.sorted(rows);
  }
}
