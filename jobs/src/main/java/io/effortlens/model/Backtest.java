package io.effortlens.model;

import io.effortlens.Problems;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A split by time: the test snapshots are the latest fully observed ones; training uses the earlier
 * snapshots whose label horizon ends on or before the first test as-of (purged: no label window
 * overlaps the test period). The latest training snapshot is held out to calibrate.
 *
 * @param fit snapshots the classifiers are fitted on
 * @param calibration the held-out latest training snapshot the calibration is fitted on
 * @param test the test snapshots
 */
public record Backtest(List<LocalDate> fit, LocalDate calibration, List<LocalDate> test) {

  /** One snapshot's label coverage. */
  public record Snapshot(LocalDate asOf, long rows, long censored, LocalDate horizonEnd) {
    boolean fullyObserved(LocalDate before) {
      return rows > 0 && censored == 0 && (before == null || !horizonEnd.isAfter(before));
    }
  }

  /** All training snapshots (fit and calibration). */
  public List<LocalDate> training() {
    List<LocalDate> all = new ArrayList<>(fit);
    all.add(calibration);
    return all;
  }

  /**
   * The main backtest.
   *
   * @param snapshots every labelled snapshot, any order
   * @param testSnapshots how many latest fully observed snapshots to test on
   * @param before only snapshots whose horizon ends on or before it (null = all)
   */
  public static Backtest plan(List<Snapshot> snapshots, int testSnapshots, LocalDate before) {
    List<Snapshot> observed =
        snapshots.stream()
            .filter(s -> s.fullyObserved(before))
            .sorted((a, b) -> a.asOf().compareTo(b.asOf()))
            .toList();
    if (observed.size() < testSnapshots) {
      throw Problems.notEnoughSnapshots(observed.size(), testSnapshots + 2, before);
    }
    List<Snapshot> test = observed.subList(observed.size() - testSnapshots, observed.size());
    return split(observed, test.stream().map(Snapshot::asOf).toList(), before);
  }

  /**
   * Earlier rolling-origin windows: window k tests on the k-th fully observed snapshot before the
   * main test period, with the same purge. Windows without two training snapshots are skipped.
   */
  public static List<Backtest> rollingOrigins(
      List<Snapshot> snapshots, Backtest main, int windows, LocalDate before) {
    List<Snapshot> observed =
        snapshots.stream()
            .filter(s -> s.fullyObserved(before) && s.asOf().isBefore(main.test().get(0)))
            .sorted((a, b) -> b.asOf().compareTo(a.asOf()))
            .toList();
    List<Backtest> out = new ArrayList<>();
    for (int k = 0; k < observed.size() && out.size() < windows; k++) {
      LocalDate test = observed.get(k).asOf();
      List<Snapshot> earlier = observed.stream().filter(s -> s.asOf().isBefore(test)).toList();
      if (earlier.stream().filter(s -> !s.horizonEnd().isAfter(test)).count() >= 2) {
        out.add(split(earlier, List.of(test), before));
      }
    }
    return out;
  }

  private static Backtest split(List<Snapshot> observed, List<LocalDate> test, LocalDate before) {
    LocalDate firstTest = test.get(0);
    List<LocalDate> training =
        observed.stream()
            .filter(s -> s.asOf().isBefore(firstTest) && !s.horizonEnd().isAfter(firstTest))
            .map(Snapshot::asOf)
            .sorted()
            .toList();
    if (training.size() < 2) {
      throw Problems.notEnoughSnapshots(training.size() + test.size(), test.size() + 2, before);
    }
    return new Backtest(
        training.subList(0, training.size() - 1), training.get(training.size() - 1), test);
  }
}
