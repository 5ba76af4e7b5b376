package io.effortlens.generate;

import java.util.Locale;

/**
 * The planted monthly defection hazard: {@code p = 1 / (1 + exp(-(INTERCEPT + sum(coefficient *
 * value))))}, evaluated at each month start for customers active then. Effort values count what
 * happened in the trailing window {@code [month_start - 90 days, month_start)}.
 */
enum Driver {
  REPEAT_CONTACTS_90D(
      Family.EFFORT,
      0.30,
      "count",
      "assisted contacts (phone, chat, email, social; not IVR) in the window that were not the first"
          + " assisted contact of their journey"),
  TRANSFERS_90D(
      Family.EFFORT, 0.20, "count", "sum over contacts in the window of (number of legs - 1)"),
  CHANNEL_SWITCHES_90D(
      Family.EFFORT,
      0.25,
      "count",
      "touches in the window whose channel differs from the previous touch of the same journey;"
          + " channels: self_service (web/app), phone (IVR included), chat, email, social"),
  SELF_SERVICE_FAILURES_90D(
      Family.EFFORT,
      0.20,
      "count",
      "self-service web events (help_article, password_reset, order_status, contact_form) with status"
          + " error or abandoned in the window"),
  RE_EXPLANATIONS_90D(
      Family.EFFORT, 0.25, "count", "contacts in the window with customer_repeated_info = true"),
  UNRESOLVED_JOURNEYS_90D(
      Family.EFFORT,
      0.70,
      "count",
      "journeys the customer gave up on unresolved, dated at their last contact, in the window"),
  DELIGHT_ACTIONS_90D(
      Family.DELIGHT,
      -0.10,
      "count",
      "delight actions (refund, credit, gift, upgrade, expedite) granted in the window"),
  CSAT_CENTERED_90D(
      Family.EXPERIENCE,
      -0.05,
      "CSAT points",
      "mean CSAT (1-5) of surveys answered in the window minus 3; 0 when none"),
  ACTIVITY_LOG_PER_WEEK_90D(
      Family.ENGAGEMENT,
      -0.30,
      "log(1 + events per week)",
      "ln(1 + (sum of count of login and play rows with ts in the window) / (90 / 7))"),
  TENURE_YEARS(
      Family.PROFILE,
      -0.08,
      "years",
      "(month_start - date of the current signup) / 365.25 days, capped at 10"),
  PLAN_STANDARD(Family.PROFILE, -0.10, "indicator", "current plan is standard (basic = 0)"),
  PLAN_PREMIUM(Family.PROFILE, -0.20, "indicator", "current plan is premium (basic = 0)"),
  MONTHLY_FEE_PER_10(Family.PROFILE, 0.25, "10 currency units", "current monthly fee / 10"),
  CONTRACT_ANNUAL(Family.PROFILE, -0.60, "indicator", "contract is annual (monthly = 0)"),
  SEGMENT_SMALL_BUSINESS(
      Family.PROFILE, -0.20, "indicator", "segment is small_business (consumer = 0)");

  /** Log-odds of the monthly hazard when every driver is zero. */
  static final double INTERCEPT = -3.2;

  /** Length of the trailing window of the effort, delight, experience and engagement drivers. */
  static final int WINDOW_DAYS = 90;

  private final Family family;
  private final double coefficient;
  private final String unit;
  private final String definition;

  Driver(Family family, double coefficient, String unit, String definition) {
    this.family = family;
    this.coefficient = coefficient;
    this.unit = unit;
    this.definition = definition;
  }

  /** Column name, e.g. {@code repeat_contacts_90d}. */
  String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  Family family() {
    return family;
  }

  double coefficient() {
    return coefficient;
  }

  String unit() {
    return unit;
  }

  String definition() {
    return definition;
  }

  /** The window the value is measured over. */
  String window() {
    return family == Family.PROFILE ? "at month_start" : "[month_start - 90 days, month_start)";
  }

  /** Linear predictor for one customer-month; {@code values} is indexed by ordinal. */
  static double logit(double[] values) {
    double eta = INTERCEPT;
    for (Driver driver : values()) {
      eta += driver.coefficient * values[driver.ordinal()];
    }
    return eta;
  }

  /** {@code p - p(this driver's value = 0)}: the hazard this driver's term adds. */
  double avoidedIfZero(double logit, double value) {
    return sigmoid(logit) - sigmoid(logit - coefficient * value);
  }

  static double sigmoid(double eta) {
    return 1.0 / (1.0 + Math.exp(-eta));
  }

  /** Driver families summed in truth.json. */
  enum Family {
    EFFORT,
    DELIGHT,
    EXPERIENCE,
    ENGAGEMENT,
    PROFILE;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
