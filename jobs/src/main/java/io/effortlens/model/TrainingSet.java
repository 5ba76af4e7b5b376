package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.effortlens.features.CustomerFeatureSchema;
import io.effortlens.features.DefectionLabelSchema;
import io.effortlens.features.FeatureCatalogSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * The labelled rows models learn from: customer_features joined with defection_labels on (as_of,
 * customer_id), uncensored only, with {@link #LABEL} 1.0 for a defection within the horizon. Grain:
 * one row per (as_of, customer_id). The drivers are the numeric (and boolean) feature columns the
 * feature_catalog describes.
 */
public final class TrainingSet {
  public static final String LABEL = "label";
  public static final String WEIGHT = "class_weight";

  /** At most this many levels of a string column are one-hot encoded; the rest are "other". */
  public static final int MAX_CATEGORY_LEVELS = 20;

  /** The level a category's values beyond the {@link #MAX_CATEGORY_LEVELS} most frequent get. */
  public static final String OTHER_LEVEL = "other";

  static final String AS_OF = CustomerFeatureSchema.AS_OF;
  static final String CUSTOMER_ID = CustomerFeatureSchema.CUSTOMER_ID;

  private TrainingSet() {}

  /**
   * The drivers: catalog rows (a small table, collected) whose column exists in customer_features
   * with a numeric or boolean type, in catalog name order.
   */
  public static List<Driver> drivers(List<Row> catalog, StructType features) {
    Set<String> present = Set.of(features.fieldNames());
    List<Driver> out = new ArrayList<>();
    for (Row row : catalog) {
      String name = row.getAs(FeatureCatalogSchema.NAME);
      if (!present.contains(name) || !isNumeric(features.apply(name).dataType())) {
        continue;
      }
      String family = row.getAs(FeatureCatalogSchema.FAMILY);
      out.add(
          new Driver(
              name,
              family,
              row.getAs(FeatureCatalogSchema.DESCRIPTION),
              DriverReferences.of(name, family)));
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /**
   * Categorical profile columns (strings such as plan, segment, region): model inputs, one-hot
   * encoded, but not drivers of the pie (no "no effort" value).
   */
  public static List<String> categories(List<Row> catalog, StructType features) {
    Set<String> present = Set.of(features.fieldNames());
    List<String> out = new ArrayList<>();
    for (Row row : catalog) {
      String name = row.getAs(FeatureCatalogSchema.NAME);
      boolean profile = "profile".equals(row.getAs(FeatureCatalogSchema.FAMILY));
      if (profile
          && present.contains(name)
          && features.apply(name).dataType().equals(DataTypes.StringType)) {
        out.add(name);
      }
    }
    out.sort(String::compareTo);
    return out;
  }

  /**
   * Catalog columns of customer_features the models do not read, each with the reason: neither a
   * number, a boolean nor a string (a date, an array…), or a string outside the profile family.
   */
  public static Map<String, String> leftOut(List<Row> catalog, StructType features) {
    Set<String> present = Set.of(features.fieldNames());
    Set<String> used = new java.util.HashSet<>(categories(catalog, features));
    drivers(catalog, features).forEach(d -> used.add(d.name()));
    Map<String, String> out = new TreeMap<>();
    for (Row row : catalog) {
      String name = row.getAs(FeatureCatalogSchema.NAME);
      if (present.contains(name) && !used.contains(name)) {
        DataType type = features.apply(name).dataType();
        out.put(
            name,
            type.equals(DataTypes.StringType)
                ? "a string outside the profile family"
                : "type "
                    + type.simpleString()
                    + " is neither a number, a boolean nor a string (cast or derive it in the"
                    + " mapping, e.g. days since a date)");
      }
    }
    return out;
  }

  /**
   * The levels to keep of each category with more than {@code cap} distinct values in {@code fit}:
   * its {@code cap} most frequent (ties by value); the others become {@link #OTHER_LEVEL} inside
   * the saved pipeline (see ModelPipelines), so scoring maps them the same way. Categories within
   * the cap are absent (used as they are). One small aggregation per category.
   */
  public static Map<String, List<String>> cappedLevels(
      Dataset<Row> fit, List<String> categories, int cap) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String c : categories) {
      List<String> top =
          fit
              .where(col(c).isNotNull())
              .groupBy(col(c))
              .agg(count(lit(1)).as("n"))
              .orderBy(col("n").desc(), col(c))
              .limit(cap + 1)
              .collectAsList()
              .stream()
              .map(r -> r.getString(0))
              .toList();
      if (top.size() > cap) {
        out.put(c, top.subList(0, cap));
      }
    }
    return out;
  }

  private static boolean isNumeric(DataType type) {
    return type instanceof NumericType || type.equals(DataTypes.BooleanType);
  }

  /** Per-snapshot label coverage, for the backtest plan (one row per as_of). */
  public static Dataset<Row> toSnapshotCoverage(Dataset<Row> labels) {
    return labels
        .groupBy(col(DefectionLabelSchema.AS_OF))
        .agg(
            count(lit(1)).as("rows"),
            sum(when(col(DefectionLabelSchema.IS_CENSORED), 1L).otherwise(0L)).as("censored"),
            max(to_date(col(DefectionLabelSchema.HORIZON_END_AT))).as("horizon_end"))
        .orderBy(DefectionLabelSchema.AS_OF);
  }

  /** Coverage rows (collected, one per snapshot) as backtest snapshots. */
  public static List<Backtest.Snapshot> snapshots(List<Row> coverage) {
    return coverage.stream()
        .map(
            r ->
                new Backtest.Snapshot(
                    r.<java.sql.Date>getAs(AS_OF).toLocalDate(),
                    r.<Long>getAs("rows"),
                    r.<Long>getAs("censored"),
                    r.<java.sql.Date>getAs("horizon_end").toLocalDate()))
        .toList();
  }

  /** Labelled uncensored rows of the given snapshots: keys, label, then the drivers' columns. */
  public static Dataset<Row> labelled(
      Dataset<Row> features,
      Dataset<Row> labels,
      List<Driver> drivers,
      List<String> categories,
      List<LocalDate> asOfs) {
    Column[] out = new Column[drivers.size() + categories.size() + 3];
    out[0] = col("f." + AS_OF).as(AS_OF);
    out[1] = col("f." + CUSTOMER_ID).as(CUSTOMER_ID);
    out[2] = when(col("l." + DefectionLabelSchema.IS_DEFECTED), 1.0).otherwise(0.0).as(LABEL);
    for (int i = 0; i < drivers.size(); i++) {
      out[i + 3] = col("f.`" + drivers.get(i).name() + "`").as(drivers.get(i).name());
    }
    for (int i = 0; i < categories.size(); i++) {
      out[drivers.size() + i + 3] = col("f.`" + categories.get(i) + "`").as(categories.get(i));
    }
    Column in = col("f." + AS_OF).isin(asOfs.stream().map(java.sql.Date::valueOf).toArray());
    return features
        .as("f")
        .join(
            labels.as("l"),
            col("f." + AS_OF)
                .equalTo(col("l." + DefectionLabelSchema.AS_OF))
                .and(col("f." + CUSTOMER_ID).equalTo(col("l." + DefectionLabelSchema.CUSTOMER_ID))),
            "inner")
        .where(in.and(col("l." + DefectionLabelSchema.IS_CENSORED).equalTo(false)))
        .select(out);
  }

  /** Adds {@link #WEIGHT}: balanced class weights, each class weighing half of the rows. */
  public static Dataset<Row> withClassWeight(Dataset<Row> rows, double positiveShare) {
    double positive = 0.5 / positiveShare;
    double negative = 0.5 / (1.0 - positiveShare);
    return rows.withColumn(WEIGHT, when(col(LABEL).equalTo(1.0), positive).otherwise(negative));
  }

  /**
   * The rows in an order that depends only on their content: hash-partitioned by {@link #AS_OF} and
   * {@link #CUSTOMER_ID} into {@code partitions}, sorted by them within each.
   *
   * <p>MLlib's seeded randomness (TrainValidationSplit's split, GBT subsampling, approximate
   * quantiles) is seeded per partition and row position, so without this a rerun that rewrote the
   * same snapshots into other files, or another lake built from the same input, would train a
   * slightly different model. And every fit (logistic regression, AFT survival, the
   * gradient-boosted trees) merges its per-partition sums and statistics in the order its tasks
   * finish, which is not associative in floating point: with two or more partitions a rerun's
   * coefficients differed from the first run's by up to 1e-11 (logistic), its delight estimates by
   * 1e-6 and its expected months by 1e-5; on a two-worker standalone cluster two runs on one lake
   * grew different trees. Model fits therefore read {@code train.regression-partitions} (default 1)
   * partitions of these rows; the whole training set uses one per snapshot.
   */
  public static Dataset<Row> inStableOrder(Dataset<Row> rows, int partitions) {
    return rows.repartition(Math.max(1, partitions), col(AS_OF), col(CUSTOMER_ID))
        .sortWithinPartitions(AS_OF, CUSTOMER_ID);
  }
}
