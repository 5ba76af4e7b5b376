package io.effortlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A BI tool's view: every gold table read with the Delta Kernel (no Spark) has the same row count,
 * column names, types and comments as Spark reads.
 */
@ExtendWith(SparkSessionExtension.class)
class DeltaKernelReadTest {
  @Test
  void everyGoldTableReadsTheSameWithoutSpark(SparkSession spark) throws IOException {
    Lake lake = GoldFixture.ctx(spark).lake();
    Engine engine = DefaultEngine.create(new Configuration());
    for (Table table : GoldJob.TABLES) {
      Snapshot snapshot =
          io.delta.kernel.Table.forPath(engine, lake.path(table)).getLatestSnapshot(engine);
      StructType schema = snapshot.getSchema(engine);
      assertEquals(sparkColumns(lake, table), kernelColumns(schema), table.tableName() + " schema");
      long sparkRows = lake.read(table, "gold").count();
      assertTrue(sparkRows > 0, table.tableName() + " has rows");
      assertEquals(sparkRows, rows(engine, snapshot), table.tableName() + " rows");
    }
  }

  private static List<String> sparkColumns(Lake lake, Table table) {
    List<String> out = new ArrayList<>();
    for (org.apache.spark.sql.types.StructField field : table.schema().fields()) {
      out.add(
          field.name() + " " + field.dataType().simpleString() + " " + field.getComment().get());
    }
    return out;
  }

  private static List<String> kernelColumns(StructType schema) {
    List<String> out = new ArrayList<>();
    for (StructField field : schema.fields()) {
      out.add(
          field.getName()
              + " "
              + sqlName(field.getDataType())
              + " "
              + field.getMetadata().getString("comment"));
    }
    return out;
  }

  private static String sqlName(DataType type) {
    if (type instanceof StringType) {
      return "string";
    } else if (type instanceof LongType) {
      return "bigint";
    } else if (type instanceof IntegerType) {
      return "int";
    } else if (type instanceof DoubleType) {
      return "double";
    } else if (type instanceof DateType) {
      return "date";
    } else if (type instanceof TimestampType) {
      return "timestamp";
    } else if (type instanceof BooleanType) {
      return "boolean";
    }
    return type.toString();
  }

  /** Counts the rows of the snapshot the way the Kernel guide reads a table in one process. */
  private static long rows(Engine engine, Snapshot snapshot) throws IOException {
    Scan scan = snapshot.getScanBuilder(engine).build();
    io.delta.kernel.data.Row state = scan.getScanState(engine);
    StructType readSchema = ScanStateRow.getPhysicalDataReadSchema(engine, state);
    long count = 0;
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            io.delta.kernel.data.Row file = fileRows.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
            CloseableIterator<ColumnarBatch> physical =
                engine
                    .getParquetHandler()
                    .readParquetFiles(
                        Utils.singletonCloseableIterator(status), readSchema, Optional.empty());
            try (CloseableIterator<FilteredColumnarBatch> data =
                Scan.transformPhysicalData(engine, state, file, physical)) {
              while (data.hasNext()) {
                try (CloseableIterator<io.delta.kernel.data.Row> rows = data.next().getRows()) {
                  while (rows.hasNext()) {
                    rows.next();
                    count++;
                  }
                }
              }
            }
          }
        }
      }
    }
    return count;
  }
}
