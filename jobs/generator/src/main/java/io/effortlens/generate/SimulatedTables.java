package io.effortlens.generate;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The simulation as Spark datasets: customer indices from {@code spark.range} in a fixed number of
 * contiguous partitions, each customer simulated inside {@code flatMap} from its own seed. No
 * shuffle, so the row order within each partition (customer, then time) is deterministic.
 */
final class SimulatedTables {
  static final int CUSTOMERS_PER_PARTITION = 25_000;
  static final int MAX_PARTITIONS = 400;

  private SimulatedTables() {}

  /** Which canonical or vendor rows to produce per customer. */
  enum Table {
    CONTACT_CENTER(ContactCenterRows.SCHEMA, ContactCenterRows::of, true),
    WEB_EVENTS(WebEventRows.SCHEMA, WebEventRows::of, true),
    CUSTOMERS(CustomerRows.SCHEMA, CustomerRows::of, false),
    MONTHS(MonthRows.SCHEMA, MonthRows::of, true),
    JOURNEYS(JourneyRows.SCHEMA, JourneyRows::of, true),
    DELIGHT_SNAPSHOTS(DelightSnapshotRows.SCHEMA, DelightSnapshotRows::of, true);

    private final StructType schema;
    private final Function<CustomerHistory, List<Row>> render;
    private final boolean needsMonths;

    Table(StructType schema, Function<CustomerHistory, List<Row>> render, boolean needsMonths) {
      this.schema = schema;
      this.render = render;
      this.needsMonths = needsMonths;
    }

    List<Row> rows(CustomerSimulator simulator, long index) {
      return render.apply(needsMonths ? simulator.simulate(index) : simulator.profile(index));
    }
  }

  /** Deterministic partition (and output file) count for a number of customers. */
  static int partitions(long customers) {
    long wanted = (customers + CUSTOMERS_PER_PARTITION - 1) / CUSTOMERS_PER_PARTITION;
    return (int) Math.max(1, Math.min(MAX_PARTITIONS, wanted));
  }

  static Dataset<Row> toTable(SparkSession spark, GeneratorOptions options, Table table) {
    CustomerSimulator simulator = CustomerSimulator.of(options);
    long customers = options.customers();
    FlatMapFunction<Long, Row> rows = index -> table.rows(simulator, index).iterator();
    return spark
        .range(0, customers, 1, partitions(customers))
        .flatMap(rows, Encoders.row(table.schema));
  }

  /** Rows that {@code render} derives from each customer's whole simulated history. */
  static Dataset<Row> toRows(
      SparkSession spark,
      GeneratorOptions options,
      StructType schema,
      org.apache.spark.api.java.function.Function<CustomerHistory, List<Row>> render) {
    CustomerSimulator simulator = CustomerSimulator.of(options);
    long customers = options.customers();
    FlatMapFunction<Long, Row> rows = index -> render.call(simulator.simulate(index)).iterator();
    return spark.range(0, customers, 1, partitions(customers)).flatMap(rows, Encoders.row(schema));
  }
}
