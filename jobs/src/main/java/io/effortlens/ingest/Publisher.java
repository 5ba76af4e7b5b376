package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

import io.effortlens.Elapsed;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import io.effortlens.schema.CustomerSchema;
import io.effortlens.schema.InteractionSchema;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the accepted rows of a classified batch: MERGE into {@code interactions} on (source,
 * interaction_id) — a changed row replaces the stored one unless its delivery is older — and into
 * {@code customers} on customer_id, adding the mapping's extra control columns to the table.
 */
final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
  private static final String UPDATE_WHEN_NEWER =
      "s.record_hash <> t.record_hash AND (t.delivered_at IS NULL OR s.delivered_at IS NULL"
          + " OR s.delivered_at >= t.delivered_at)";

  private Publisher() {}

  static WriteMetrics interactions(RunContext ctx, String source, Dataset<Row> batch) {
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
    WriteMetrics metrics =
        ctx.lake().mergePersisted(Table.INTERACTIONS, rows, keys, UPDATE_WHEN_NEWER);
    ctx.count(source + ".interactions.inserted", metrics.inserted());
    ctx.count(source + ".interactions.updated", metrics.updated());
    LOG.info(
        "stage=ingest-merge table=interactions inserted={} updated={} version={} seconds={}",
        metrics.inserted(),
        metrics.updated(),
        metrics.version(),
        Elapsed.seconds(start));
    return metrics;
  }

  static WriteMetrics customers(RunContext ctx, String source, Dataset<Row> batch) {
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
    Lake lake = ctx.lake();
    lake.spark().sparkContext().setJobDescription("ingest customers: merge");
    WriteMetrics metrics =
        lake.withSessionConf( // extra control columns are added to the table
            Lake.SCHEMA_AUTO_MERGE,
            "true",
            () ->
                lake.mergePersisted(
                    Table.CUSTOMERS,
                    rows,
                    new String[] {CustomerSchema.CUSTOMER_ID},
                    "s.record_hash <> t.record_hash"));
    ctx.count(source + ".customers.inserted", metrics.inserted());
    ctx.count(source + ".customers.updated", metrics.updated());
    LOG.info(
        "stage=ingest-merge table=customers inserted={} updated={} seconds={}",
        metrics.inserted(),
        metrics.updated(),
        Elapsed.seconds(start));
    return metrics;
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
  }
}
