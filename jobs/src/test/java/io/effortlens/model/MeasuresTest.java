package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows of one measure group for presentation; anything that does not nest stands alone. */
class MeasuresTest {
  @Test
  void windowsOfOneCountAreOneMeasureShowingTheLongestRankedWindow() {
    List<Measures.Measure> measures =
        Measures.group(
            List.of(
                new Measures.Ranked("active_days_90d", "engagement", 0.0),
                new Measures.Ranked("repeat_contacts_90d", "effort", 0.0),
                new Measures.Ranked("active_days_180d", "engagement", 0.0),
                new Measures.Ranked("monthly_value", "profile", 0.0),
                new Measures.Ranked("active_days_30d", "engagement", 0.0),
                new Measures.Ranked("wait_seconds_30d", "effort", 5.0)));
    assertEquals(
        List.of("repeat_contacts_90d", "active_days_180d", "monthly_value", "wait_seconds_30d"),
        measures.stream().map(Measures.Measure::driver).toList());
    Measures.Measure active = measures.get(1);
    assertEquals(
        List.of("active_days_30d", "active_days_90d", "active_days_180d"), active.members());
    assertEquals("active_days (30d, 90d, 180d windows)", active.label());
    assertEquals("30/90/180", active.windows());
    assertEquals("repeat_contacts_90d", measures.get(0).label());
    assertEquals("", measures.get(0).windows());
  }
}
