package io.effortlens.features;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.effortlens.schema.CustomerSchema;
import io.effortlens.schema.InteractionSchema;
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
 * Customer features at one as-of date: snapshot grain (one row per customer in the snapshot) in and
 * out. Two aggregations (journeys and interactions, each one pass grouped by customer_id) and three
 * left joins on customer_id; customers without rows get each feature's absent value (0 for counts,
 * false for indicators, null for means and recency). Doubles are rounded to 6 decimals so reruns
 * give identical rows whatever order partial sums were merged in.
 */
public final class CustomerFeatures {
  private CustomerFeatures() {}

  /**
   * @param population {@link CustomerSnapshots#toPopulation} at the as-of date
   * @param journeys point-in-time journeys with effort_score
   * @param interactions interactions known before the as-of date ({@link PointInTime})
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
            .join(aggregate(journeys, features.fromJourneys()), key(), "left")
            .join(aggregate(interactions, features.fromInteractions()), key(), "left");
    if (customers != null) {
      joined = joined.join(attributes(customers), key(), "left");
    }
    List<Column> out = new ArrayList<>();
    out.add(col(CustomerFeatureSchema.AS_OF));
    out.add(col(CustomerFeatureSchema.CUSTOMER_ID));
    for (Feature feature : features.all()) {
      out.add(output(feature, feature.family() == FeatureFamily.PROFILE).as(feature.name()));
    }
    return withRoundedDoubles(joined.select(out.toArray(Column[]::new)));
  }

  private static Dataset<Row> aggregate(Dataset<Row> rows, List<Feature> features) {
    Column[] rest =
        features.subList(1, features.size()).stream()
            .map(f -> f.value().as(f.name()))
            .toArray(Column[]::new);
    return rows.groupBy(col(InteractionSchema.CUSTOMER_ID))
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
}
