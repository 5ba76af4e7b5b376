package io.effortlens.features;

import io.effortlens.journey.JourneySettings;
import io.effortlens.schema.CustomerSchema;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Test wiring of one feature snapshot from in-memory fixtures, with the default settings. */
final class Snapshot {
  static final JourneySettings JOURNEYS = new JourneySettings(7, 5.0, 30);
  static final List<Integer> WINDOWS = List.of(30, 90);

  /** customers with one extra categorical (contract) and one extra numeric (seats) column. */
  static final StructType CUSTOMERS =
      CustomerSchema.SCHEMA
          .add("contract", DataTypes.StringType)
          .add("seats", DataTypes.IntegerType);

  private Snapshot() {}

  /** The features of one as-of date by the per-snapshot reference path. */
  static Dataset<Row> features(
      LocalDate asOf,
      Dataset<Row> interactions,
      Dataset<Row> customers,
      List<String> activityTypes) {
    return SnapshotReference.features(
        asOf,
        interactions,
        customers,
        FeatureSet.of(
            WINDOWS,
            5.0,
            FeatureSet.everywhere(List.of(asOf), activityTypes),
            customers == null ? null : customers.schema()),
        JOURNEYS);
  }

  /** Feature rows by customer_id. */
  static Map<String, Row> byCustomer(Dataset<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    for (Row row : rows.collectAsList()) {
      out.put(row.getAs(CustomerFeatureSchema.CUSTOMER_ID), row);
    }
    return out;
  }

  /** A customers row: id, signup, plan, monthly value, segment, region, contract, seats. */
  static Row customer(String id, String signupAt, String plan, String contract, int seats) {
    List<Object> values = new ArrayList<>();
    values.add(id);
    values.add(signupAt == null ? null : io.effortlens.journey.Touch.at(signupAt));
    values.add(plan);
    values.add(19.99);
    values.add("consumer");
    values.add("north");
    values.add("crm");
    values.add("hash-" + id);
    values.add(new Timestamp(0L));
    values.add("run-0");
    values.add(contract);
    values.add(seats);
    return RowFactory.create(values.toArray());
  }

  static Dataset<Row> customers(SparkSession spark, Row... rows) {
    return spark.createDataFrame(List.of(rows), CUSTOMERS);
  }
}
