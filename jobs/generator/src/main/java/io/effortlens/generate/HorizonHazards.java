package io.effortlens.generate;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Expected defections within a snapshot's outcome horizon from one simulated path, the label {@code
 * is_defected} of {@code defection_labels}: a CANCEL in (T, T + {@value
 * DelightEffects#SNAPSHOT_HORIZON_DAYS} days] for a customer at risk at the month start T.
 *
 * <p>Exact in expectation. A month's CANCEL falls at a uniform instant of the month, so month i
 * adds {@code share_i * p_i} to the probability of defecting in the horizon given it is reached,
 * where {@code share_i} is the part of the month inside the horizon. Month i is reached with
 * probability S1(i - 1), the survival as simulated, so {@code 1{reached i} * share_i * p1_i} has
 * expectation {@code share_i * S1(i - 1) * p1_i}; for a counterfactual hazard p0 (some log-odds
 * removed), {@code 1{reached i} * share_i * p0_i * S0(i - 1) / S1(i - 1)} has expectation {@code
 * share_i * S0(i - 1) * p0_i}. Summed over the months the path reaches, unbiased values of
 * P(defect) and of P(defect) - P(defect | counterfactual hazard). The counterfactual changes
 * nothing but the hazard, so the months a path reaches are the same in both.
 */
final class HorizonHazards {
  private HorizonHazards() {}

  /** The exclusive end of the horizon of the snapshot at {@code monthStartMs}. */
  static long horizonEndMs(long monthStartMs) {
    return monthStartMs + DelightEffects.SNAPSHOT_HORIZON_DAYS * Horizon.DAY_MS;
  }

  /** Unbiased path value of P(CANCEL in (T, T + horizon]) at {@code T = months[s]}. */
  static double expectedDefections(List<Touches.Month> months, int s) {
    long fromMs = months.get(s).monthStartMs();
    long toMs = horizonEndMs(fromMs);
    double expected = 0;
    for (int i = s; i < months.size() && months.get(i).monthStartMs() < toMs; i++) {
      Touches.Month month = months.get(i);
      expected += shareInHorizon(month, fromMs, toMs) * month.probability();
      if (month.defected()) {
        break;
      }
    }
    return expected;
  }

  /**
   * Unbiased path value of P(CANCEL in the horizon) - the same with {@code removed(month)} taken
   * off each month's log-odds, at {@code T = months[s]}.
   */
  static double expectedChange(
      List<Touches.Month> months, int s, ToDoubleFunction<Touches.Month> removed) {
    long fromMs = months.get(s).monthStartMs();
    long toMs = horizonEndMs(fromMs);
    double survivalRatio = 1; // S0(i - 1) / S1(i - 1)
    double change = 0;
    for (int i = s; i < months.size() && months.get(i).monthStartMs() < toMs; i++) {
      Touches.Month month = months.get(i);
      double p1 = month.probability();
      double p0 = Driver.sigmoid(month.logit() - removed.applyAsDouble(month));
      change += shareInHorizon(month, fromMs, toMs) * (p1 - survivalRatio * p0);
      if (month.defected()) {
        break;
      }
      survivalRatio *= (1 - p0) / (1 - p1);
    }
    return change;
  }

  /** The part of the month inside (from, to]: the chance a CANCEL of the month falls there. */
  private static double shareInHorizon(Touches.Month month, long fromMs, long toMs) {
    long start = month.monthStartMs();
    long end = Horizon.toMs(month.monthStart().plusMonths(1));
    return (double) (Math.min(end, toMs) - Math.max(start, fromMs)) / (end - start);
  }
}
