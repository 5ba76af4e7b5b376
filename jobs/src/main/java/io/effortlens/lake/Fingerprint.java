package io.effortlens.lake;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The content of a data frame as one number, independent of row order, file layout and Delta
 * history: two frames with the same rows (as a multiset, columns in name order) get the same
 * fingerprint in any lake, and a rerun that rewrites identical rows keeps it. One aggregation pass;
 * nothing but the three aggregates reaches the driver.
 */
public final class Fingerprint {
  private Fingerprint() {}

  /**
   * Row count, XOR of the rows' 64-bit xxHash and sum of their 32-bit Murmur3 hash, as a 64-bit
   * value: equal contents give equal values; a changed, added or removed row changes it except with
   * negligible probability.
   */
  public static long of(Dataset<Row> data) {
    Column[] columns =
        Arrays.stream(data.columns()).sorted().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    Column[] hashed = columns.length == 0 ? new Column[] {lit(0)} : columns;
    Row r =
        data.agg(
                count(lit(1)),
                call_function("bit_xor", xxhash64(hashed)),
                sum(hash(hashed).cast("long")))
            .first();
    long rows = r.getLong(0);
    long xor = r.isNullAt(1) ? 0L : r.getLong(1);
    long sum = r.isNullAt(2) ? 0L : r.getLong(2);
    long mixed = xor ^ (sum * 0x9E3779B97F4A7C15L) ^ (rows * 0xC2B2AE3D27D4EB4FL);
    return mixed & Long.MAX_VALUE;
  }
}
