package io.effortlens.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The planted per-snapshot delight effect that truth.json's {@code delight_effect_by_action}
 * averages is the expected difference of what train's label measures: brute force over 200,000
 * simulated defection draws of one customer (the same draws with and without the action, CANCEL at
 * a uniform instant of its month, counted when within (T, T + 90 days]) gives the value {@link
 * DelightSnapshots#expectedEffect} returns on average over the paths those draws leave.
 */
class DelightSnapshotsTest {
  private static final LocalDate T = LocalDate.of(2024, 3, 1);
  private static final double[] LOGITS = {-1.5, -1.2, -1.0, -0.8};
  private static final int DRAWS = 200_000;

  @Test
  void expectedEffectIsTheMeanDifferenceOfTheLabelWithAndWithoutTheAction() {
    long t = Horizon.toMs(T);
    long horizonEnd = t + 90 * Horizon.DAY_MS;
    Touches.Action action = new Touches.Action(t - 10 * Horizon.DAY_MS, 1, 1, null, 0, null, null);
    SplittableRandom rng = new SplittableRandom(5);
    double pathSum = 0;
    double bruteSum = 0;
    double bruteSquares = 0;
    for (int draw = 0; draw < DRAWS; draw++) {
      double[] u = new double[LOGITS.length];
      double[] at = new double[LOGITS.length];
      for (int i = 0; i < LOGITS.length; i++) {
        u[i] = rng.nextDouble();
        at[i] = rng.nextDouble();
      }
      double with = defectsWithin(u, at, true, horizonEnd);
      double without = defectsWithin(u, at, false, horizonEnd);
      bruteSum += with - without;
      bruteSquares += (with - without) * (with - without);
      pathSum += DelightSnapshots.expectedEffect(path(u), 0, List.of(action));
    }
    double brute = bruteSum / DRAWS;
    double se = Math.sqrt((bruteSquares / DRAWS - brute * brute) / DRAWS);
    assertTrue(brute < -0.005, "the action must have a visible planted effect: " + brute);
    assertEquals(brute, pathSum / DRAWS, 4 * se, "brute force " + brute + " (se " + se + ")");
  }

  /** Whether the CANCEL falls in (T, horizonEnd], with or without the action's term. */
  private static double defectsWithin(double[] u, double[] at, boolean action, long horizonEnd) {
    for (int i = 0; i < LOGITS.length; i++) {
      double p = Driver.sigmoid(LOGITS[i] - (action || !inWindow(i) ? 0 : termOf()));
      if (u[i] < p) {
        long start = Horizon.toMs(T.plusMonths(i));
        long end = Horizon.toMs(T.plusMonths(i + 1));
        return start + at[i] * (end - start) <= horizonEnd ? 1 : 0;
      }
    }
    return 0;
  }

  /** The months the simulation leaves with the action: up to its first defection. */
  private static List<Touches.Month> path(double[] u) {
    List<Touches.Month> months = new ArrayList<>();
    for (int i = 0; i < LOGITS.length; i++) {
      double p = Driver.sigmoid(LOGITS[i]);
      boolean defected = u[i] < p;
      LocalDate start = T.plusMonths(i);
      months.add(
          new Touches.Month(
              start,
              Horizon.toMs(start),
              new double[0],
              LOGITS[i],
              p,
              defected,
              0,
              0,
              false,
              0,
              0,
              0));
      if (defected) {
        break;
      }
    }
    return months;
  }

  /** The action (T - 10 days) is in the 90-day driver window of March, April and May, not June. */
  private static boolean inWindow(int month) {
    return month < 3;
  }

  /** Removing the action's term changes the logit by minus its coefficient. */
  private static double termOf() {
    return Driver.DELIGHT_ACTIONS_90D.coefficient();
  }
}
