package io.effortlens.report;

import static org.apache.spark.sql.functions.col;

import io.effortlens.Elapsed;
import io.effortlens.journey.Journeys;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code effortlens gold --as-of DATE}: the BI gold tables as known at as_of, from {@code
 * journeys}, {@code interactions} and (when present) {@code delight_effects}. Idempotent: {@code
 * effort_kpis} is replaced whole (it is the daily KPI history as known at the latest as_of run);
 * the other three replace their as_of partition, so earlier as-of dates stay comparable. The tables
 * are then registered in the catalog database {@code gold.catalog-database}.
 */
public final class GoldJob {
  private static final Logger LOG = LoggerFactory.getLogger(GoldJob.class);

  /** The gold tables, in the order they are written. */
  public static final List<Table> TABLES =
      List.of(
          Table.EFFORT_KPIS,
          Table.PERCEPTION_GAP,
          Table.RESEARCH_REPLICATION,
          Table.NEXT_ISSUE_RULES);

  static final String DELIGHT_EFFECTS = "delight_effects";

  /** What one run wrote, per table, and the catalog names registered. */
  public record Result(
      LocalDate asOf,
      WriteMetrics effortKpis,
      WriteMetrics perceptionGap,
      WriteMetrics researchReplication,
      WriteMetrics nextIssueRules,
      List<String> registered) {}

  private GoldJob() {}

  public static Result run(RunContext ctx, LocalDate asOf) {
    GoldSettings settings = GoldSettings.from(ctx.settings());
    Lake lake = ctx.lake();
    Dataset<Row> journeys = lake.read(Table.JOURNEYS, "journeys");
    Dataset<Row> interactions = lake.read(Table.INTERACTIONS, "ingest");
    long start = System.nanoTime();
    describe(ctx, "gold: journey outcomes");
    Dataset<Row> stitched =
        Journeys.withJourneyId(Journeys.filterJourneyRows(interactions), settings.gapDays())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> outcomes =
        JourneyOutcomes.withDefection(
                JourneyOutcomes.withQueueAndCsat(
                    JourneyOutcomes.filterEndedBefore(journeys, asOf), stitched, asOf),
                interactions,
                settings.labels(),
                asOf)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      LOG.info("stage=gold-outcomes rows={} seconds={}", outcomes.count(), Elapsed.seconds(start));
      WriteMetrics kpis = writeKpis(ctx, outcomes, asOf, settings);
      Row counts = OutcomeCounts.toCounts(outcomes, settings.highEffortThreshold()).first();
      WriteMetrics gap = writeGap(ctx, counts, stitched, outcomes, asOf);
      WriteMetrics replication = writeReplication(ctx, counts, asOf, settings);
      WriteMetrics rules = writeRules(ctx, journeys, asOf, settings);
      return new Result(asOf, kpis, gap, replication, rules, register(ctx, settings));
    } finally {
      outcomes.unpersist();
      stitched.unpersist();
    }
  }

  private static WriteMetrics writeKpis(
      RunContext ctx, Dataset<Row> outcomes, LocalDate asOf, GoldSettings settings) {
    long start = System.nanoTime();
    describe(ctx, "gold: effort_kpis");
    Dataset<Row> kpis = EffortKpis.toDailyKpis(outcomes, asOf, settings.labels().horizonDays());
    return logged(
        ctx, Table.EFFORT_KPIS, ctx.lake().replaceWhere(Table.EFFORT_KPIS, kpis, "true"), start);
  }

  private static WriteMetrics writeGap(
      RunContext ctx, Row counts, Dataset<Row> stitched, Dataset<Row> outcomes, LocalDate asOf) {
    long start = System.nanoTime();
    describe(ctx, "gold: perception_gap");
    List<Row> positions =
        PerceptionGap.toCsatByPosition(JourneyOutcomes.toSurveyPositions(stitched, asOf), outcomes)
            .collectAsList();
    return write(
        ctx, Table.PERCEPTION_GAP, PerceptionGap.toRows(counts, positions, asOf), asOf, start);
  }

  private static WriteMetrics writeReplication(
      RunContext ctx, Row counts, LocalDate asOf, GoldSettings settings) {
    long start = System.nanoTime();
    describe(ctx, "gold: research_replication");
    Optional<Row> delight =
        ModelVersions.rowsOf(ctx.lake(), DELIGHT_EFFECTS)
            .flatMap(
                rows ->
                    rows.filter(col("action").equalTo("any")).takeAsList(1).stream().findFirst());
    List<Row> rows =
        ResearchReplication.toRows(counts, delight, asOf, settings.labels().horizonDays());
    return write(ctx, Table.RESEARCH_REPLICATION, rows, asOf, start);
  }

  private static WriteMetrics writeRules(
      RunContext ctx, Dataset<Row> journeys, LocalDate asOf, GoldSettings settings) {
    long start = System.nanoTime();
    describe(ctx, "gold: next_issue_rules");
    Dataset<Row> baskets =
        NextIssueRules.toBaskets(journeys, asOf, settings.rulesWindowDays())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long basketCount = baskets.count();
      Dataset<Row> rules =
          NextIssueRules.mine(
              baskets,
              basketCount,
              asOf,
              settings.rulesWindowDays(),
              settings.rulesMinSupport(),
              settings.rulesMinConfidence());
      WriteMetrics written =
          ctx.lake().replaceWhere(Table.NEXT_ISSUE_RULES, rules, asOfPredicate(asOf));
      LOG.info("stage=gold-baskets rows={}", basketCount);
      return logged(ctx, Table.NEXT_ISSUE_RULES, written, start);
    } finally {
      baskets.unpersist();
    }
  }

  private static WriteMetrics write(
      RunContext ctx, Table table, List<Row> rows, LocalDate asOf, long start) {
    Dataset<Row> frame = ctx.lake().spark().createDataFrame(rows, table.schema());
    return logged(ctx, table, ctx.lake().replaceWhere(table, frame, asOfPredicate(asOf)), start);
  }

  private static List<String> register(RunContext ctx, GoldSettings settings) {
    if (settings.catalogDatabase().isEmpty()) {
      return List.of();
    }
    long start = System.nanoTime();
    List<String> names = GoldCatalog.register(ctx.lake(), settings.catalogDatabase(), TABLES);
    LOG.info(
        "stage=gold-catalog rows={} database={} seconds={}",
        names.size(),
        settings.catalogDatabase(),
        Elapsed.seconds(start));
    return names;
  }

  private static WriteMetrics logged(
      RunContext ctx, Table table, WriteMetrics written, long start) {
    ctx.count(table.tableName() + ".written", written.inserted());
    LOG.info(
        "stage=gold-{} rows={} version={} seconds={}",
        table.tableName().replace('_', '-'),
        written.inserted(),
        written.version(),
        Elapsed.seconds(start));
    return written;
  }

  static String asOfPredicate(LocalDate asOf) {
    return "as_of = DATE'" + asOf + "'";
  }

  private static void describe(RunContext ctx, String step) {
    ctx.lake().spark().sparkContext().setJobDescription(step);
  }
}
