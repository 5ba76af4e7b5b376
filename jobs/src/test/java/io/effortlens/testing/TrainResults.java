package io.effortlens.testing;

import io.effortlens.model.Backtest;
import io.effortlens.model.TrainResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * A {@link TrainResult} for tests of what is printed from it: the first model of a lake (published,
 * gbt chosen by AUC-PR, 100 test rows, no stability: too few snapshots), with the drivers and
 * delight rows a test gives and nothing else.
 */
public final class TrainResults {
  private static final LocalDate FIRST = LocalDate.parse("2024-01-01");

  private final String version;
  private TrainResult.Drivers drivers =
      new TrainResult.Drivers(
          List.of(), List.of(), List.of(), List.of(), null, "too few snapshots");
  private List<Row> delight = List.of();

  private TrainResults(String version) {
    this.version = version;
  }

  /** The first model, {@code version}, without drivers or delight rows. */
  public static TrainResults first(String version) {
    return new TrainResults(version);
  }

  public TrainResults drivers(TrainResult.Drivers value) {
    drivers = value;
    return this;
  }

  public TrainResults delight(List<Row> rows) {
    delight = rows;
    return this;
  }

  public TrainResult build() {
    return new TrainResult(
        new Backtest(List.of(FIRST), FIRST.plusMonths(1), List.of(FIRST.plusMonths(2))),
        new TrainResult.Selection("gbt", "auc_pr", 100, 10, Map.of(), null),
        drivers,
        delight,
        0.7,
        new TrainResult.Registration(
            version, "first", true, "first model", "models/" + version, null));
  }
}
