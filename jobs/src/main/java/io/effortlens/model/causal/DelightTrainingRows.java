package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.col;

import io.effortlens.features.DefectionLabelSchema;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The snapshots the delight and survival estimates learn from: customer_features joined with
 * defection_labels on (as_of, customer_id), uncensored only (their horizon is fully observed).
 * Snapshot grain in and out; one shuffle join.
 */
public final class DelightTrainingRows {
  private DelightTrainingRows() {}

  /** All uncensored labelled snapshots of the lake. */
  public static Dataset<Row> load(Lake lake) {
    Dataset<Row> labels =
        lake.read(Table.DEFECTION_LABELS, "features")
            .filter(col(DefectionLabelSchema.IS_CENSORED).equalTo(false))
            .select(
                col(DefectionLabelSchema.AS_OF),
                col(DefectionLabelSchema.CUSTOMER_ID),
                col(DefectionLabelSchema.IS_DEFECTED),
                col(DefectionLabelSchema.DEFECTED_AT),
                col(DefectionLabelSchema.HORIZON_DAYS));
    Dataset<Row> features = lake.read(Table.CUSTOMER_FEATURES, "features");
    return features.join(
        labels,
        scala.collection.JavaConverters.asScalaBuffer(
                java.util.List.of(DefectionLabelSchema.AS_OF, DefectionLabelSchema.CUSTOMER_ID))
            .toSeq(),
        "inner");
  }

  /** The confounders of {@link DelightEffects} for these rows, from the lake's catalogue. */
  public static java.util.List<String> confounders(Lake lake, Dataset<Row> rows) {
    return DelightConfounders.from(lake.read(Table.FEATURE_CATALOG, "features"), rows.schema());
  }
}
