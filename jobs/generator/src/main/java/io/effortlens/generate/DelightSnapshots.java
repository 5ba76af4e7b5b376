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
 * <p>Exact in expectation, from the simulated path alone: see {@link HorizonHazards}, with the
 * terms of the treated actions removed from each month's hazard.
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
    return HorizonHazards.expectedChange(months, s, month -> termsOf(treated, month));
  }

  /** The log-odds the treated actions add to the month's hazard (those in its driver window). */
  private static double termsOf(List<Touches.Action> treated, Touches.Month month) {
    long fromMs = month.monthStartMs() - Driver.WINDOW_DAYS * Horizon.DAY_MS;
    long inWindow =
        treated.stream().filter(a -> a.ms() >= fromMs && a.ms() < month.monthStartMs()).count();
    return inWindow * Driver.DELIGHT_ACTIONS_90D.coefficient();
  }
}
