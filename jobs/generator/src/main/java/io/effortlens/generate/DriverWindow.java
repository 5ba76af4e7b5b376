package io.effortlens.generate;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * Measures the planted drivers of one customer at one instant from the records simulated so far,
 * exactly as documented on {@link Driver}: effort, delight, experience and engagement over the
 * trailing 90 days, profile as of the instant.
 */
final class DriverWindow {
  private static final double WEEKS_PER_WINDOW = Driver.WINDOW_DAYS / 7.0;

  private DriverWindow() {}

  static double[] values(CustomerHistory history, long atMs) {
    double[] values = new double[Driver.values().length];
    long fromMs = atMs - Driver.WINDOW_DAYS * Horizon.DAY_MS;
    addContacts(history, fromMs, atMs, values);
    addOthers(history, fromMs, atMs, values);
    addProfile(history, atMs, values);
    return values;
  }

  /** Sum of the effort counts in the window ending at {@code atMs}; used to target delight. */
  static double effortCount(CustomerHistory history, long atMs) {
    double[] values = new double[Driver.values().length];
    long fromMs = atMs - Driver.WINDOW_DAYS * Horizon.DAY_MS;
    addContacts(history, fromMs, atMs, values);
    addOthers(history, fromMs, atMs, values);
    double sum = 0;
    for (Driver driver : Driver.values()) {
      sum += driver.family() == Driver.Family.EFFORT ? values[driver.ordinal()] : 0;
    }
    return sum;
  }

  private static void addContacts(CustomerHistory history, long fromMs, long toMs, double[] v) {
    double csatSum = 0;
    int surveys = 0;
    for (Touches.Contact c : history.contacts) {
      if (c.survey() != null && in(c.survey().answeredMs(), fromMs, toMs)) {
        csatSum += c.survey().csat();
        surveys++;
      }
      if (!in(c.startMs(), fromMs, toMs)) {
        continue;
      }
      v[Driver.REPEAT_CONTACTS_90D.ordinal()] += c.repeat() && !c.isIvr() ? 1 : 0;
      v[Driver.TRANSFERS_90D.ordinal()] += c.transfers();
      v[Driver.CHANNEL_SWITCHES_90D.ordinal()] += c.channelSwitch() ? 1 : 0;
      v[Driver.RE_EXPLANATIONS_90D.ordinal()] += c.repeatedInfo() ? 1 : 0;
      v[Driver.UNRESOLVED_JOURNEYS_90D.ordinal()] += c.gaveUp() ? 1 : 0;
    }
    v[Driver.CSAT_CENTERED_90D.ordinal()] = surveys == 0 ? 0 : csatSum / surveys - 3.0;
  }

  private static void addOthers(CustomerHistory history, long fromMs, long toMs, double[] v) {
    for (Touches.SelfService s : history.selfService) {
      v[Driver.SELF_SERVICE_FAILURES_90D.ordinal()] +=
          in(s.ms(), fromMs, toMs) && s.failed() ? 1 : 0;
    }
    for (Touches.Action a : history.actions) {
      v[Driver.DELIGHT_ACTIONS_90D.ordinal()] += in(a.ms(), fromMs, toMs) ? 1 : 0;
    }
    long usage = 0;
    for (Touches.Activity a : history.activity) {
      boolean counts = !"purchase".equals(a.event()) && in(a.ms(), fromMs, toMs);
      usage += counts ? a.count() : 0;
    }
    v[Driver.ACTIVITY_LOG_PER_WEEK_90D.ordinal()] = Math.log1p(usage / WEEKS_PER_WINDOW);
  }

  private static void addProfile(CustomerHistory history, long atMs, double[] v) {
    CustomerProfile profile = history.profile;
    LocalDate signup = profile.signupDate();
    Plan plan = profile.plan();
    double fee = profile.monthlyFee();
    for (Touches.AccountEvent e : history.events.stream().sorted(byTime()).toList()) {
      if (e.ms() >= atMs) {
        break;
      }
      signup = "SIGNUP".equals(e.type()) ? Horizon.toDate(e.ms()) : signup;
      plan = e.plan() != null ? e.plan() : plan;
      fee = e.plan() != null ? e.fee() : fee;
    }
    double tenureYears = (atMs - Horizon.toMs(signup)) / (365.25 * Horizon.DAY_MS);
    v[Driver.TENURE_YEARS.ordinal()] = Math.min(10.0, Math.max(0.0, tenureYears));
    v[Driver.PLAN_STANDARD.ordinal()] = plan == Plan.STANDARD ? 1 : 0;
    v[Driver.PLAN_PREMIUM.ordinal()] = plan == Plan.PREMIUM ? 1 : 0;
    v[Driver.MONTHLY_FEE_PER_10.ordinal()] = fee / 10.0;
    v[Driver.CONTRACT_ANNUAL.ordinal()] = profile.isAnnual() ? 1 : 0;
    v[Driver.SEGMENT_SMALL_BUSINESS.ordinal()] = profile.isSmallBusiness() ? 1 : 0;
  }

  /** Current plan and fee at {@code atMs}, after the plan changes simulated so far. */
  static Touches.AccountEvent currentPlan(CustomerHistory history, long atMs) {
    Touches.AccountEvent current =
        new Touches.AccountEvent(
            0, 0, "SIGNUP", history.profile.plan(), history.profile.monthlyFee());
    for (Touches.AccountEvent e : history.events.stream().sorted(byTime()).toList()) {
      current = e.ms() < atMs && e.plan() != null ? e : current;
    }
    return current;
  }

  private static Comparator<Touches.AccountEvent> byTime() {
    return Comparator.comparingLong(Touches.AccountEvent::ms)
        .thenComparingLong(Touches.AccountEvent::seq);
  }

  private static boolean in(long ms, long fromMs, long toMs) {
    return ms >= fromMs && ms < toMs;
  }
}
