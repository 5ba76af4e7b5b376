package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split by time: latest fully observed snapshots test, purged earlier ones train. */
class BacktestTest {
  /** Monthly snapshots 2024-04..2025-04, 90-day horizon, data ending 2025-04-01. */
  private static List<Backtest.Snapshot> monthly() {
    List<Backtest.Snapshot> out = new ArrayList<>();
    LocalDate dataEnd = LocalDate.of(2025, 4, 1);
    for (LocalDate d = LocalDate.of(2024, 4, 1); !d.isAfter(dataEnd); d = d.plusMonths(1)) {
      LocalDate end = d.plusDays(90);
      out.add(new Backtest.Snapshot(d, 100, end.isAfter(dataEnd) ? 60 : 0, end));
    }
    return out;
  }

  @Test
  void testsOnLatestFullyObservedSnapshotAndTrainsOnlyOnHorizonsEndedBeforeIt() {
    Backtest b = Backtest.plan(monthly(), 1, null);
    assertEquals(List.of(LocalDate.of(2025, 1, 1)), b.test());
    assertEquals(LocalDate.of(2024, 10, 1), b.calibration());
    assertEquals(LocalDate.of(2024, 4, 1), b.fit().get(0));
    assertEquals(LocalDate.of(2024, 9, 1), b.fit().get(b.fit().size() - 1));
    for (LocalDate d : b.training()) {
      assertTrue(!d.plusDays(90).isAfter(b.test().get(0)), d + " overlaps the test period");
    }
  }

  @Test
  void asOfKeepsOnlySnapshotsWhoseHorizonEndsBeforeIt() {
    Backtest b = Backtest.plan(monthly(), 1, LocalDate.of(2024, 12, 15));
    assertEquals(List.of(LocalDate.of(2024, 9, 1)), b.test());
    assertEquals(LocalDate.of(2024, 6, 1), b.calibration());
  }

  @Test
  void rollingOriginsStepBackOneSnapshotEach() {
    List<Backtest.Snapshot> s = monthly();
    Backtest main = Backtest.plan(s, 1, null);
    List<Backtest> windows = Backtest.rollingOrigins(s, main, 2, null);
    assertEquals(2, windows.size());
    assertEquals(List.of(LocalDate.of(2024, 12, 1)), windows.get(0).test());
    assertEquals(List.of(LocalDate.of(2024, 11, 1)), windows.get(1).test());
  }

  @Test
  void tooFewSnapshotsIsAnInputProblemNamingTheFix() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class, () -> Backtest.plan(monthly().subList(0, 4), 1, null));
    assertEquals(ExitCodes.INPUT_NOT_FOUND, e.exitCode());
    assertTrue(
        e.getMessage().startsWith("Cannot train the defection model: found"), e.getMessage());
    assertTrue(e.getMessage().contains("Fix: run 'effortlens features"), e.getMessage());
  }
}
