package io.effortlens.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monthly snapshot dates and the settings parsing of activity types. */
class AsOfDatesTest {
  @Test
  void takesEveryMonthStartWithinTheRangeBothEndsIncluded() {
    assertEquals(
        List.of(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 6, 1)),
        AsOfDates.snapshots("monthly", LocalDate.of(2024, 4, 15), LocalDate.of(2024, 6, 1)));
    assertEquals(
        List.of(LocalDate.of(2024, 1, 1)),
        AsOfDates.snapshots("monthly", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)));
  }

  @Test
  void rejectsARangeWithoutAMonthStart() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () ->
                AsOfDates.snapshots(
                    "monthly", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 31)));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(
        e.getMessage().startsWith("Cannot use --from/--to 2024-01-02..2024-01-31"), e.getMessage());
  }

  @Test
  void normalizesConfiguredActivityTypesLikeTheirColumns() {
    assertEquals(
        List.of("login", "video_play"), FeatureSettings.types(" Login, video-play ,,LOGIN"));
    assertEquals(List.of(), FeatureSettings.types(""));
  }

  @Test
  void trainingSnapshotsAreMonthsWhoseHorizonIsObservedBeforeTheScoreDate() {
    // the sample: events through 2024-12-31, scored as of 2025-01-01, 90-day horizon
    LocalDate start = LocalDate.of(2024, 1, 1);
    LocalDate asOf = LocalDate.of(2025, 1, 1);
    List<LocalDate> all = AsOfDates.training(start, asOf, 90, 0);
    assertEquals(LocalDate.of(2024, 2, 1), all.get(0), "one full month of history first");
    assertEquals(LocalDate.of(2024, 10, 1), all.get(all.size() - 1), "Oct 1 + 90 d = Dec 30");
    assertEquals(9, all.size());
    assertEquals(
        List.of(LocalDate.of(2024, 9, 1), LocalDate.of(2024, 10, 1)),
        AsOfDates.training(start, asOf, 90, 2));
    List<LocalDate> exact = AsOfDates.training(start, LocalDate.of(2024, 12, 30), 90, 0);
    assertEquals(
        LocalDate.of(2024, 10, 1),
        exact.get(exact.size() - 1),
        "a horizon ending exactly on the score date is observed");
    List<LocalDate> dayShort = AsOfDates.training(start, LocalDate.of(2024, 12, 29), 90, 0);
    assertEquals(LocalDate.of(2024, 9, 1), dayShort.get(dayShort.size() - 1));
    assertEquals(List.of(), AsOfDates.training(start, LocalDate.of(2024, 4, 1), 90, 0));
  }
}
