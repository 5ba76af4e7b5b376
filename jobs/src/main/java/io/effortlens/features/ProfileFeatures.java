package io.effortlens.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.effortlens.schema.CustomerSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Profile features: tenure and prior cancellations from the snapshot, and the customers table's
 * plan, monthly_value, segment, region and every extra column its mapping adds, kept as mapped
 * (numeric as numbers, categorical as strings for the model to index). Row expressions over the
 * snapshot left-joined with customers, whose columns are read as {@code _c_<name>}. The customers
 * table holds current values, not history: profile columns are as of the last ingest.
 */
final class ProfileFeatures {
  static final String CUSTOMER_PREFIX = "_c_";

  /** customers columns that are bookkeeping, not attributes. */
  private static final Set<String> NOT_ATTRIBUTES =
      Set.of(
          CustomerSchema.CUSTOMER_ID,
          CustomerSchema.SIGNUP_AT,
          "source",
          "record_hash",
          "ingested_at",
          "run_id");

  private ProfileFeatures() {}

  /**
   * @param customers schema of the customers table, or null when there is none
   * @param taken feature names already used, which extra columns must not shadow
   */
  static List<Feature> of(StructType customers, Set<String> taken) {
    List<Feature> out = new ArrayList<>();
    out.add(
        feature(
            "tenure_days",
            "Days from the start of the current spell (signup, or re-signup after a cancel) to T.",
            PointInTime.daysSince(col(CustomerSnapshots.SPELL_STARTED_AT))));
    out.add(
        feature(
            CustomerSnapshots.PRIOR_CANCELLATIONS,
            "Cancel lifecycle events at or before T.",
            col(CustomerSnapshots.PRIOR_CANCELLATIONS)));
    for (StructField field : attributes(customers)) {
      String name = taken.contains(field.name()) ? "customer_" + field.name() : field.name();
      Column value =
          customers == null
              ? lit(null).cast(field.dataType())
              : col(CUSTOMER_PREFIX + field.name());
      out.add(feature(name, describe(field), value));
    }
    return out;
  }

  /** The customers columns to keep: canonical attributes, then the mapping's extras. */
  static List<StructField> attributes(StructType customers) {
    List<StructField> out = new ArrayList<>();
    StructType source = customers == null ? CustomerSchema.MAPPED : customers;
    for (StructField field : source.fields()) {
      if (!NOT_ATTRIBUTES.contains(field.name())) {
        out.add(field);
      }
    }
    return out;
  }

  private static String describe(StructField field) {
    boolean canonical = Arrays.asList(CustomerSchema.MAPPED.fieldNames()).contains(field.name());
    DataType type = field.dataType();
    return "customers."
        + field.name()
        + (canonical ? "" : " (mapped control column)")
        + " as of the last ingest ("
        + type.simpleString()
        + ").";
  }

  private static Feature feature(String name, String description, Column value) {
    return new Feature(name, FeatureFamily.PROFILE, null, description, value, null);
  }
}
