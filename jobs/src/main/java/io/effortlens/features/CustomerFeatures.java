package io.effortlens.features;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.effortlens.schema.CustomerSchema;
import io.effortlens.schema.InteractionSchema;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Customer features at the run's as-of dates: snapshot grain (one row per customer and as_of in the
 * snapshots) in and out. Two aggregations (journeys and interactions, each one pass grouped by
 * customer_id and as_of, the rows tagged by {@link PointInTime}) and three left joins; customers
 * without rows get each feature's absent value (0 for counts, false for indicators, null for means
 * and recency). Doubles are rounded to 6 decimals so reruns give identical rows whatever order
 * partial sums were merged in.
 */
public final class CustomerFeatures {
  private CustomerFeatures() {}

  /**
   * @param population {@link CustomerSnapshots#toPopulation} at the as-of dates
   * @param journeys point-in-time journeys with effort_score, tagged with as_of and _cutoff
   * @param interactions interactions known before their as-of date ({@link PointInTime})
   * @param customers the customers table, or null when there is none
   */
  public static Dataset<Row> toCustomerGrain(
      Dataset<Row> population,
      Dataset<Row> journeys,
      Dataset<Row> interactions,
      Dataset<Row> customers,
      FeatureSet features) {
    Dataset<Row> joined =
        population
            .join(aggregate(journeys, features.fromJourneys()), snapshotKey(), "left")
            .join(aggregate(interactions, features.fromInteractions()), snapshotKey(), "left");
    if (customers != null) {
      joined = joined.join(attributes(customers), key(), "left");
    }
    List<Column> out = new ArrayList<>();
    out.add(col(CustomerFeatureSchema.AS_OF));
    out.add(col(CustomerFeatureSchema.CUSTOMER_ID));
    for (Feature feature : features.all()) {
      Column value = output(feature, feature.family() == FeatureFamily.PROFILE);
      out.add(onlyAt(value, features.onlyAt().get(feature.name())).as(feature.name()));
    }
    return withRoundedDoubles(joined.select(out.toArray(Column[]::new)));
  }

  private static Dataset<Row> aggregate(Dataset<Row> rows, List<Feature> features) {
    Column[] rest =
        features.subList(1, features.size()).stream()
            .map(f -> f.value().as(f.name()))
            .toArray(Column[]::new);
    // _cutoff is a function of as_of: grouped by it too, so recency expressions may read it
    return rows.groupBy(
            col(InteractionSchema.CUSTOMER_ID), col(PointInTime.AS_OF), col(PointInTime.CUTOFF))
        .agg(features.get(0).value().as(features.get(0).name()), rest);
  }

  private static Dataset<Row> attributes(Dataset<Row> customers) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(CustomerSchema.CUSTOMER_ID));
    for (StructField field : ProfileFeatures.attributes(customers.schema())) {
      columns.add(col("`" + field.name() + "`").as(ProfileFeatures.CUSTOMER_PREFIX + field.name()));
    }
    return customers.select(columns.toArray(Column[]::new));
  }

  private static Column output(Feature feature, boolean isProfile) {
    if (isProfile) {
      return feature.value();
    }
    Column aggregated = col(feature.name());
    return feature.absent() == null ? aggregated : coalesce(aggregated, lit(feature.absent()));
  }

  /** The value at the listed as-of dates, null elsewhere; unchanged when {@code at} is null. */
  private static Column onlyAt(Column value, List<LocalDate> at) {
    if (at == null) {
      return value;
    }
    Object[] dates = at.stream().map(Date::valueOf).toArray();
    return when(col(PointInTime.AS_OF).isin(dates), value);
  }

  private static Dataset<Row> withRoundedDoubles(Dataset<Row> features) {
    List<Column> out = new ArrayList<>();
    for (StructField field : features.schema().fields()) {
      Column column = col("`" + field.name() + "`");
      out.add(field.dataType() instanceof DoubleType ? bround(column, 6).as(field.name()) : column);
    }
    return features.select(out.toArray(Column[]::new));
  }

  private static Seq<String> key() {
    return JavaConverters.asScalaBuffer(List.of(CustomerFeatureSchema.CUSTOMER_ID)).toSeq();
  }

  private static Seq<String> snapshotKey() {
    return JavaConverters.asScalaBuffer(
            List.of(CustomerFeatureSchema.CUSTOMER_ID, PointInTime.AS_OF, PointInTime.CUTOFF))
        .toSeq();
  }
}
