package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Shares, ranks, support flags and intervals of driver_effects, on hand-made inputs. */
class DriverEffectsTest {
  private static DriverEffects.Inputs inputs() {
    List<Driver> drivers =
        List.of(
            new Driver("repeat_contacts_90d", "effort", "repeats", 0.0),
            new Driver("transfers_90d", "effort", "transfers", 0.0),
            new Driver("gift_actions_90d", "delight", "gifts", 0.0),
            new Driver("csat_mean_90d", "experience", "csat", null));
    Map<String, double[]> avoided = new LinkedHashMap<>();
    avoided.put("repeat_contacts_90d", new double[] {30, 28, 32});
    avoided.put("transfers_90d", new double[] {10, 9, 11});
    avoided.put("gift_actions_90d", new double[] {-10, -12, -8});
    // the joint scenario removes the transfers of repeat contacts once, not twice: 36 < 30 + 10
    avoided.put("family:effort", new double[] {36, 33, 39});
    avoided.put("family:delight", new double[] {-10, -12, -8});
    Map<String, Long> support =
        Map.of(
            "repeat_contacts_90d",
            500L,
            "transfers_90d",
            400L,
            "gift_actions_90d",
            5L,
            "csat_mean_90d",
            900L);
    return new DriverEffects.Inputs(
        drivers,
        new double[] {0.3, 0.2, -0.1, 0.0},
        List.of(new double[] {0.25, 0.1, -0.2, 0.0}, new double[] {0.35, 0.3, 0.0, 0.1}),
        Map.of(),
        avoided,
        support,
        0.9,
        30);
  }

