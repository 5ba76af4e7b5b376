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
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code effortlens features}: for every as-of date T of the run, from what was known before T,
 * journeys, the point-in-time effort model, {@code customer_features} and {@code defection_labels}
 * — all as-of dates in one plan: the interactions are tagged with each as-of date they are known at
 * ({@link PointInTime#explodeKnownBefore}), journeys are stitched per (customer, as_of), the effort
 * models of all dates are fitted together ({@link EffortModelTrainer#fitEach}) and each table is
 * written in one Delta commit that replaces the run's as_of set, so reruns are idempotent. The
 * models' coefficients go to {@code effort_models} (scope features) and the feature definitions to
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

  /** What the run wrote for one as-of date: customers (= label rows) and the effort model. */
  public record Snapshot(LocalDate asOf, long customers, EffortModel model) {}

  private FeatureJob() {}

  /** Runs the job for the given as-of dates, all in one plan. */
  public static List<Snapshot> run(RunContext ctx, List<LocalDate> asOfs) {
    FeatureSettings settings = FeatureSettings.from(ctx.settings());
    Lake lake = ctx.lake();
    List<LocalDate> dates = asOfs.stream().distinct().sorted().toList();
    // Cached spread by customer: the table's files can be few and uneven (each MERGE writes its
    // own; in the 1M benchmark one file of 51,690 rows and one of 851,335, so one core read and
    // filtered almost all); every aggregation and window below is by customer and reuses it.
    Dataset<Row> interactions =
        lake.read(Table.INTERACTIONS, "ingest")
            .drop(NOT_READ)
            .repartition(col(InteractionSchema.CUSTOMER_ID))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> customers =
        lake.exists(Table.CUSTOMERS) ? lake.read(Table.CUSTOMERS, "ingest") : null;
    Dataset<Row> grid = PointInTime.asOfs(lake.spark(), dates);
    Dataset<Row> known = PointInTime.explodeKnownBefore(interactions, grid);
    Dataset<Row> journeys = null;
    Dataset<Row> population = null;
    try {
      Timestamp dataEnd = JourneyJob.dataEnd(interactions);
      describe(ctx, "features: point-in-time journeys");
      journeys = pointInTimeJourneys(known, settings.journeys());
      Map<LocalDate, EffortModel> models = fit(ctx, journeys, dates, settings.journeys());
      population =
          CustomerSnapshots.toPopulation(interactions, customers, grid)
              .persist(StorageLevel.MEMORY_AND_DISK());
      FeatureSet features =
          FeatureSet.of(
              settings.windows(),
              settings.journeys().highEffortThreshold(),
              activityTypes(ctx, settings, known, dates),
              customers == null ? null : customers.schema());
      Dataset<Row> rows =
          CustomerFeatures.toCustomerGrain(
              population, scored(journeys, models), known, customers, features);
      writeFeatures(ctx, rows, dates);
      writeCatalog(ctx, FeatureCatalog.toRows(features, rows.schema()));
      writeLabels(
          ctx,
          DefectionLabels.toLabels(population, interactions, settings.labels(), dataEnd),
          dates);
      return snapshots(ctx, population, dates, models);
    } finally {
      if (journeys != null) {
        journeys.unpersist();
      }
      if (population != null) {
        population.unpersist();
      }
      interactions.unpersist();
    }
  }

  /**
   * Journeys as they stood at each T, tagged with as_of and _cutoff: stitched and measured per
   * (customer, as_of) from the rows known before T ({@link PointInTime#explodeKnownBefore}).
   */
  static Dataset<Row> pointInTimeJourneys(Dataset<Row> known, JourneySettings settings) {
    return JourneyMetrics.measured(
        known, col(PointInTime.CUTOFF), settings.gapDays(), PointInTime.AS_OF, PointInTime.CUTOFF);
  }

  /** Journeys with effort_score, each as-of date's scored by that date's model. */
  static Dataset<Row> scored(Dataset<Row> journeys, Map<LocalDate, EffortModel> models) {
    Map<Date, EffortModel> byDate = new LinkedHashMap<>();
    models.forEach((d, m) -> byDate.put(Date.valueOf(d), m));
    return EffortScores.withEffortScore(journeys, PointInTime.AS_OF, byDate);
  }

  /** The effort models of every as-of date, fitted together; composite where no journeys were. */
  static Map<LocalDate, EffortModel> models(
      Dataset<Row> journeys, List<LocalDate> dates, JourneySettings settings) {
    Map<Object, EffortModel> fitted =
        EffortModelTrainer.fitEach(journeys, PointInTime.AS_OF, settings.effortMinAnswers());
    Map<LocalDate, EffortModel> out = new LinkedHashMap<>();
    for (LocalDate d : dates) {
      EffortModel model = fitted.get(Date.valueOf(d));
      out.put(d, model == null ? EffortModel.composite(0, 0) : model);
    }
    return out;
  }

  private static Map<LocalDate, EffortModel> fit(
      RunContext ctx, Dataset<Row> journeys, List<LocalDate> dates, JourneySettings settings) {
    long start = System.nanoTime();
    describe(ctx, "features: effort models");
    Map<LocalDate, EffortModel> models = models(journeys, dates, settings);
    List<Row> rows = new ArrayList<>();
    models.forEach((d, m) -> rows.addAll(m.toRows(EffortModelSchema.SCOPE_FEATURES, d)));
    Lake lake = ctx.lake();
    lake.replaceWhere(
        Table.EFFORT_MODELS,
        lake.spark().createDataFrame(rows, EffortModelSchema.SCHEMA),
        EffortModelSchema.SCOPE
            + " = '"
            + EffortModelSchema.SCOPE_FEATURES
            + "' AND "
            + asOfPredicate(EffortModelSchema.AS_OF, dates));
    models.forEach(
        (d, m) ->
            LOG.info(
                "stage=features-effort-model as_of={} method={} journeys={} answers={}",
                d,
                m.method(),
                m.journeys(),
                m.answers()));
    LOG.info(
        "stage=features-effort-models as_ofs={} seconds={}", dates.size(), Elapsed.seconds(start));
    return models;
  }

  /**
   * Configured types (the same at every date), else per as-of date the most frequent normalized
   * types known before it (not per customer), counted for all dates in one aggregation.
   */
  private static Map<LocalDate, List<String>> activityTypes(
      RunContext ctx, FeatureSettings settings, Dataset<Row> known, List<LocalDate> dates) {
    if (!settings.activityTypes().isEmpty()) {
      return FeatureSet.everywhere(dates, settings.activityTypes());
    }
    describe(ctx, "features: discover activity types");
    String type = "_type";
    // counted per stored value first, so that only the few distinct values are normalised (two
    // regular expressions), not every activity row
    List<Row> counts =
        known
            .filter(col(InteractionSchema.KIND).equalTo("activity"))
            .groupBy(col(PointInTime.AS_OF), col(InteractionSchema.ACTIVITY_TYPE))
            .agg(count(lit(1)).as("_rows"))
            .select(
                col(PointInTime.AS_OF),
                EngagementFeatures.normalizedType(col(InteractionSchema.ACTIVITY_TYPE)).as(type),
                col("_rows"))
            .filter(col(type).notEqual(""))
            .groupBy(col(PointInTime.AS_OF), col(type))
            .agg(sum(col("_rows")).as("_rows"))
            .collectAsList();
    Map<LocalDate, List<Row>> byDate = new HashMap<>();
    counts.forEach(
        r -> byDate.computeIfAbsent(r.getDate(0).toLocalDate(), d -> new ArrayList<>()).add(r));
    Map<LocalDate, List<String>> out = new LinkedHashMap<>();
    for (LocalDate d : dates) {
      out.put(d, mostFrequent(byDate.getOrDefault(d, List.of())));
    }
    return out;
  }

  /** The 20 types with most rows (ties by name), in name order. */
  private static List<String> mostFrequent(List<Row> counts) {
    return counts.stream()
        .sorted(
            (a, b) ->
                a.getLong(2) != b.getLong(2)
                    ? Long.compare(b.getLong(2), a.getLong(2))
                    : a.getString(1).compareTo(b.getString(1)))
        .limit(DISCOVERED_ACTIVITY_TYPES)
        .map(r -> r.getString(1))
        .sorted()
        .collect(Collectors.toList());
  }

  private static void writeFeatures(RunContext ctx, Dataset<Row> rows, List<LocalDate> dates) {
    long start = System.nanoTime();
    describe(ctx, "features: write customer_features");
    Lake lake = ctx.lake();
    WriteMetrics written =
        lake.withSessionConf( // new feature columns are added to the table
            Lake.SCHEMA_AUTO_MERGE,
            "true",
            () ->
                lake.replaceWhere(
                    Table.CUSTOMER_FEATURES,
                    rows,
                    asOfPredicate(CustomerFeatureSchema.AS_OF, dates)));
    LOG.info(
        "stage=features-write as_ofs={} rows={} columns={} version={} seconds={}",
        dates.size(),
        written.inserted(),
        rows.columns().length,
        written.version(),
        Elapsed.seconds(start));
  }

  private static void writeLabels(RunContext ctx, Dataset<Row> labels, List<LocalDate> dates) {
    long start = System.nanoTime();
    describe(ctx, "features: write defection_labels");
    WriteMetrics written =
        ctx.lake()
            .replaceWhere(
                Table.DEFECTION_LABELS, labels, asOfPredicate(DefectionLabelSchema.AS_OF, dates));
    LOG.info(
        "stage=labels-write rows={} version={} seconds={}",
        written.inserted(),
        written.version(),
        Elapsed.seconds(start));
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

  /** Customers per as-of date (the rows of both tables), from the cached snapshots. */
  private static List<Snapshot> snapshots(
      RunContext ctx,
      Dataset<Row> population,
      List<LocalDate> dates,
      Map<LocalDate, EffortModel> models) {
    Map<LocalDate, Long> counts = new HashMap<>();
    population.groupBy(col(PointInTime.AS_OF)).count().collectAsList().stream()
        .forEach(r -> counts.put(r.getDate(0).toLocalDate(), r.getLong(1)));
    List<Snapshot> out = new ArrayList<>();
    for (LocalDate d : dates) {
      long customers = counts.getOrDefault(d, 0L);
      ctx.count("customer_features." + d, customers);
      ctx.count("defection_labels." + d, customers);
      out.add(new Snapshot(d, customers, models.get(d)));
    }
    return out;
  }

  /** {@code <column> IN (DATE'...', ...)}: the run's as-of dates, replaced in one commit. */
  static String asOfPredicate(String column, List<LocalDate> dates) {
    return column
        + " IN ("
        + dates.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
        + ")";
  }

  private static void describe(RunContext ctx, String step) {
    ctx.lake().spark().sparkContext().setJobDescription(step);
  }
}
