package io.effortlens.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.effortlens.journey.EffortModel;
import io.effortlens.journey.EffortModelTrainer;
import io.effortlens.journey.EffortScores;
import io.effortlens.journey.JourneyMetrics;
import io.effortlens.journey.JourneySettings;
import io.effortlens.schema.InteractionSchema;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-snapshot path, as {@code features} computed one as-of date T at a time before all dates
 * shared one plan: the reference the one-plan path of {@link FeatureJob} must equal. For T alone:
 * the rows known before T, journeys stitched per customer (no as-of scope) with T as the end of
 * observation, the effort model fitted on those journeys alone, the activity types most frequent
 * before T, then the snapshot's features and labels.
 */
final class SnapshotReference {
  private static final int DISCOVERED_ACTIVITY_TYPES = 20;

  /** One snapshot's outputs. */
  record Output(Dataset<Row> features, Dataset<Row> labels, EffortModel model) {}

  private SnapshotReference() {}

  static Output of(
      LocalDate asOf,
      Dataset<Row> interactions,
      Dataset<Row> customers,
      FeatureSettings settings,
      Timestamp dataEnd) {
    Dataset<Row> known = known(interactions, asOf);
    Dataset<Row> journeys = journeys(known, asOf, settings.journeys());
    EffortModel model = EffortModelTrainer.fit(journeys, settings.journeys().effortMinAnswers());
    List<String> types =
        settings.activityTypes().isEmpty() ? activityTypes(known) : settings.activityTypes();
    FeatureSet set =
        FeatureSet.of(
            settings.windows(),
            settings.journeys().highEffortThreshold(),
            FeatureSet.everywhere(List.of(asOf), types),
            customers == null ? null : customers.schema());
    Dataset<Row> population = population(interactions, customers, asOf);
    Dataset<Row> features =
        CustomerFeatures.toCustomerGrain(
            population,
            PointInTime.withAsOf(EffortScores.withEffortScore(journeys, model), asOf),
            known,
            customers,
            set);
    Dataset<Row> labels =
        DefectionLabels.toLabels(population, interactions, settings.labels(), dataEnd);
    return new Output(features, labels, model);
  }

  /** The features of T with the given feature set. */
  static Dataset<Row> features(
      LocalDate asOf,
      Dataset<Row> interactions,
      Dataset<Row> customers,
      FeatureSet set,
      JourneySettings settings) {
    Dataset<Row> known = known(interactions, asOf);
    Dataset<Row> journeys = journeys(known, asOf, settings);
    EffortModel model = EffortModelTrainer.fit(journeys, settings.effortMinAnswers());
    return CustomerFeatures.toCustomerGrain(
        population(interactions, customers, asOf),
        PointInTime.withAsOf(EffortScores.withEffortScore(journeys, model), asOf),
        known,
        customers,
        set);
  }

  private static Dataset<Row> known(Dataset<Row> interactions, LocalDate asOf) {
    return PointInTime.filterKnownBefore(PointInTime.withAsOf(interactions, asOf));
  }

  /** Journeys of T alone: stitched per customer, T the end of observation. */
  private static Dataset<Row> journeys(
      Dataset<Row> known, LocalDate asOf, JourneySettings settings) {
    return JourneyMetrics.measured(known, lit(PointInTime.cutoff(asOf)), settings.gapDays());
  }

  private static Dataset<Row> population(
      Dataset<Row> interactions, Dataset<Row> customers, LocalDate asOf) {
    return CustomerSnapshots.toPopulation(
        interactions, customers, PointInTime.asOfs(interactions.sparkSession(), List.of(asOf)));
  }

  /** The most frequent normalized activity types known before T, in name order. */
  private static List<String> activityTypes(Dataset<Row> known) {
    String type = "_type";
    return known
        .filter(col(InteractionSchema.KIND).equalTo("activity"))
        .select(EngagementFeatures.normalizedType(col(InteractionSchema.ACTIVITY_TYPE)).as(type))
        .filter(col(type).notEqual(""))
        .groupBy(col(type))
        .agg(count(lit(1)).as("_rows"))
        .orderBy(col("_rows").desc(), col(type))
        .limit(DISCOVERED_ACTIVITY_TYPES)
        .collectAsList()
        .stream()
        .map(row -> row.getString(0))
        .sorted()
        .toList();
  }
}
