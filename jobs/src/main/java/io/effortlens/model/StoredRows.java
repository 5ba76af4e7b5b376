package io.effortlens.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * The input of an iterative fit, stored with its lineage cut. Every MLlib iteration (an L-BFGS
 * step, a tree level) and every {@link BatchedLogistic} evaluation is a Spark job whose task binary
 * serializes the plan of the rows it reads, back to the last shuffle: for prepared vectors that is
 * the whole ~160-column preparation (casts, imputation, encoding, assembly, and the sort of a
 * random split), serialized on the one DAG-scheduler thread for each of ~1,000 jobs of a train.
 * {@link Dataset#localCheckpoint()} computes the rows once and leaves a scan of the stored
 * partitions: the same rows, partitions and order (so the same models, bit for bit), a task binary
 * of a few columns.
 */
public final class StoredRows {
  private StoredRows() {}

  /** {@code rows} computed now and stored (memory, spilling to disk), the lineage cut. */
  public static Dataset<Row> of(Dataset<Row> rows) {
    return rows.localCheckpoint(true);
  }

  /** Frees the stored partitions of {@link #of}'s frame (unpersists any other frame). */
  public static void release(Dataset<Row> rows) {
    if (rows.queryExecution().analyzed() instanceof LogicalRDD stored) {
      stored.rdd().unpersist(false);
    } else {
      rows.unpersist();
    }
  }
}
