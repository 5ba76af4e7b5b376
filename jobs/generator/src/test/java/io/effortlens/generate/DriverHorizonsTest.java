package io.effortlens.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The planted defections avoided that truth.json's {@code driver_effects_by_month} sums are what
 * driver_effects estimates, in expectation: over a tiny planted population at risk at T (three
 * customers, four months of driver values each), brute force over 100,000 draws of the monthly
 * CANCEL (the same draws with the hazard as simulated and with one driver at its reference in every
 * month, CANCEL at a uniform instant of its month, counted when within (T, T + 90 days]) gives the
 * expected defections and the defections avoided that {@link HorizonHazards} and {@link
 * DriverHorizons} return on average over the paths those draws leave. Once for a count whose
 * reference is 0, once for the monthly fee whose reference is a value customers have (not 0), and
 * once for both at their references at once (a family's joint value, which is not their sum).
 */
class DriverHorizonsTest {
  private static final LocalDate T = LocalDate.of(2024, 3, 1);
  private static final int MONTHS = 4;
  private static final int DRAWS = 100_000;
  private static final double FEE_REFERENCE = 0.9;

  /** Per customer and month: the log-odds of the drivers not varied here, repeat contacts, fee. */
  private static final double[][][] POPULATION = {
    {{-1.6, -1.4, -1.5, -1.3}, {3, 1, 0, 2}, {1.5, 1.5, 1.5, 1.5}},
    {{-2.0, -1.8, -1.9, -2.1}, {0, 0, 4, 1}, {0.9, 0.9, 1.7, 1.7}},
    {{-1.2, -1.1, -1.0, -0.9}, {1, 2, 2, 0}, {1.2, 1.2, 1.2, 1.2}},
  };

  @Test
  void avoidedWithRepeatContactsAtZeroIsTheMeanDifferenceOfDefectionsWithinTheHorizon() {
    assertMatchesBruteForce(Driver.REPEAT_CONTACTS_90D, 0.0);
  }

  @Test
  void avoidedWithTheFeeAtItsInSupportReferenceIsTheMeanDifferenceOfDefections() {
    assertMatchesBruteForce(Driver.MONTHLY_FEE_PER_10, FEE_REFERENCE);
  }

  /**
   * Both drivers at their references at once: the joint value matches the brute force of the joint
   * counterfactual; on the same paths, the sum of the two single values is larger (the hazard is
   * convex at these risks, so each driver alone removes more than its part of the joint change):
   * the family value a sum would have overstated.
   */
  @Test
  void avoidedWithBothDriversAtTheirReferencesAtOnceIsTheJointDifferenceNotTheSum() {
    double[] references = references();
    List<Driver> both = List.of(Driver.REPEAT_CONTACTS_90D, Driver.MONTHLY_FEE_PER_10);
    assertMatchesBruteForce(both, references);
    DriverHorizons horizons = new DriverHorizons(references, Long.MAX_VALUE);
    SplittableRandom rng = new SplittableRandom(11);
    double joint = 0;
    double sum = 0;
    for (int draw = 0; draw < DRAWS; draw++) {
      for (double[][] customer : POPULATION) {
        List<Touches.Month> path = path(customer, uniforms(rng));
        uniforms(rng);
        joint += horizons.jointAvoided(path, 0, both);
        sum += horizons.avoided(path, 0, both.get(0)) + horizons.avoided(path, 0, both.get(1));
      }
    }
    assertTrue(
        sum / DRAWS - joint / DRAWS > 0.005, "joint " + joint / DRAWS + ", sum " + sum / DRAWS);
  }

  private static double[] references() {
    double[] references = new double[Driver.values().length];
    references[Driver.MONTHLY_FEE_PER_10.ordinal()] = FEE_REFERENCE;
    return references;
  }

  private static void assertMatchesBruteForce(Driver driver, double reference) {
    double[] references = new double[Driver.values().length];
    references[driver.ordinal()] = reference;
    assertMatchesBruteForce(List.of(driver), references);
  }

  /** Asserts the path values match the brute force with {@code drivers} at their references. */
  private static void assertMatchesBruteForce(List<Driver> drivers, double[] references) {
    DriverHorizons horizons = new DriverHorizons(references, Long.MAX_VALUE);
    long horizonEnd = HorizonHazards.horizonEndMs(Horizon.toMs(T));
    SplittableRandom rng = new SplittableRandom(11);
    Sums expected = new Sums();
    Sums avoided = new Sums();
    double pathExpected = 0;
    double pathAvoided = 0;
    for (int draw = 0; draw < DRAWS; draw++) {
      double defections = 0;
      double difference = 0;
      for (double[][] customer : POPULATION) {
        double[] u = uniforms(rng);
        double[] at = uniforms(rng);
        double with = defectsWithin(customer, u, at, List.of(), references, horizonEnd);
        defections += with;
        difference += with - defectsWithin(customer, u, at, drivers, references, horizonEnd);
        List<Touches.Month> path = path(customer, u);
        pathExpected += HorizonHazards.expectedDefections(path, 0);
        pathAvoided += horizons.jointAvoided(path, 0, drivers);
      }
      expected.add(defections);
      avoided.add(difference);
    }
    assertTrue(avoided.mean() > 0.02, "the driver must have a visible effect: " + avoided.mean());
    assertEquals(expected.mean(), pathExpected / DRAWS, 4 * expected.se(), expected.toString());
    assertEquals(avoided.mean(), pathAvoided / DRAWS, 4 * avoided.se(), avoided.toString());
  }

  private static double[] uniforms(SplittableRandom rng) {
    double[] u = new double[MONTHS];
    for (int i = 0; i < MONTHS; i++) {
      u[i] = rng.nextDouble();
    }
    return u;
  }

  /**
   * Whether the CANCEL falls in (T, horizonEnd], with the hazard as simulated ({@code drivers}
   * empty) or with {@code drivers} at their {@code references} (by ordinal) in every month.
   */
  private static double defectsWithin(
      double[][] customer,
      double[] u,
      double[] at,
      List<Driver> drivers,
      double[] references,
      long horizonEnd) {
    for (int i = 0; i < MONTHS; i++) {
      double[] values = values(customer, i);
      double removed = 0;
      for (Driver d : drivers) {
        removed += d.coefficient() * (values[d.ordinal()] - references[d.ordinal()]);
      }
      if (u[i] < Driver.sigmoid(logit(customer, i) - removed)) {
        long start = Horizon.toMs(T.plusMonths(i));
        long end = Horizon.toMs(T.plusMonths(i + 1));
        return start + at[i] * (end - start) <= horizonEnd ? 1 : 0;
      }
    }
    return 0;
  }

  /** The months the simulation leaves with the hazard as simulated: up to its first defection. */
  private static List<Touches.Month> path(double[][] customer, double[] u) {
    List<Touches.Month> months = new ArrayList<>();
    for (int i = 0; i < MONTHS; i++) {
      double logit = logit(customer, i);
      double p = Driver.sigmoid(logit);
      LocalDate start = T.plusMonths(i);
      months.add(
          new Touches.Month(
              start,
              Horizon.toMs(start),
              values(customer, i),
              logit,
              p,
              u[i] < p,
              0,
              0,
              false,
              0,
              0,
              0));
      if (u[i] < p) {
        break;
      }
    }
    return months;
  }

  private static double[] values(double[][] customer, int month) {
    double[] values = new double[Driver.values().length];
    values[Driver.REPEAT_CONTACTS_90D.ordinal()] = customer[1][month];
    values[Driver.MONTHLY_FEE_PER_10.ordinal()] = customer[2][month];
    return values;
  }

  private static double logit(double[][] customer, int month) {
    double[] values = values(customer, month);
    return customer[0][month]
        + Driver.REPEAT_CONTACTS_90D.coefficient() * values[Driver.REPEAT_CONTACTS_90D.ordinal()]
        + Driver.MONTHLY_FEE_PER_10.coefficient() * values[Driver.MONTHLY_FEE_PER_10.ordinal()];
  }

  /** Mean and standard error of the per-draw population totals. */
  private static final class Sums {
    private double sum;
    private double squares;
    private int n;

    void add(double x) {
      sum += x;
      squares += x * x;
      n++;
    }

    double mean() {
      return sum / n;
    }

    double se() {
      return Math.sqrt((squares / n - mean() * mean()) / n);
    }

    @Override
    public String toString() {
      return "brute force " + mean() + " (se " + se() + ")";
    }
  }
}
