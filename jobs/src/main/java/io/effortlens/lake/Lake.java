package io.effortlens.lake;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import io.effortlens.EffortLensException;
import io.effortlens.Problems;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * The lakehouse: a root folder (any Hadoop file system URI) holding one Delta table per {@link
 * Table}. All reads and writes of tables go through this class. Every commit carries the run id as
 * Delta user metadata, so {@code DESCRIBE HISTORY} tells which run wrote what.
 */
public final class Lake {
  private static final Logger LOG = LoggerFactory.getLogger(Lake.class);

  /** Delta's setting that lets a write add the new columns of its rows to the table. */
  public static final String SCHEMA_AUTO_MERGE = "spark.databricks.delta.schema.autoMerge.enabled";

  private static final int CREATE_ATTEMPTS = 6; // pauses 0.25 + 0.5 + 1 + 2 + 4 s
  private static final long CREATE_FIRST_PAUSE_MS = 250;
  private final SparkSession spark;
  private final String root;

  private Lake(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  /** A lake at {@code root}: a local folder (made absolute) or a Hadoop URI such as s3a://b/p. */
  public static Lake at(SparkSession spark, String root) {
    return new Lake(spark, normalize(root));
  }

  public String root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  /** The storage path of a table or any sub-folder name under the lake root. */
  public String path(String name) {
    return root + "/" + name;
  }

  public String path(Table table) {
    return path(table.tableName());
  }

  public boolean exists(Table table) {
    return guarded(table, () -> DeltaTable.isDeltaTable(spark, path(table)));
  }

  /** Reads a table; fails with a clear message naming the command that creates it. */
  public Dataset<Row> read(Table table, String createdBy) {
    if (!exists(table)) {
      throw Problems.tableMissing(
          table.tableName(), path(table), "run 'effortlens " + createdBy + "' first");
    }
    return guarded(table, () -> spark.read().format("delta").load(path(table)));
  }

  /**
   * Creates the table with its declared schema, partitioning and comment if it does not exist.
   *
   * <p>Two processes creating the same table at once: Delta lets one commit version 0 and rejects
   * the other ({@code ProtocolChangedException}, exit 5), or the other sees the table half-created
   * (its {@code _delta_log} there, version 0 still a temporary file) and fails with {@code
   * DELTA_TABLE_NOT_FOUND}. The latter is retried after a pause, with this JVM's cached log of the
   * table dropped, until the other process's commit is visible (measured with two JVMs racing:
   * docs/reliability.md). If none appears within about 8 s, the problem says so (exit 5) and names
   * the folder to delete when the creating run was killed instead.
   */
  public DeltaTable ensure(Table table) {
    return guarded(
        table,
        () -> {
          long started = System.currentTimeMillis();
          for (int attempt = 1; ; attempt++) {
            try {
              DeltaTable.createIfNotExists(spark)
                  .location(path(table))
                  .addColumns(table.schema())
                  .partitionedBy(JavaConverters.asScalaBuffer(table.partitionColumns()).toSeq())
                  .comment(table.comment())
                  .execute();
              return DeltaTable.forPath(spark, path(table));
            } catch (Exception e) { // AnalysisException arrives undeclared through Scala
              if (!StorageFaults.isTableNotFound(e)) {
                throw e;
              }
              if (attempt == CREATE_ATTEMPTS) {
                throw Problems.tableBeingCreated(
                    table.tableName(), path(table), System.currentTimeMillis() - started, e);
              }
              long pause = CREATE_FIRST_PAUSE_MS << (attempt - 1);
              LOG.info(
                  "table {} is being created by another run; attempt {} of {} in {} ms",
                  table.tableName(),
                  attempt + 1,
                  CREATE_ATTEMPTS,
                  pause);
              DeltaLog.invalidateCache(spark, new org.apache.hadoop.fs.Path(path(table)));
              sleep(pause);
            }
          }
        });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a table's creation", e);
    }
  }

  /**
   * Upserts {@code rows} into {@code table} on equality of {@code keys}: a matched row is replaced
   * when {@code updateCondition} holds (over aliases {@code t} target and {@code s} source), an
   * unmatched one inserted. With a null condition matched rows are left alone (insert-only).
   */
  public WriteMetrics merge(Table table, Dataset<Row> rows, String[] keys, String updateCondition) {
    return guarded(table, () -> doMerge(table, rows, keys, updateCondition));
  }

