package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The first step of {@link TrainJob}: the backtest plan and the labelled rows of every snapshot it
 * uses (customer × as-of grain, in their stable order, cached until {@link #release()}).
 *
 * @param all labelled rows of the main backtest's and the stability windows' snapshots
 * @param drivers the catalog's drivers with a value in the main fit rows
 * @param leftOut every catalog column the models do not read, with the reason
 */
record TrainingFrames(
    Dataset<Row> all,
    Backtest main,
    List<Backtest> windows,
    List<Driver> drivers,
    List<String> categories,
    Map<String, String> leftOut) {

  /** Plans the backtest on the labels' snapshots and labels the features of those it uses. */
  static TrainingFrames of(
      Dataset<Row> features, Dataset<Row> labels, List<Row> catalog, TrainSettings settings) {
    List<Backtest.Snapshot> snapshots =
        TrainingSet.snapshots(TrainingSet.toSnapshotCoverage(labels).collectAsList());
    Backtest main = Backtest.plan(snapshots, settings.testSnapshots(), settings.asOf());
    List<Backtest> windows =
        Backtest.rollingOrigins(snapshots, main, settings.stabilityWindows(), settings.asOf());
    List<Driver> candidates = TrainingSet.drivers(catalog, features.schema());
    List<String> categories = TrainingSet.categories(catalog, features.schema());
    List<LocalDate> used = used(main, windows);
    Dataset<Row> all =
        TrainingSet.inStableOrder(
                TrainingSet.labelled(features, labels, candidates, categories, used), used.size())
            .cache();
    List<Driver> drivers = present(rows(all, main.fit()), candidates);
    Map<String, String> leftOut = new TreeMap<>(TrainingSet.leftOut(catalog, features.schema()));
    candidates.stream()
        .filter(d -> !drivers.contains(d))
        .forEach(d -> leftOut.put(d.name(), "no value in the fit rows"));
    return new TrainingFrames(all, main, windows, drivers, categories, leftOut);
  }

  /** The snapshots of the main backtest and the windows, each once, in order of first use. */
  private static List<LocalDate> used(Backtest main, List<Backtest> windows) {
    List<LocalDate> used = new ArrayList<>(main.training());
    used.addAll(main.test());
    windows.forEach(
        w -> {
          used.addAll(w.training());
          used.addAll(w.test());
        });
    return used.stream().distinct().toList();
  }

  static Dataset<Row> rows(Dataset<Row> all, List<LocalDate> asOfs) {
    return all.where(col(TrainingSet.AS_OF).isin(asOfs.stream().map(Date::valueOf).toArray()));
  }

  /** Drivers with at least one known value in the fit rows (the imputer needs one). */
  static List<Driver> present(Dataset<Row> fit, List<Driver> candidates) {
    Column[] counts =
        candidates.stream().map(d -> count(col(d.name())).as(d.name())).toArray(Column[]::new);
    Row r = fit.agg(counts[0], Arrays.copyOfRange(counts, 1, counts.length)).first();
    List<Driver> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (r.getLong(i) > 0) {
        out.add(candidates.get(i));
      }
    }
    return out;
  }

  void release() {
    all.unpersist();
  }
}
