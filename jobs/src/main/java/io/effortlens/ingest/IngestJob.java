package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

import com.amazon.deequ.checks.Check;
import io.effortlens.Problems;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import io.effortlens.quality.BatchQualityGate;
import io.effortlens.quality.QualityOutcome;
import io.effortlens.schema.CustomerSchema;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.schema.Vocabulary;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code effortlens ingest}: reads raw files through a mapping, validates every record, and
 * publishes valid ones to {@code interactions} (and {@code customers}) with an idempotent MERGE on
 * (source, interaction_id). Rejected records go to {@code quarantine}; the reconciliation {@code
 * read = accepted + quarantined + duplicates} is returned per file. If the quality gate fails,
 * nothing is published to interactions or customers (exit code 3).
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final String UPDATE_WHEN_NEWER =
      "s.record_hash <> t.record_hash AND (t.delivered_at IS NULL OR s.delivered_at IS NULL"
          + " OR s.delivered_at >= t.delivered_at)";

  /** What to ingest: a source mapping (name or path), interaction inputs, customer inputs. */
  public record Request(String source, List<String> inputs, List<String> customerInputs) {}

  /** Reconciliation and write metrics of one run. */
  public record Result(
      String source,
      List<FileCount> interactionFiles,
      List<FileCount> customerFiles,
      WriteMetrics interactions,
      WriteMetrics customers) {
    public FileCount interactionTotal() {
      return FileCount.total(interactionFiles);
    }

    public FileCount customerTotal() {
      return FileCount.total(customerFiles);
    }
  }

  private IngestJob() {}

  /** Ingests one source. */
  public static Result run(RunContext ctx, Request request) {
    return run(ctx, List.of(request)).get(0);
  }

  /**
   * Ingests several sources in one run: all are validated and gated first, then each is published.
   * If any gate fails, none is published.
   */
  public static List<Result> run(RunContext ctx, List<Request> requests) {
    IngestSettings settings = IngestSettings.from(ctx.settings());
    List<SourceMapping> mappings = new ArrayList<>();
    List<Prepared> prepared = new ArrayList<>();
    try {
      for (Request request : requests) {
        SourceMapping mapping = SourceMappings.load(request.source(), ctx.settings().confDir());
        checkCustomersBlock(mapping, request);
        mappings.add(mapping);
        prepared.add(prepare(ctx, mapping, mapping.input(), request.inputs(), false, settings));
        if (!request.customerInputs().isEmpty()) {
          prepared.add(
              prepare(ctx, mapping, mapping.customers(), request.customerInputs(), true, settings));
        }
      }
      gate(ctx, settings, prepared);
      return publish(ctx, mappings, prepared);
    } finally {
      prepared.forEach(p -> p.batch().unpersist());
    }
  }

  private static void checkCustomersBlock(SourceMapping mapping, Request request) {
    if (!request.customerInputs().isEmpty() && mapping.customers() == null) {
      throw Problems.mappingInvalid(
          mapping.file(),
          "--customers was given but the mapping has no 'customers:' block",
          "add a customers: block with format and columns (customer_id at least)");
    }
  }

  private static List<Result> publish(
      RunContext ctx, List<SourceMapping> mappings, List<Prepared> prepared) {
    List<Result> results = new ArrayList<>();
    for (SourceMapping mapping : mappings) {
      Prepared interactions = null;
      Prepared customers = null;
      for (Prepared p : prepared) {
        if (p.source().equals(mapping.name())) {
          if (p.table() == Table.CUSTOMERS) {
            customers = p;
          } else {
            interactions = p;
          }
        }
      }
      WriteMetrics written = publishInteractions(ctx, mapping.name(), interactions.batch());
      WriteMetrics customersWritten =
          customers == null ? null : publishCustomers(ctx, mapping.name(), customers.batch());
      results.add(
          new Result(
              mapping.name(),
              interactions.files(),
              customers == null ? List.of() : customers.files(),
              written,
              customersWritten));
    }
    return results;
  }

  /** A classified, cached batch of one table and its per-file reconciliation. */
  private record Prepared(
      String source,
      Table table,
      String key,
      Dataset<Row> batch,
      List<FileCount> files,
      Check check) {
    FileCount total() {
      return FileCount.total(files);
    }
  }

  private static Prepared prepare(
      RunContext ctx,
      SourceMapping mapping,
      SourceMapping.Block block,
      List<String> inputs,
      boolean isCustomers,
      IngestSettings settings) {
    long start = System.nanoTime();
    SparkSession spark = ctx.lake().spark();
    Table table = isCustomers ? Table.CUSTOMERS : Table.INTERACTIONS;
    spark.sparkContext().setJobDescription("ingest " + table.tableName() + ": read and validate");
    List<String> files = InputFiles.expand(spark.sparkContext().hadoopConfiguration(), inputs);
    StructType canonical = isCustomers ? CustomerSchema.MAPPED : InteractionSchema.MAPPED;
    Dataset<Row> raw =
        RawRecords.read(spark, block.format(), block.options(), block.schema(), files);
    Dataset<Row> mapped = map(spark, raw, block, mapping.file(), canonical, isCustomers);
    Dataset<Row> checked =
        isCustomers
            ? CanonicalRows.customers(mapped, ctx.startedAt(), settings)
            : CanonicalRows.interactions(mapped, ctx.startedAt(), settings);
    String key = isCustomers ? CustomerSchema.CUSTOMER_ID : InteractionSchema.INTERACTION_ID;
    Dataset<Row> batch = Batch.withStatus(checked, key).persist(StorageLevel.MEMORY_AND_DISK());
    List<FileCount> counts = Batch.reconcile(batch);
    FileCount total = FileCount.total(counts);
    String name = mapping.name() + "." + table.tableName();
    ctx.count(name + ".read", total.read());
    ctx.count(name + ".accepted", total.accepted());
    ctx.count(name + ".quarantined", total.quarantined());
    ctx.count(name + ".duplicates", total.duplicates());
    LOG.info(
        "stage=ingest-validate source={} files={} read={} accepted={} quarantined={} duplicates={}"
            + " seconds={}",
        name,
        files.size(),
        total.read(),
        total.accepted(),
        total.quarantined(),
        total.duplicates(),
        seconds(start));
    return new Prepared(
        mapping.name(),
        table,
        key,
        batch,
        counts,
        isCustomers ? customerCheck() : interactionCheck());
  }

  private static Dataset<Row> map(
      SparkSession spark,
      Dataset<Row> raw,
      SourceMapping.Block block,
      String file,
      StructType canonical,
      boolean extras) {
    if (!block.isSqlMode()) {
      return MappedColumns.mapColumns(raw, block, file, canonical, extras);
    }
    Dataset<Row> parsed = raw.filter(not(col(RawRecords.CORRUPT)));
    Dataset<Row> mapped = MappedColumns.mapSql(spark, parsed, block, file, canonical, extras);
    Dataset<Row> corrupt = MappedColumns.unmapped(raw.filter(col(RawRecords.CORRUPT)), canonical);
    return mapped.unionByName(corrupt, true);
  }

  /**
   * Runs each batch's quality gate, then writes all quarantined records in one MERGE and all
   * constraint results in one append, and fails (exit 3) if any gate failed.
   */
  private static void gate(RunContext ctx, IngestSettings settings, List<Prepared> prepared) {
    long start = System.nanoTime();
    Lake lake = ctx.lake();
    Timestamp at = Timestamp.from(ctx.startedAt());
    List<String> failures = new ArrayList<>();
    Dataset<Row> quarantine = null;
    Dataset<Row> results = null;
    for (Prepared p : prepared) {
      String table = p.table().tableName();
      lake.spark().sparkContext().setJobDescription("ingest " + table + ": quality gate");
      FileCount total = p.total();
      QualityOutcome outcome =
          BatchQualityGate.verify(
              lake.spark(),
              Batch.filterStatus(p.batch(), Batch.ACCEPTED),
              table,
              p.check(),
              total.quarantined() - total.filtered(),
              total.read(),
              settings.maxQuarantineRatio(),
              ctx.runId());
      failures.addAll(outcome.failures());
      Dataset<Row> rejected =
          Batch.toQuarantine(p.batch(), table, p.source(), p.key(), ctx.runId(), at);
      quarantine = quarantine == null ? rejected : quarantine.unionByName(rejected);
      results = results == null ? outcome.results() : results.unionByName(outcome.results());
    }
    lake.spark().sparkContext().setJobDescription("ingest: write quarantine and quality results");
    lake.merge(Table.QUARANTINE, quarantine, Batch.quarantineKeys(), null);
    lake.append(Table.QUALITY_RESULTS, results);
    LOG.info("stage=ingest-gate failures={} seconds={}", failures.size(), seconds(start));
    if (!failures.isEmpty()) {
      throw Problems.qualityGateFailed(ctx.runId(), String.join("; ", failures));
    }
  }

  private static WriteMetrics publishInteractions(
      RunContext ctx, String source, Dataset<Row> batch) {
    long start = System.nanoTime();
    List<Column> out = new ArrayList<>();
    Column[] mapped = columns(InteractionSchema.MAPPED);
    out.addAll(Arrays.asList(mapped));
    out.add(lit(source).as(InteractionSchema.SOURCE));
    out.add(col(RawRecords.FILE).as(InteractionSchema.SOURCE_FILE));
    out.add(col(RawRecords.DELIVERED_AT).as(InteractionSchema.DELIVERED_AT));
    out.add(sha2(to_json(struct(mapped)), 256).as(InteractionSchema.RECORD_HASH));
    out.add(lit(Timestamp.from(ctx.startedAt())).as(InteractionSchema.INGESTED_AT));
    out.add(lit(ctx.runId()).as(InteractionSchema.RUN_ID));
    out.add(to_date(col(InteractionSchema.STARTED_AT)).as(InteractionSchema.EVENT_DATE));
    Dataset<Row> rows =
        Batch.filterStatus(batch, Batch.ACCEPTED).select(out.toArray(Column[]::new));
    ctx.lake().spark().sparkContext().setJobDescription("ingest interactions: merge");
    String[] keys = {InteractionSchema.SOURCE, InteractionSchema.INTERACTION_ID};
    WriteMetrics metrics = ctx.lake().merge(Table.INTERACTIONS, rows, keys, UPDATE_WHEN_NEWER);
    ctx.count(source + ".interactions.inserted", metrics.inserted());
    ctx.count(source + ".interactions.updated", metrics.updated());
    LOG.info(
        "stage=ingest-merge table=interactions inserted={} updated={} version={} seconds={}",
        metrics.inserted(),
        metrics.updated(),
        metrics.version(),
        seconds(start));
    return metrics;
  }

  private static WriteMetrics publishCustomers(RunContext ctx, String source, Dataset<Row> batch) {
    long start = System.nanoTime();
    List<String> canonical = Arrays.asList(CustomerSchema.MAPPED.fieldNames());
    List<Column> data = new ArrayList<>(Arrays.asList(columns(CustomerSchema.MAPPED)));
    for (String name : batch.columns()) {
      if (!name.startsWith("_") && !canonical.contains(name)) {
        data.add(col("`" + name + "`")); // the mapping's extra control columns
      }
    }
    List<Column> out = new ArrayList<>(data);
    out.add(lit(source).as(InteractionSchema.SOURCE));
    out.add(
        sha2(to_json(struct(data.toArray(Column[]::new))), 256).as(InteractionSchema.RECORD_HASH));
    out.add(lit(Timestamp.from(ctx.startedAt())).as(InteractionSchema.INGESTED_AT));
    out.add(lit(ctx.runId()).as(InteractionSchema.RUN_ID));
    Dataset<Row> rows =
        Batch.filterStatus(batch, Batch.ACCEPTED).select(out.toArray(Column[]::new));
    SparkSession spark = ctx.lake().spark();
    spark.sparkContext().setJobDescription("ingest customers: merge");
    String autoMerge = "spark.databricks.delta.schema.autoMerge.enabled";
    spark.conf().set(autoMerge, "true"); // extra control columns are added to the table
    WriteMetrics metrics;
    try {
      metrics =
          ctx.lake()
              .merge(
                  Table.CUSTOMERS,
                  rows,
                  new String[] {CustomerSchema.CUSTOMER_ID},
                  "s.record_hash <> t.record_hash");
    } finally {
      spark.conf().unset(autoMerge);
    }
    ctx.count(source + ".customers.inserted", metrics.inserted());
    ctx.count(source + ".customers.updated", metrics.updated());
    LOG.info(
        "stage=ingest-merge table=customers inserted={} updated={} seconds={}",
        metrics.inserted(),
        metrics.updated(),
        seconds(start));
    return metrics;
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
  }

  private static Check interactionCheck() {
    Check check = BatchQualityGate.check("interactions batch");
    check = BatchQualityGate.complete(check, InteractionSchema.REQUIRED);
    check = BatchQualityGate.unique(check, List.of(InteractionSchema.INTERACTION_ID));
    check =
        BatchQualityGate.containedIn(
            check, InteractionSchema.CHANNEL, Vocabulary.CHANNEL.allowed());
    check = BatchQualityGate.containedIn(check, InteractionSchema.KIND, Vocabulary.KIND.allowed());
    check = BatchQualityGate.between(check, InteractionSchema.CES, 1, 7);
    check = BatchQualityGate.between(check, InteractionSchema.CSAT, 1, 5);
    check = BatchQualityGate.between(check, InteractionSchema.NPS, 0, 10);
    for (String column :
        List.of(
            InteractionSchema.WAIT_SECONDS,
            InteractionSchema.HANDLE_SECONDS,
            InteractionSchema.TRANSFERS)) {
      check = BatchQualityGate.nonNegative(check, column);
    }
    return check;
  }

  private static Check customerCheck() {
    Check check = BatchQualityGate.check("customers batch");
    check = BatchQualityGate.complete(check, CustomerSchema.REQUIRED);
    return BatchQualityGate.unique(check, List.of(CustomerSchema.CUSTOMER_ID));
  }

  static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }
}
