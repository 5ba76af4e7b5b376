package io.effortlens.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monthly and explicit snapshot dates and the settings parsing of activity types. */
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

  private static final LocalDate SCORE = LocalDate.of(2025, 1, 1);

  private static List<LocalDate> dates(String... isoDates) {
    return java.util.Arrays.stream(isoDates).map(LocalDate::parse).toList();
  }

  @Test
  void quarterStartsAreEnoughForANinetyDayHorizonAndComeBackSortedOnce() {
    // Jul 1 + 90 days = Sep 29: the last training horizon ends before the test date Oct 1
    assertEquals(
        dates("2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"),
        AsOfDates.explicit(
            dates("2024-10-01", "2024-01-01", "2024-07-01", "2024-04-01", "2024-01-01"),
            SCORE,
            90,
            1));
    assertEquals(
        dates("2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"),
        AsOfDates.explicit(
            dates("2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"), null, 90, 1),
        "without a score date only the spacing is checked");
  }

  @Test
  void keepsADateWhoseHorizonEndsAfterTheScoreDateButDoesNotCountIt() {
    // Oct 1 + 90 days = Dec 30 is after Dec 1: Jul is the test date, Jan and Apr train
    List<LocalDate> all = dates("2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01");
    assertEquals(all, AsOfDates.explicit(all, LocalDate.of(2024, 12, 1), 90, 1));
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () -> AsOfDates.explicit(all.subList(0, 3), LocalDate.of(2024, 9, 1), 90, 1));
    assertTrue(
        e.getMessage()
            .contains(
                "of the dates given, 2 have their horizon end by the score date 2024-09-01"
                    + " (2024-01-01,2024-04-01), 1 of them also by the first test date"
                    + " 2024-04-01"),
        e.getMessage());
  }

  @Test
  void rejectsMonthlyDatesForANinetyDayHorizonNamingTheDatesTheHorizonAndWhatIsNeeded() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () ->
                AsOfDates.explicit(
                    dates("2024-07-01", "2024-08-01", "2024-09-01", "2024-10-01"), SCORE, 90, 1));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertEquals(
        "Cannot train on --snapshots 2024-07-01,2024-08-01,2024-09-01,2024-10-01: train tests on"
            + " the latest 1 date(s) whose 90-day label horizon ends by the score date 2025-01-01"
            + " (train.test-snapshots) and fits on at least 2 earlier dates whose horizon ends by"
            + " the first test date, so it needs 3 dates at least 90 days apart; of the dates"
            + " given, 4 have their horizon end by the score date 2025-01-01"
            + " (2024-07-01,2024-08-01,2024-09-01,2024-10-01), 1 of them also by the first test"
            + " date 2024-10-01. Fix: pass at least 3 dates 90 or more days apart (e.g. quarter"
            + " starts for a 90-day horizon), the latest test date 90 or more days before the"
            + " score date (--as-of); or lower labels.horizon-days or train.test-snapshots",
        e.getMessage());
    EffortLensException spacing =
        assertThrows(
            EffortLensException.class,
            () -> AsOfDates.explicit(dates("2024-01-01", "2024-02-01"), null, 90, 1));
    assertTrue(
        spacing.getMessage().startsWith("Cannot train on --snapshots 2024-01-01,2024-02-01"),
        spacing.getMessage());
  }

  @Test
  void moreTestSnapshotsNeedMoreDates() {
    List<LocalDate> quarters = dates("2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01");
    assertEquals(quarters, AsOfDates.explicit(quarters, SCORE, 90, 2));
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () -> AsOfDates.explicit(quarters.subList(1, 4), SCORE, 90, 2));
    assertTrue(e.getMessage().contains("so it needs 4 dates"), e.getMessage());
  }

  @Test
  void rejectsADateAfterTheScoreDate() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () ->
                AsOfDates.explicit(
                    dates("2024-01-01", "2024-04-01", "2024-07-01", "2025-02-01"), SCORE, 90, 1));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Cannot use --snapshots 2025-02-01: expected dates on or before the score date"
                    + " 2025-01-01"),
        e.getMessage());
  }
}
