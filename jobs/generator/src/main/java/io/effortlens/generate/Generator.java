package io.effortlens.generate;

import io.effortlens.Elapsed;
import io.effortlens.generate.SimulatedTables.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates synthetic vendor extracts of a subscription business with planted truth: {@code
 * contact_center/} (JSON lines, or Parquet), {@code web_events/} and {@code customers/} (CSV, or
 * Parquet), {@code truth/monthly_probabilities/} (Parquet, one row per at-risk customer-month) and
 * {@code truth.json}. Customers are simulated independently in parallel; nothing customer-level is
 * collected to the driver. The same options give byte-identical files.
 */
public final class Generator {
  static final String CONTACT_CENTER = "contact_center";
  static final String WEB_EVENTS = "web_events";
  static final String CUSTOMERS = "customers";
  static final String TRUTH_JSON = "truth.json";
  private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

  private Generator() {}

  /** Simulates and writes everything under {@code options.outDir()}; returns the row counts. */
  public static GeneratorResult run(SparkSession spark, GeneratorOptions options) {
    long customerRows = writeCustomers(spark, options);
    long contactCenter = writeContactCenter(spark, options);
    long webEvents = writeWebEvents(spark, options);
    Map<String, Object> months = writeMonthlyTruth(spark, options);
    List<Row> horizons = measureHorizons(spark, options, months);
    Row shares = measureCalibration(spark, options);
    GeneratorResult result =
        new GeneratorResult(
            options.customers(), contactCenter, webEvents, customerRows, options.outDir());
    String truth = TruthDocument.toJson(options, result, months, horizons, shares);
    OutputFiles.writeText(spark, path(options, TRUTH_JSON), truth);
    return result;
  }

  private static long writeCustomers(SparkSession spark, GeneratorOptions options) {
    boolean parquet = options.format() == OutputFormat.PARQUET;
    UnaryOperator<Dataset<Row>> shape =
        parquet ? VendorFormats::withTypedSignupDate : UnaryOperator.identity();
    return writeExtract(
        spark,
        options,
        Table.CUSTOMERS,
        CUSTOMERS,
        shape,
        parquet ? OutputFiles.PARQUET : OutputFiles.CSV);
  }

  private static long writeContactCenter(SparkSession spark, GeneratorOptions options) {
    boolean parquet = options.format() == OutputFormat.PARQUET;
    UnaryOperator<Dataset<Row>> shape =
        parquet ? UnaryOperator.identity() : VendorFormats::toJsonLines;
    return writeExtract(
        spark,
        options,
        Table.CONTACT_CENTER,
        CONTACT_CENTER,
        shape,
        parquet ? OutputFiles.PARQUET : OutputFiles.JSONL);
  }

  private static long writeWebEvents(SparkSession spark, GeneratorOptions options) {
    boolean parquet = options.format() == OutputFormat.PARQUET;
    return writeExtract(
        spark,
        options,
        Table.WEB_EVENTS,
        WEB_EVENTS,
        UnaryOperator.identity(),
        parquet ? OutputFiles.PARQUET : OutputFiles.CSV);
  }

  private static long writeExtract(
      SparkSession spark,
      GeneratorOptions options,
      Table table,
      String name,
      UnaryOperator<Dataset<Row>> shape,
      String extension) {
    long started = startStep(spark, name);
    Dataset<Row> rows = SimulatedTables.toTable(spark, options, table);
    Map<String, Object> metrics = OutputFiles.write(rows, shape, extension, path(options, name));
    return finishStep(name, metrics, started);
  }

  private static Map<String, Object> writeMonthlyTruth(
      SparkSession spark, GeneratorOptions options) {
    long started = startStep(spark, TruthDocument.MONTHLY_PROBABILITIES);
    // persisted: the drivers' references are read from the months before their sums are written
    Dataset<Row> months =
        SimulatedTables.toTable(spark, options, Table.MONTHS)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Map<Driver, Double> references = DefectionTruth.references(months);
    Map<String, Object> metrics =
        new LinkedHashMap<>(
            OutputFiles.write(
                months,
                DefectionTruth::toMonthlyProbabilities,
                OutputFiles.PARQUET,
                path(options, TruthDocument.MONTHLY_PROBABILITIES),
                DefectionTruth.metrics(references)));
    months.unpersist();
    references.forEach((d, r) -> metrics.put(DefectionTruth.REFERENCE_PREFIX + d.column(), r));
    finishStep(TruthDocument.MONTHLY_PROBABILITIES, metrics, started);
    return metrics;
  }

  /**
   * Per month start T whose horizon ends within the simulation: customers at risk, expected
   * defections and each driver's defections avoided at the references of {@code months} (see {@link
   * DriverHorizons}); at most one row per simulated month reaches the driver program.
   */
  private static List<Row> measureHorizons(
      SparkSession spark, GeneratorOptions options, Map<String, Object> months) {
    long started = startStep(spark, "driver effects by month");
    double[] references = new double[Driver.values().length];
    for (Driver driver : Driver.values()) {
      Object reference = months.get(DefectionTruth.REFERENCE_PREFIX + driver.column());
      references[driver.ordinal()] = reference == null ? 0.0 : ((Number) reference).doubleValue();
    }
    DriverHorizons horizons =
        new DriverHorizons(references, CustomerSimulator.of(options).horizon().endMs());
    Dataset<Row> snapshots =
        SimulatedTables.toRows(spark, options, DriverHorizons.SCHEMA, horizons::rows);
    List<Row> asOfs = DriverHorizons.toAsOfs(snapshots).collectAsList();
    LOG.info(
        "generate driver effects by month: {} as-of dates in {} s",
        asOfs.size(),
        Elapsed.seconds(started));
    return asOfs;
  }

  private static Row measureCalibration(SparkSession spark, GeneratorOptions options) {
    long started = startStep(spark, "calibration shares");
    Dataset<Row> journeys = SimulatedTables.toTable(spark, options, Table.JOURNEYS);
    Row shares = CalibrationShares.toShares(CalibrationShares.toCustomerYears(journeys)).first();
    LOG.info("generate calibration shares {} in {} s", shares, Elapsed.seconds(started));
    return shares;
  }

  private static String path(GeneratorOptions options, String relative) {
    String root = options.outDir();
    return root.endsWith("/") ? root + relative : root + "/" + relative;
  }

  private static long startStep(SparkSession spark, String step) {
    spark.sparkContext().setJobDescription("generate " + step);
    return System.nanoTime();
  }

  private static long finishStep(String step, Map<String, Object> metrics, long started) {
    long rows = (Long) metrics.get(OutputFiles.ROWS);
    LOG.info("generate {}: {} rows in {} s", step, rows, Elapsed.seconds(started));
    return rows;
  }
}
