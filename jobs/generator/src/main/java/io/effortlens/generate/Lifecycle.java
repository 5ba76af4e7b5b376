package io.effortlens.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The month loop of one customer: at each month start an active customer faces the planted hazard;
 * then the month's usage and issues are simulated up to the end of the month or the cancellation.
 * Cancelled customers sometimes sign up again.
 */
final class Lifecycle {
  private static final double RESIGNUP_RATE = 0.03;

  /** Usage level is a stationary AR(1) on the log scale; unresolved journeys push it down. */
  private static final double ENGAGEMENT_PERSISTENCE = 0.85;

  private static final double ENGAGEMENT_INNOVATION = 0.25;
  private static final double ENGAGEMENT_STATIONARY_SD =
      ENGAGEMENT_INNOVATION / Math.sqrt(1 - ENGAGEMENT_PERSISTENCE * ENGAGEMENT_PERSISTENCE);
  private static final double ENGAGEMENT_DROP_AFTER_GIVING_UP = 0.25;
  private static final double DAYS_PER_MONTH = 30.44;
  private static final String[] ACTIVITY = {"login", "play", "purchase"};

  private final Horizon horizon;
  private final CustomerHistory history;
  private final SplittableRandom rng;
  private final Journeys journeys;
  private long activeSinceMs;
  private boolean active;
  private double logEngagement;

  Lifecycle(Horizon horizon, CustomerHistory history, SplittableRandom rng) {
    this.horizon = horizon;
    this.history = history;
    this.rng = rng;
    this.journeys = new Journeys(history, rng, horizon.endMs());
    this.activeSinceMs = Clock.daytime(Horizon.toMs(history.profile.signupDate()), rng);
    this.active = activeSinceMs < horizon.startMs();
    this.logEngagement = ENGAGEMENT_STATIONARY_SD * rng.nextGaussian();
  }

  void run() {
    for (int m = 0; m < horizon.months(); m++) {
      long fromMs = horizon.monthStartMs(m);
      long toMs = horizon.monthStartMs(m + 1);
      boolean atRisk = active;
      signUpIfDue(fromMs, toMs);
      long untilMs = atRisk ? faceHazard(m, fromMs, toMs) : toMs;
      if (active) {
        simulateUsage(Math.max(fromMs, activeSinceMs), untilMs);
        simulateIssues(Math.max(fromMs, activeSinceMs), untilMs);
      }
      if (untilMs < toMs) {
        cancel(untilMs);
      }
      logEngagement =
          ENGAGEMENT_PERSISTENCE * logEngagement + ENGAGEMENT_INNOVATION * rng.nextGaussian();
    }
  }

  private void signUpIfDue(long fromMs, long toMs) {
    boolean firstSignup = activeSinceMs >= fromMs && activeSinceMs < toMs && !active;
    boolean returning = !active && activeSinceMs < fromMs && rng.nextDouble() < RESIGNUP_RATE;
    if (!firstSignup && !returning) {
      return;
    }
    if (returning) {
      activeSinceMs = Clock.daytimeBetween(fromMs, toMs, rng);
    }
    active = true;
    history.events.add(
        new Touches.AccountEvent(activeSinceMs, history.nextSeq(), "SIGNUP", null, 0));
  }

  /** Draws defection for an at-risk month; returns the cancellation instant or {@code toMs}. */
  private long faceHazard(int month, long fromMs, long toMs) {
    double[] values = DriverWindow.values(history, fromMs);
    double logit = Driver.logit(values);
    double p = Driver.sigmoid(logit);
    boolean defected = rng.nextDouble() < p;
    history.months.add(
        new Touches.Month(
            horizon.monthStart(month), fromMs, values, logit, p, defected, 0, 0, false, 0, 0, 0));
    return defected ? Clock.uniform(fromMs, toMs, rng) : toMs;
  }

  private void cancel(long ms) {
    history.truncateFrom(ms);
    history.events.add(new Touches.AccountEvent(ms, history.nextSeq(), "CANCEL", null, 0));
    active = false;
  }

  private void simulateUsage(long fromMs, long toMs) {
    double level = Math.exp(logEngagement);
    CustomerProfile p = history.profile;
    double[] rates = {p.loginRate(), p.playRate(), p.purchaseRate()};
    for (long week = firstMondayAtOrAfter(fromMs); week < toMs; week += 7 * Horizon.DAY_MS) {
      for (int type = 0; type < ACTIVITY.length; type++) {
        int count = Poisson.draw(rates[type] * level, rng);
        if (count > 0) {
          history.activity.add(
              new Touches.Activity(week, history.nextSeq(), p.platform(), ACTIVITY[type], count));
        }
      }
    }
  }

  private void simulateIssues(long fromMs, long toMs) {
    double months = (toMs - fromMs) / (DAYS_PER_MONTH * Horizon.DAY_MS);
    List<long[]> issues = new ArrayList<>();
    for (Intent intent : Intent.values()) {
      int n = Poisson.draw(intent.monthlyRate() * history.profile.issueMultiplier() * months, rng);
      for (int i = 0; i < n; i++) {
        issues.add(new long[] {Clock.daytimeBetween(fromMs, toMs, rng), intent.ordinal()});
      }
    }
    issues.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    for (long[] issue : issues) {
      if (journeys.run(Intent.values()[(int) issue[1]], issue[0])) {
        logEngagement -= ENGAGEMENT_DROP_AFTER_GIVING_UP;
      }
    }
  }

  /** Weeks start on Monday 00:00 UTC; epoch day 0 was a Thursday. */
  private static long firstMondayAtOrAfter(long ms) {
    long day = Math.floorDiv(ms + Horizon.DAY_MS - 1, Horizon.DAY_MS);
    long monday = day + Math.floorMod(4 - day, 7);
    return monday * Horizon.DAY_MS;
  }
}
