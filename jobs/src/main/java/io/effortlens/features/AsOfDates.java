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
}
