package io.effortlens.generate;

import java.util.List;

/**
 * The planted delight effect in probability terms: for each delight action, the probability of
 * defecting in the at-risk months whose 90-day window contains it, with the action versus without
 * its term in the hazard. Recorded on the first such month.
 */
final class DelightEffects {
  private static final long WINDOW_MS = Driver.WINDOW_DAYS * Horizon.DAY_MS;

  private DelightEffects() {}

  static void attach(CustomerHistory history) {
    List<Touches.Month> months = history.months;
    for (Touches.Action action : history.actions) {
      int first = -1;
      double survivalWith = 1;
      double survivalWithout = 1;
      for (int i = 0; i < months.size(); i++) {
        Touches.Month month = months.get(i);
        long ms = month.monthStartMs();
        if (ms > action.ms() && ms <= action.ms() + WINDOW_MS) {
          first = first < 0 ? i : first;
          survivalWith *= 1 - month.probability();
          double without = month.logit() - Driver.DELIGHT_ACTIONS_90D.coefficient();
          survivalWithout *= 1 - Driver.sigmoid(without);
        }
      }
      if (first >= 0) {
        months.set(first, months.get(first).withDelightEffect(survivalWithout - survivalWith));
      }
    }
  }
}