  /**
   * {@link #merge} of rows read from a persisted dataset whose recomputation gives the same rows
   * (same files, same split; {@code monotonically_increasing_id} only makes them
   * "non-deterministic" to the planner). Delta would otherwise copy the whole source to disk first
   * to make its two passes agree: 42 s of a 10M-row ingest, for rows already held by the persisted
   * batch.
   */
  public WriteMetrics mergePersisted(
      Table table, Dataset<Row> rows, String[] keys, String updateCondition) {
    return withSessionConf(
        "spark.databricks.delta.merge.materializeSource",
        "none",
        () -> merge(table, rows, keys, updateCondition));
  }

  /**
   * Runs {@code body} with a session setting changed, then puts back the value it had (or unsets
   * it), also when {@code body} throws: a value the user configured is not lost.
   */
  public <T> T withSessionConf(String key, String value, Supplier<T> body) {
    return SparkSessions.withConf(spark, key, value, body);
  }

  private WriteMetrics doMerge(
      Table table, Dataset<Row> rows, String[] keys, String updateCondition) {
    DeltaTable target = ensure(table);
    String on =
        java.util.Arrays.stream(keys)
            .map(k -> "t.`" + k + "` = s.`" + k + "`")
            .reduce((a, b) -> a + " AND " + b)
            .orElseThrow();
    DeltaMergeBuilder merge = target.as("t").merge(rows.as("s"), on);
    if (updateCondition != null) {
      merge = merge.whenMatched(updateCondition).updateAll();
    }
    merge.whenNotMatched().insertAll().execute();
    return lastCommit(table);
  }

  /** Appends rows (schema-checked against the declared schema). */
  public WriteMetrics append(Table table, Dataset<Row> rows) {
    ensure(table);
    return guarded(
        table,
        () -> {
          rows.write().format("delta").mode("append").save(path(table));
          return lastCommit(table);
        });
  }

  /** Atomically replaces the rows matching {@code predicate} (e.g. one as_of partition). */
  public WriteMetrics replaceWhere(Table table, Dataset<Row> rows, String predicate) {
    ensure(table);
    return guarded(
        table,
        () -> {
          rows.write()
              .format("delta")
              .mode("overwrite")
              .option("replaceWhere", predicate)
              .save(path(table));
          return lastCommit(table);
        });
  }

  /** Version and operation metrics of the table's newest commit. */
  public WriteMetrics lastCommit(Table table) {
    Row last = DeltaTable.forPath(spark, path(table)).history(1).first();
    Map<String, String> metrics = last.getJavaMap(last.fieldIndex("operationMetrics"));
    return WriteMetrics.from(last.getLong(last.fieldIndex("version")), metrics);
  }

  /** Newest commit of a table: version, timestamp, operation and the run id that wrote it. */
  public Row history(Table table) {
    return DeltaTable.forPath(spark, path(table))
        .history(1)
        .select(
            functions.col("version"),
            functions.col("timestamp"),
            functions.col("operation"),
            functions.col("userMetadata"))
        .first();
  }

  /**
   * Reads a table by name when it exists, for readers of tables another stage may not have written
   * yet (the report shows a note instead of failing).
   */
  public Optional<Dataset<Row>> readIfExists(String tableName) {
    String path = path(tableName);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return Optional.empty();
    }
    return Optional.of(spark.read().format("delta").load(path));
  }

  /**
   * Runs a table operation, turning storage faults (commit conflict, full or read-only storage,
   * damaged log) into problems that name the table, its path and the fix.
   */
  private <T> T guarded(Table table, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (Exception e) { // Spark's checked SparkException arrives undeclared through Scala
      EffortLensException problem = StorageFaults.classify(e, table, path(table));
      if (problem != null) {
        throw problem;
      }
      throw e;
    }
  }

  private static String normalize(String root) {
    String trimmed = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    URI uri = URI.create(trimmed.replace(" ", "%20"));
    if (uri.getScheme() != null && uri.getScheme().length() > 1) {
      // Hadoop's own form (file:///x is file:/x), so Delta sees one location per table
      return new org.apache.hadoop.fs.Path(trimmed).toString();
    }
    // a plain absolute path: Delta qualifies it to file:/... the same way everywhere
    return Path.of(trimmed).toAbsolutePath().normalize().toString();
  }
}