  /**
   * The pie's family values are the joint scenarios (36, not the 40 the effort drivers sum to), and
   * every share, family or driver, is over the families' absolute sum 36 + 10 = 46: the families'
   * absolute shares sum to 100%.
   */
  @Test
  void familiesAreTheirJointScenarioAndSharesDivideByTheFamiliesAbsoluteSum() {
    List<DriverEffects.Slice> pie = DriverEffects.pie(inputs());
    assertEquals("effort", pie.get(0).family());
    assertEquals(36.0, pie.get(0).avoided(), 1e-12);
    assertEquals(36.0 / 46.0, pie.get(0).share(), 1e-12);
    assertEquals(-10.0 / 46.0, pie.get(1).share(), 1e-12);
    assertEquals(1.0, pie.stream().mapToDouble(p -> Math.abs(p.share())).sum(), 1e-12);
    assertEquals(33.0 + 0.025 * 6, pie.get(0).low(), 1e-12, "the joint scenario's replicates");

    List<Row> rows = DriverEffects.toRows("v1", inputs());
    int share = DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.SHARE);
    int avoided = DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.DEFECTIONS_AVOIDED);
    Row effort = row(rows, DriverEffectsSchema.FAMILY_LEVEL, "effort");
    assertEquals(36.0, (Double) effort.get(avoided), 1e-12, "the family row is the pie's");
    assertEquals(36.0 / 46.0, (Double) effort.get(share), 1e-12);
    Row repeats = row(rows, DriverEffectsSchema.FEATURE_LEVEL, "repeat_contacts_90d");
    assertEquals(30.0 / 46.0, (Double) repeats.get(share), 1e-12, "drivers: the same sum");
    assertNull(row(rows, DriverEffectsSchema.FAMILY_LEVEL, "experience").get(share));
    assertEquals(List.of("experience"), DriverEffects.withoutShare(inputs()));
  }

  /** A family with a reference driver whose joint scenario is missing is a programming error. */
  @Test
  void aFamilyWithoutItsJointScenarioIsRefused() {
    DriverEffects.Inputs in = inputs();
    Map<String, double[]> avoided = new LinkedHashMap<>(in.avoided());
    avoided.remove("family:effort");
    DriverEffects.Inputs missing =
        new DriverEffects.Inputs(
            in.drivers(),
            in.coefficients(),
            in.coefficientReplicates(),
            in.permutation(),
            avoided,
            in.support(),
            in.stability(),
            in.minSupport());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> DriverEffects.pie(missing));
    assertTrue(e.getMessage().startsWith("Cannot compute the family row of 'effort'"));
  }

  private static Row row(List<Row> rows, String level, String driver) {
    int l = DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.LEVEL);
    return rows.stream()
        .filter(r -> r.get(l).equals(level) && r.getString(2).equals(driver))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Two drivers whose sums differ only in their last bits (the same scenario summed in another
   * partition order, as on a cluster) tie and rank by name, whichever bits each run gets.
   */
  @Test
  void sumsEqualButForTheirLastBitsRankByName() {
    Map<String, Double> cluster = Map.of("b_180d", 10.392370, "a_90d", 10.392370 + 1e-12);
    Map<String, Double> local = Map.of("b_180d", 10.392370 + 1e-12, "a_90d", 10.392370);
    Map<String, Double> byName = Map.of("a_90d", 2.0, "b_180d", 1.0);
    assertEquals(1.0, DriverEffects.spearman(byName, cluster), 1e-12);
    assertEquals(1.0, DriverEffects.spearman(byName, local), 1e-12);
    assertEquals(-1.0, DriverEffects.spearman(byName, Map.of("a_90d", 10.39, "b_180d", 10.40)));
    // drivers without effect: +-1e-15 by partition order, and -0.0 must not sort before 0.0
    Map<String, Double> zeros = Map.of("a_90d", 0.0, "b_180d", -1e-15);
    assertEquals(1.0, DriverEffects.spearman(byName, zeros), 1e-12);
    assertEquals(1.0, DriverEffects.spearman(byName, Map.of("a_90d", -1e-15, "b_180d", 0.0)));
    assertEquals(1.0, DriverEffects.spearman(byName, Map.of("a_90d", -0.0, "b_180d", 0.0)));
  }

  @Test
  void lowSupportDriversAreFlaggedAndNotRanked() {
    List<Row> rows = DriverEffects.toRows("v1", inputs());
    Row gift =
        rows.stream().filter(r -> r.getString(2).equals("gift_actions_90d")).findFirst().get();
    assertEquals(
        Boolean.TRUE,
        gift.get(DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.LOW_SUPPORT)));
    assertNull(gift.get(DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.RANK)));
    Row repeat = rows.get(0);
    assertEquals(1, repeat.get(DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.RANK)));
    assertEquals(
        Math.exp(0.3),
        (Double)
            repeat.get(
                DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.ODDS_RATIO_PER_SD)),
        1e-12);
    // two replicates 0.25 and 0.35: the 2.5% percentile interpolates 2.5% of the way between them
    assertEquals(
        Math.exp(0.25 + 0.025 * 0.10),
        (Double)
            repeat.get(DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.ODDS_RATIO_LOW)),
        1e-12);
    assertEquals(
        28.0 + 0.025 * 4,
        (Double)
            repeat.get(
                DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.DEFECTIONS_AVOIDED_LOW)),
        1e-12);
    Row csat = rows.stream().filter(r -> r.getString(2).equals("csat_mean_90d")).findFirst().get();
    assertNull(csat.get(DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.SHARE)));
    assertEquals(
        DriverEffectsSchema.SCHEMA.size(), rows.get(0).size(), "a value for every contract column");
  }

  @Test
  void driversWithoutReferenceAreRankedByPermutationImportanceWithTheirReason() {
    DriverEffects.Inputs base = inputs();
    List<Driver> drivers = new java.util.ArrayList<>(base.drivers());
    drivers.add(new Driver("days_since_last_login", "engagement", "login", null));
    drivers.add(new Driver("effort_trend_90d", "effort", "trend", null));
    double[] coefficients = {0.3, 0.2, -0.1, 0.0, 0.5, 0.0};
    DriverEffects.Inputs in =
        new DriverEffects.Inputs(
            drivers,
            coefficients,
            List.of(coefficients),
            Map.of(
                "csat_mean_90d", 0.01, "days_since_last_login", 0.06, "repeat_contacts_90d", 0.2),
            base.avoided(),
            base.support(),
            null,
            30);
    List<DriverEffects.Unreferenced> out = DriverEffects.withoutReference(in);
    assertEquals(
        List.of("days_since_last_login", "csat_mean_90d", "effort_trend_90d"),
        out.stream().map(DriverEffects.Unreferenced::driver).toList(),
        "largest importance first, unknown importance last; drivers with a reference not listed");
    assertEquals(1, out.get(0).rank());
    assertEquals(0.06, out.get(0).permutationImportance(), 1e-12);
    assertTrue(out.get(0).why().contains("recency"), out.get(0).why());
    assertTrue(Double.isNaN(out.get(2).permutationImportance()));
  }

  @Test
  void percentilesInterpolateBetweenTheClosestRanks() {
    double[] sorted = {10, 20, 30, 40, 50};
    assertEquals(10, Percentiles.ofSorted(sorted, 0), 1e-12);
    assertEquals(30, Percentiles.ofSorted(sorted, 0.5), 1e-12);
    assertEquals(41, Percentiles.ofSorted(sorted, 0.775), 1e-12, "position 3.1: 40 + 0.1 * 10");
    assertEquals(50, Percentiles.ofSorted(sorted, 1), 1e-12);
    assertTrue(Double.isNaN(Percentiles.ofSorted(new double[0], 0.5)));
    assertArrayEquals(
        new double[] {11, 49},
        Percentiles.interval95(new double[] {50, Double.NaN, 10, 30, 20, 40}),
        1e-12,
        "unsorted, non-finite left out: positions 0.1 and 3.9");
  }

  @Test
  void stabilityThatIsNotComputedSaysWhy() {
    LocalDate d = LocalDate.parse("2024-01-01");
    List<Backtest> one =
        List.of(new Backtest(List.of(d), d.plusMonths(1), List.of(d.plusMonths(2))));
    assertEquals("train.stability-windows is 0", DriverAnalysis.stabilityGap(List.of(), null, 0));
    assertTrue(DriverAnalysis.stabilityGap(List.of(), null, 2).startsWith("too few snapshots"));
    assertTrue(DriverAnalysis.stabilityGap(one, Double.NaN, 2).startsWith("fewer than 2 drivers"));
    assertNull(DriverAnalysis.stabilityGap(one, 0.8, 2));
  }

  @Test
  void spearmanIsOneForSameOrderAndMinusOneForReversed() {
    Map<String, Double> a = Map.of("x", 3.0, "y", 2.0, "z", 1.0);
    assertEquals(1.0, DriverEffects.spearman(a, Map.of("x", 30.0, "y", 20.0, "z", 10.0)), 1e-12);
    assertEquals(-1.0, DriverEffects.spearman(a, Map.of("x", 1.0, "y", 2.0, "z", 3.0)), 1e-12);
  }

  @Test
  void intervalIsTheTwoAndAHalfAndNinetySevenAndAHalfPercentiles() {
    double[] r = new double[41];
    for (int i = 0; i < r.length; i++) {
      r[i] = 40 - i;
    }
    assertArrayEquals(new double[] {1, 39}, DriverEffects.interval(r), 1e-12);
    assertNull(DriverEffects.interval(new double[0]));
  }
}
