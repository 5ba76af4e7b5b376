package io.effortlens.features;

import io.effortlens.Problems;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The as-of dates of a feature run: one date, month starts between two dates, or explicit dates
 * (cohorts) checked against what a training backtest needs.
 */
public final class AsOfDates {
  public static final String MONTHLY = "monthly";

  private AsOfDates() {}

  /** Every first of a month in [from, to]; fails when there is none or the cadence is unknown. */
  public static List<LocalDate> snapshots(String cadence, LocalDate from, LocalDate to) {
    if (!MONTHLY.equals(cadence)) {
      throw Problems.badArgument("--snapshots", cadence, "'monthly'");
    }
    if (to.isBefore(from)) {
      throw Problems.badArgument("--to", to.toString(), "a date on or after --from " + from);
    }
    List<LocalDate> out = new ArrayList<>();
    LocalDate month = from.withDayOfMonth(1);
    LocalDate first = month.equals(from) ? month : month.plusMonths(1);
    for (LocalDate date = first; !date.isAfter(to); date = date.plusMonths(1)) {
      out.add(date);
    }
    if (out.isEmpty()) {
      throw Problems.badArgument(
          "--from/--to", from + ".." + to, "a range that contains the first day of a month");
    }
    return out;
  }

  /**
   * The monthly snapshots a model can learn from when scoring at {@code asOf}: every first of a
   * month T after the first full month of data ({@code dataStart}) whose label horizon (T, T +
   * horizon] ends on or before {@code asOf}, so every label was observed before the score date.
   * With {@code max} &gt; 0 only the latest {@code max} are kept. Empty when the data is too short.
   */
  public static List<LocalDate> training(
      LocalDate dataStart, LocalDate asOf, int horizonDays, int max) {
    List<LocalDate> out = new ArrayList<>();
    LocalDate first = dataStart.withDayOfMonth(1).plusMonths(1);
    for (LocalDate t = first; !t.plusDays(horizonDays).isAfter(asOf); t = t.plusMonths(1)) {
      out.add(t);
    }
    return max > 0 && out.size() > max
        ? List.copyOf(out.subList(out.size() - max, out.size()))
        : out;
  }

  /**
   * Explicit training as-of dates, e.g. the cohort dates of a static churn export, sorted without
   * duplicates, after checking that train's backtest ({@code model.Backtest}) can be planned from
   * them: the latest {@code testSnapshots} dates whose label horizon (T, T + horizon] ends on or
   * before {@code scoreDate} are the test period, and at least two earlier dates must have their
   * horizon end on or before the first test date. Dates whose horizon ends later are kept (they are
   * labelled but censored or unused). Whether a date holds uncensored labels depends on the data
   * and is left to train.
   *
   * @param scoreDate the score date, or null when not known yet (then only the spacing is checked)
   */
  public static List<LocalDate> explicit(
      List<LocalDate> dates, LocalDate scoreDate, int horizonDays, int testSnapshots) {
    List<LocalDate> sorted = dates.stream().distinct().sorted().toList();
    for (LocalDate date : sorted) {
      if (scoreDate != null && date.isAfter(scoreDate)) {
        throw Problems.badArgument(
            "--snapshots", date.toString(), "dates on or before the score date " + scoreDate);
      }
    }
    List<LocalDate> observed =
        sorted.stream().filter(d -> observedBy(d, horizonDays, scoreDate)).toList();
    LocalDate firstTest =
        observed.size() < testSnapshots ? null : observed.get(observed.size() - testSnapshots);
    List<LocalDate> training =
        firstTest == null
            ? List.of()
            : observed.stream().filter(d -> observedBy(d, horizonDays, firstTest)).toList();
    if (training.size() < 2) {
      throw Problems.notEnoughSnapshotDates(
          sorted, horizonDays, scoreDate, testSnapshots, observed, firstTest, training);
    }
    return sorted;
  }

  /** Whether the label horizon of {@code asOf} ends on or before {@code by} (null: always). */
  private static boolean observedBy(LocalDate asOf, int horizonDays, LocalDate by) {
    return by == null || !asOf.plusDays(horizonDays).isAfter(by);
  }
}
