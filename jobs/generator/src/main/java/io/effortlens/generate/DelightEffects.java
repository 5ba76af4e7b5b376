package io.effortlens.generate;

import java.util.List;

/**
 * The planted delight effect in probability terms, two ways.
 *
 * <ul>
 *   <li>Per action: the probability of defecting in the at-risk months whose 90-day window contains
 *       it, with the action versus without its term in the hazard. Recorded on the first such
 *       month.
 *   <li>Per treated snapshot, the quantity {@code effortlens train} estimates: at a month start T
 *       where the customer is at risk and got delight actions in [T - {@value
 *       #SNAPSHOT_WINDOW_DAYS} days, T), the probability of defecting in the at-risk months
 *       starting in [T, T + {@value #SNAPSHOT_HORIZON_DAYS} days] (up to the first defection) with
 *       those actions versus without their terms. Only snapshots whose horizon ends within the
 *       simulation count (the estimator trains on uncensored snapshots only). Recorded on month T.
 *       It stops at the first defection and counts whole months, so it is not the expectation of
 *       what train estimates; {@link DelightSnapshots} records that one beside it.
 * </ul>
 */
final class DelightEffects {
  /** The treatment window of the snapshot effect (delight.treatment-window-days by default). */
  static final int SNAPSHOT_WINDOW_DAYS = 30;

  /** The outcome horizon of the snapshot effect (labels.horizon-days by default). */
  static final int SNAPSHOT_HORIZON_DAYS = 90;

  private static final long WINDOW_MS = Driver.WINDOW_DAYS * Horizon.DAY_MS;

  private DelightEffects() {}

  static void attach(CustomerHistory history, long endMs) {
    attachPerAction(history);
    List<Touches.Month> months = history.months;
    for (int i = 0; i < months.size(); i++) {
      long t = months.get(i).monthStartMs();
      if (t + SNAPSHOT_HORIZON_DAYS * Horizon.DAY_MS <= endMs) {
        List<Touches.Action> treated = inWindow(history.actions, t, SNAPSHOT_WINDOW_DAYS);
        if (!treated.isEmpty()) {
          months.set(
              i,
              months
                  .get(i)
                  .withDelightSnapshot(
                      snapshotEffect(months, i, treated),
                      DelightSnapshots.types(treated),
                      DelightSnapshots.expectedEffect(months, i, treated)));
        }
      }
    }
  }

  private static void attachPerAction(CustomerHistory history) {
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

  /**
   * P(defect | actions) - P(defect | without them) over the months from {@code snapshot} on within
   * the horizon; each month's hazard loses the terms of the treated actions in its 90-day window.
   */
  static double snapshotEffect(List<Touches.Month> months, int snapshot, List<Touches.Action> t) {
    long endMs = months.get(snapshot).monthStartMs() + SNAPSHOT_HORIZON_DAYS * Horizon.DAY_MS;
    double survivalWith = 1;
    double survivalWithout = 1;
    for (int i = snapshot; i < months.size() && months.get(i).monthStartMs() <= endMs; i++) {
      Touches.Month month = months.get(i);
      int inDriverWindow = inWindow(t, month.monthStartMs(), Driver.WINDOW_DAYS).size();
      double without = month.logit() - inDriverWindow * Driver.DELIGHT_ACTIONS_90D.coefficient();
      survivalWith *= 1 - month.probability();
      survivalWithout *= 1 - Driver.sigmoid(without);
      if (month.defected()) {
        break;
      }
    }
    return survivalWithout - survivalWith;
  }

  private static List<Touches.Action> inWindow(List<Touches.Action> actions, long atMs, int days) {
    long fromMs = atMs - days * Horizon.DAY_MS;
    return actions.stream().filter(a -> a.ms() >= fromMs && a.ms() < atMs).toList();
  }
}
