package io.effortlens.generate;

import java.util.List;

/**
 * The planted delight effect as {@code effortlens train} estimates it, per treated snapshot and per
 * action type: at a month start T where the customer is at risk and got delight actions in [T -
 * {@value DelightEffects#SNAPSHOT_WINDOW_DAYS} days, T), the expected change in the probability of
 * defecting (a CANCEL) in (T, T + {@value DelightEffects#SNAPSHOT_HORIZON_DAYS} days], with those
 * actions versus without their terms in the hazard (the label {@code is_defected} of {@code
 * defection_labels} and the ATT of {@code delight_effects}).
 *
 * <p>Exact in expectation, from the simulated path alone. A month's CANCEL falls at a uniform
 * instant of the month, so month i adds {@code share_i * p_i} to the probability of defecting in
 * the horizon given it is reached, where {@code share_i} is the part of the month inside the
 * horizon. Month i is reached with probability S1(i - 1), the survival with the actions, so {@code
 * 1{reached i} * share_i * (p1_i - p0_i * S0(i - 1) / S1(i - 1))} has expectation {@code share_i *
 * (S1(i - 1) p1_i - S0(i - 1) p0_i)}: summed over the months the path reaches, an unbiased
 * per-snapshot value of P(defect | actions) - P(defect | without). (Delight changes nothing but the
 * hazard, so the months a path reaches are the same with and without it.)
 */
final class DelightSnapshots {
  private DelightSnapshots() {}

  /** Bit {@code ordinal} set for each {@link Intent.Delight} type among {@code treated}. */
  static int types(List<Touches.Action> treated) {
    int bits = 0;
    for (Touches.Action action : treated) {
      bits |= 1 << action.type().ordinal();
    }
    return bits;
  }

  /** The expected effect of the {@code treated} actions on the snapshot at {@code months[s]}. */
  static double expectedEffect(List<Touches.Month> months, int s, List<Touches.Action> treated) {
    long fromMs = months.get(s).monthStartMs();
    long toMs = fromMs + DelightEffects.SNAPSHOT_HORIZON_DAYS * Horizon.DAY_MS;
    double survivalRatio = 1; // S0(i - 1) / S1(i - 1)
    double effect = 0;
    for (int i = s; i < months.size() && months.get(i).monthStartMs() < toMs; i++) {
      Touches.Month month = months.get(i);
      double p1 = month.probability();
      double p0 = Driver.sigmoid(month.logit() - termsOf(treated, month));
      effect += shareInHorizon(month, fromMs, toMs) * (p1 - survivalRatio * p0);
      if (month.defected()) {
        break;
      }
      survivalRatio *= (1 - p0) / (1 - p1);
    }
    return effect;
  }

  /** The log-odds the treated actions add to the month's hazard (those in its driver window). */
  private static double termsOf(List<Touches.Action> treated, Touches.Month month) {
    long fromMs = month.monthStartMs() - Driver.WINDOW_DAYS * Horizon.DAY_MS;
    long inWindow =
        treated.stream().filter(a -> a.ms() >= fromMs && a.ms() < month.monthStartMs()).count();
    return inWindow * Driver.DELIGHT_ACTIONS_90D.coefficient();
  }

  /** The part of the month inside (from, to]: the chance a CANCEL of the month falls there. */
  private static double shareInHorizon(Touches.Month month, long fromMs, long toMs) {
    long start = month.monthStartMs();
    long end = Horizon.toMs(month.monthStart().plusMonths(1));
    return (double) (Math.min(end, toMs) - Math.max(start, fromMs)) / (end - start);
  }
}
