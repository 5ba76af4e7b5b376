package io.effortlens.features;

import io.effortlens.Problems;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The as-of dates of a feature run: one date, or month starts between two dates. */
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
}
