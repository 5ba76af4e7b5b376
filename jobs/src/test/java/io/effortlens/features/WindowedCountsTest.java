package io.effortlens.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.journey.JourneySchema;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The declaration the counterfactual reads matches the feature definitions: a windowed feature
 * nests exactly when a customer without rows has 0 (a count or a sum, not a mean, maximum, rate or
 * indicator), and every declared count has a feature per window.
 */
class WindowedCountsTest {
  private static final List<Integer> WINDOWS = List.of(30, 90, 180);
  private static final List<Feature> FEATURES =
      FeatureSet.of(
              WINDOWS,
              5.0,
              FeatureSet.everywhere(List.of(LocalDate.of(2025, 1, 1)), List.of("login")),
              null)
          .all();

  private static String base(Feature f) {
    return WindowedCounts.parse(f.name()).orElseThrow().base();
  }

  @Test
  void aNameParsesAsWindowedExactlyWhenItsFeatureHasAWindow() {
    for (Feature f : FEATURES) {
      java.util.Optional<WindowedCounts.Windowed> w = WindowedCounts.parse(f.name());
      assertEquals(f.windowDays() != null, w.isPresent(), f.name());
      if (w.isPresent()) {
        assertEquals(f.windowDays(), w.get().days(), f.name());
        assertEquals(f.name(), w.get().over(f.windowDays()), f.name());
        assertEquals(FeatureSet.windowed(w.get().base(), 30), w.get().over(30));
      }
    }
    assertTrue(WindowedCounts.parse("tenure_days").isEmpty());
    assertTrue(WindowedCounts.parse(EngagementFeatures.TREND).isEmpty(), "two windows, no base");
  }

  @Test
  void aWindowedFeatureNestsExactlyWhenItIsZeroWithoutRows() {
    for (Feature f : FEATURES) {
      if (f.windowDays() == null) {
        continue;
      }
      boolean zeroWithoutRows = f.absent() instanceof Number n && n.doubleValue() == 0.0;
      assertEquals(zeroWithoutRows, WindowedCounts.nests(base(f)), f.name() + ": " + f.absent());
    }
  }

  @Test
  void everyDeclaredBaseIsAFeatureOfEveryWindow() {
    Set<String> names = FEATURES.stream().map(Feature::name).collect(Collectors.toSet());
    for (WindowedCounts.Containment c : WindowedCounts.CONTAINMENTS) {
      for (int days : WINDOWS) {
        assertTrue(names.contains(FeatureSet.windowed(c.contained(), days)), c.toString());
        assertTrue(names.contains(FeatureSet.windowed(c.container(), days)), c.toString());
        assertTrue(WindowedCounts.nests(c.contained()) && WindowedCounts.nests(c.container()));
      }
    }
    WindowedCounts.PER_WINDOW.forEach(
        b -> assertTrue(names.contains(FeatureSet.windowed(b, 90)), b + " is no feature"));
  }

  @Test
  void repeatContactsAreAssistedContactsAndTouchpoints() {
    assertEquals(
        List.of(WindowedCounts.ASSISTED_CONTACTS, WindowedCounts.TOUCHPOINTS),
        WindowedCounts.containersOf(JourneySchema.REPEAT_CONTACTS));
    assertEquals(List.of(), WindowedCounts.containersOf(JourneySchema.TRANSFERS));
    assertEquals(List.of(), WindowedCounts.containersOf(WindowedCounts.CONTACTS_PER_JOURNEY));
  }
}
