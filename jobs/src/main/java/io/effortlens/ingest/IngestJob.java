package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import com.amazon.deequ.checks.Check;
import io.effortlens.Elapsed;
import io.effortlens.Problems;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import io.effortlens.quality.BatchQualityGate;
import io.effortlens.quality.QualityOutcome;
import io.effortlens.schema.CustomerSchema;
import io.effortlens.schema.InteractionSchema;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
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
      WriteMetrics written = Publisher.interactions(ctx, mapping.name(), interactions.batch());
      WriteMetrics customersWritten =
          customers == null ? null : Publisher.customers(ctx, mapping.name(), customers.batch());
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
    Dataset<Row> mapped =
        map(spark, raw, block, mapping.file(), canonical, isCustomers, settings.privacy());
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
        Elapsed.seconds(start));
    return new Prepared(
        mapping.name(),
        table,
        key,
        batch,
        counts,
        isCustomers ? IngestChecks.customers() : IngestChecks.interactions());
  }

  private static Dataset<Row> map(
      SparkSession spark,
      Dataset<Row> raw,
      SourceMapping.Block block,
      String file,
      StructType canonical,
      boolean extras,
      PrivacyPolicy privacy) {
    if (!block.isSqlMode()) {
      return MappedColumns.mapColumns(raw, block, file, canonical, extras, privacy);
    }
    Dataset<Row> parsed = raw.filter(not(col(RawRecords.CORRUPT)));
    Dataset<Row> mapped =
        MappedColumns.mapSql(spark, parsed, block, file, canonical, extras, privacy);
    Dataset<Row> corrupt = MappedColumns.unmapped(raw.filter(col(RawRecords.CORRUPT)), canonical);
    DataType rawType = corrupt.schema().apply(RawRecords.RAW).dataType();
    if (!mapped.schema().apply(RawRecords.RAW).dataType().sameType(rawType)) {
      // the query built its own text for _raw (it did not pass raw's struct through)
      corrupt = corrupt.withColumn(RawRecords.RAW, RawRecords.text(col(RawRecords.RAW), rawType));
    }
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
              p.source(),
              p.check(),
              total.quarantined() - total.filtered(),
              total.read(),
              settings.maxQuarantineRatio(),
              ctx.runId());
      failures.addAll(outcome.failures());
      Dataset<Row> rejected =
          Batch.toQuarantine(
              p.batch(), table, p.source(), p.key(), ctx.runId(), at, settings.privacy());
      quarantine = quarantine == null ? rejected : quarantine.unionByName(rejected);
      results = results == null ? outcome.results() : results.unionByName(outcome.results());
    }
    lake.spark().sparkContext().setJobDescription("ingest: write quarantine and quality results");
    lake.merge(Table.QUARANTINE, quarantine, Batch.quarantineKeys(), null);
    lake.append(Table.QUALITY_RESULTS, results);
    LOG.info(
        "stage=ingest-gate failed_checks={} seconds={}", failures.size(), Elapsed.seconds(start));
    if (!failures.isEmpty()) {
      throw Problems.qualityGateFailed(ctx.runId(), String.join("; ", failures));
    }
  }
}
