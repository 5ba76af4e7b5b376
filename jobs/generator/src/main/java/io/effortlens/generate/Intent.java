package io.effortlens.generate;

import java.util.Locale;

/**
 * Why a customer gets in touch. Each intent has its own monthly issue rate, a propensity to try
 * self-service first, the self-service features it uses and the delight actions agents grant for
 * it.
 */
enum Intent {
  BILLING(0.050, 0.25, "billing", new String[] {"help_article"}, Delight.REFUND, Delight.CREDIT),
  TECHNICAL(
      0.060,
      0.35,
      "technical",
      new String[] {"help_article", "password_reset"},
      Delight.CREDIT,
      Delight.GIFT),
  DELIVERY(0.040, 0.40, "delivery", new String[] {"order_status"}, Delight.EXPEDITE, Delight.GIFT),
  ACCOUNT(0.030, 0.35, "accounts", new String[] {"password_reset"}, Delight.GIFT, Delight.CREDIT),
  PLAN_CHANGE(
      0.020,
      0.25,
      "sales",
      new String[] {"contact_form", "help_article"},
      Delight.UPGRADE,
      Delight.CREDIT);

  private final double monthlyRate;
  private final double selfServiceFirst;
  private final String queue;
  private final String[] selfServiceEvents;
  private final Delight[] delights;

  Intent(
      double monthlyRate,
      double selfServiceFirst,
      String queue,
      String[] selfServiceEvents,
      Delight... delights) {
    this.monthlyRate = monthlyRate;
    this.selfServiceFirst = selfServiceFirst;
    this.queue = queue;
    this.selfServiceEvents = selfServiceEvents;
    this.delights = delights;
  }

  /** Canonical lower-case name, e.g. {@code plan_change}. */
  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  double monthlyRate() {
    return monthlyRate;
  }

  double selfServiceFirst() {
    return selfServiceFirst;
  }

  String queue() {
    return queue;
  }

  String selfServiceEvent(int draw) {
    return selfServiceEvents[draw % selfServiceEvents.length];
  }

  Delight delight(int draw) {
    return delights[draw % delights.length];
  }

  /** Delight actions an agent can grant; the value range is in the account currency. */
  enum Delight {
    REFUND(5, 30),
    CREDIT(5, 20),
    GIFT(5, 15),
    UPGRADE(0, 10),
    EXPEDITE(3, 8);

    private final double minValue;
    private final double maxValue;

    Delight(double minValue, double maxValue) {
      this.minValue = minValue;
      this.maxValue = maxValue;
    }

    double value(double unit) {
      return Math.round((minValue + unit * (maxValue - minValue)) * 2.0) / 2.0;
    }
  }
}
