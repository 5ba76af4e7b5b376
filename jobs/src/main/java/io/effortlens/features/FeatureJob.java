package io.effortlens.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.effortlens.Elapsed;
import io.effortlens.journey.EffortModel;
import io.effortlens.journey.EffortModelSchema;
import io.effortlens.journey.EffortModelTrainer;
import io.effortlens.journey.EffortScores;
import io.effortlens.journey.JourneyJob;
import io.effortlens.journey.JourneyMetrics;
import io.effortlens.journey.JourneySettings;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import io.effortlens.schema.InteractionSchema;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code effortlens features}: for each as-of date T, rebuilds journeys from what was known before
 * T, fits the point-in-time effort model, and writes {@code customer_features} and {@code
 * defection_labels} for T (each replacing its as_of partition, so reruns are idempotent), the
 * model's coefficients to {@code effort_models} (scope features) and the feature definitions to
 * {@code feature_catalog}.
 */
public final class FeatureJob {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureJob.class);
  private static final int DISCOVERED_ACTIVITY_TYPES = 20;

  /**
   * Columns of {@code interactions} no feature or label reads: lineage, and the raw attributes map.
   * Left out of the cache they would otherwise be shuffled and held for every row.
   */
  private static final String[] NOT_READ = {
    InteractionSchema.ATTRIBUTES,
    InteractionSchema.SOURCE_FILE,
    InteractionSchema.DELIVERED_AT,
    InteractionSchema.RECORD_HASH,
    InteractionSchema.INGESTED_AT,
    InteractionSchema.RUN_ID,
    InteractionSchema.EVENT_DATE
  };

  /** What one snapshot wrote. */
  public record Snapshot(
      LocalDate asOf, WriteMetrics features, WriteMetrics labels, EffortModel model) {}

  private FeatureJob() {}

  /** Runs the job for the given as-of dates, in order. */
  public static List<Snapshot> run(RunContext ctx, List<LocalDate> asOfs) {
    FeatureSettings settings = FeatureSettings.from(ctx.settings());
    Lake lake = ctx.lake();
    // Cached spread by customer: the table's files can be few and uneven (each MERGE writes its
    // own; in the 1M benchmark one file of 51,690 rows and one of 851,335, so one core read and
    // filtered almost all), and every snapshot's filters and windows start from this cache.
    Dataset<Row> interactions =
        lake.read(Table.INTERACTIONS, "ingest")
            .drop(NOT_READ)
            .repartition(col(InteractionSchema.CUSTOMER_ID))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> customers =
        lake.exists(Table.CUSTOMERS) ? lake.read(Table.CUSTOMERS, "ingest") : null;
    try {
      Timestamp dataEnd = JourneyJob.dataEnd(interactions);
      List<Snapshot> out = new ArrayList<>();
      Map<String, Row> catalog = new LinkedHashMap<>();
      for (LocalDate asOf : asOfs) {
        out.add(snapshot(ctx, settings, interactions, customers, asOf, dataEnd, catalog));
      }
      writeCatalog(ctx, new ArrayList<>(catalog.values()));
      return out;
    } finally {
      interactions.unpersist();
    }
  }

  private static Snapshot snapshot(
      RunContext ctx,
      FeatureSettings settings,
      Dataset<Row> interactions,
      Dataset<Row> customers,
      LocalDate asOf,
      Timestamp dataEnd,
      Map<String, Row> catalog) {
    Dataset<Row> known = PointInTime.filterKnownBefore(interactions, asOf);
    Dataset<Row> journeys = pointInTimeJourneys(known, asOf, settings.journeys());
    Dataset<Row> population =
        CustomerSnapshots.toPopulation(interactions, customers, asOf)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      EffortModel model = fit(ctx, journeys, asOf, settings.journeys());
      FeatureSet features =
          FeatureSet.of(
              asOf,
              settings.windows(),
              settings.journeys().highEffortThreshold(),
              activityTypes(ctx, settings, known),
              customers == null ? null : customers.schema());
      Dataset<Row> rows =
          CustomerFeatures.toCustomerGrain(
              population,
              EffortScores.withEffortScore(journeys, model),
              known,
              customers,
              features);
      WriteMetrics written = writeFeatures(ctx, rows, asOf);
      FeatureCatalog.toRows(features, rows.schema()).forEach(r -> catalog.put(r.getString(0), r));
      Dataset<Row> labels =
          DefectionLabels.toLabels(population, interactions, asOf, settings.labels(), dataEnd);
      WriteMetrics labelled = writeLabels(ctx, labels, asOf);
      return new Snapshot(asOf, written, labelled, model);
    } finally {
      journeys.unpersist();
      population.unpersist();
    }
  }

  /** Journeys as they stood at T: stitched and measured from the rows known before T. */
  static Dataset<Row> pointInTimeJourneys(
      Dataset<Row> known, LocalDate asOf, JourneySettings settings) {
    return JourneyMetrics.measured(known, PointInTime.cutoff(asOf), settings.gapDays());
  }

  private static EffortModel fit(
      RunContext ctx, Dataset<Row> journeys, LocalDate asOf, JourneySettings settings) {
    long start = System.nanoTime();
    describe(ctx, "features " + asOf + ": journeys and effort model");
    EffortModel model = EffortModelTrainer.fit(journeys, settings.effortMinAnswers());
    Lake lake = ctx.lake();
    Dataset<Row> coefficients =
        lake.spark()
            .createDataFrame(
                model.toRows(EffortModelSchema.SCOPE_FEATURES, asOf), EffortModelSchema.SCHEMA);
    lake.replaceWhere(
        Table.EFFORT_MODELS,
        coefficients,
        EffortModelSchema.SCOPE
            + " = '"
            + EffortModelSchema.SCOPE_FEATURES
            + "' AND "
            + EffortModelSchema.AS_OF
            + " = DATE'"
            + asOf
            + "'");
    LOG.info(
        "stage=features-effort-model as_of={} method={} journeys={} answers={} seconds={}",
        asOf,
        model.method(),
        model.journeys(),
        model.answers(),
        Elapsed.seconds(start));
    return model;
  }

  /**
   * Configured types, else the most frequent normalized types known before T (not per customer).
   */
  private static List<String> activityTypes(
      RunContext ctx, FeatureSettings settings, Dataset<Row> known) {
    if (!settings.activityTypes().isEmpty()) {
      return settings.activityTypes();
    }
    describe(ctx, "features: discover activity types");
    String type = "_type";
    // counted per stored value first, so that only the few distinct values are normalised (two
    // regular expressions), not every activity row
    return known
        .filter(col(InteractionSchema.KIND).equalTo("activity"))
        .groupBy(col(InteractionSchema.ACTIVITY_TYPE))
        .agg(count(lit(1)).as("_rows"))
        .select(
            EngagementFeatures.normalizedType(col(InteractionSchema.ACTIVITY_TYPE)).as(type),
            col("_rows"))
        .filter(col(type).notEqual(""))
        .groupBy(col(type))
        .agg(sum(col("_rows")).as("_rows"))
        .orderBy(col("_rows").desc(), col(type))
        .limit(DISCOVERED_ACTIVITY_TYPES)
        .collectAsList()
        .stream()
        .map(row -> row.getString(0))
        .sorted()
        .toList();
  }

  private static WriteMetrics writeFeatures(RunContext ctx, Dataset<Row> rows, LocalDate asOf) {
    long start = System.nanoTime();
    describe(ctx, "features " + asOf + ": write customer_features");
    Lake lake = ctx.lake();
    WriteMetrics written =
        lake.withSessionConf( // new feature columns are added to the table
            Lake.SCHEMA_AUTO_MERGE,
            "true",
            () -> lake.replaceWhere(Table.CUSTOMER_FEATURES, rows, asOfPredicate(asOf)));
    ctx.count("customer_features." + asOf, written.inserted());
    LOG.info(
        "stage=features-write as_of={} rows={} columns={} version={} seconds={}",
        asOf,
        written.inserted(),
        rows.columns().length,
        written.version(),
        Elapsed.seconds(start));
    return written;
  }

  private static WriteMetrics writeLabels(RunContext ctx, Dataset<Row> labels, LocalDate asOf) {
    long start = System.nanoTime();
    describe(ctx, "features " + asOf + ": write defection_labels");
    WriteMetrics written =
        ctx.lake().replaceWhere(Table.DEFECTION_LABELS, labels, asOfPredicate(asOf));
    ctx.count("defection_labels." + asOf, written.inserted());
    LOG.info(
        "stage=labels-write as_of={} rows={} version={} seconds={}",
        asOf,
        written.inserted(),
        written.version(),
        Elapsed.seconds(start));
    return written;
  }

  private static void writeCatalog(RunContext ctx, List<Row> rows) {
    long start = System.nanoTime();
    describe(ctx, "features: merge feature_catalog");
    Lake lake = ctx.lake();
    Dataset<Row> catalog = lake.spark().createDataFrame(rows, FeatureCatalogSchema.SCHEMA);
    WriteMetrics merged =
        lake.merge(
            Table.FEATURE_CATALOG,
            catalog,
            new String[] {FeatureCatalogSchema.NAME},
            FeatureCatalog.CHANGED);
    LOG.info(
        "stage=catalog-merge features={} inserted={} updated={} seconds={}",
        rows.size(),
        merged.inserted(),
        merged.updated(),
        Elapsed.seconds(start));
  }

  private static String asOfPredicate(LocalDate asOf) {
    return CustomerFeatureSchema.AS_OF + " = DATE'" + asOf + "'";
  }

  private static void describe(RunContext ctx, String step) {
    ctx.lake().spark().sparkContext().setJobDescription(step);
  }
}
