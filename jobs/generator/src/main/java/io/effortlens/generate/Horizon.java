package io.effortlens.generate;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The simulated months: month {@code m} starts at {@code start + m months}, midnight UTC. */
record Horizon(LocalDate start, int months) implements Serializable {
  static final long DAY_MS = 86_400_000L;

  long monthStartMs(int month) {
    return toMs(start.plusMonths(month));
  }

  LocalDate monthStart(int month) {
    return start.plusMonths(month);
  }

  long startMs() {
    return toMs(start);
  }

  /** Exclusive end of the simulation. */
  long endMs() {
    return monthStartMs(months);
  }

  int days() {
    return (int) ((endMs() - startMs()) / DAY_MS);
  }

  static long toMs(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  static LocalDate toDate(long ms) {
    return LocalDate.ofEpochDay(Math.floorDiv(ms, DAY_MS));
  }
}
