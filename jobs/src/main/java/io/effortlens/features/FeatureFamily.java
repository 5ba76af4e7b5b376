package io.effortlens.features;

import java.util.Locale;

/** The families customer features are grouped by in {@code feature_catalog}. */
public enum FeatureFamily {
  /**
   * Journey effort drivers: contacts with a person and per journey, repeats, transfers, switches,
   * failures, waits, effort_score.
   */
  EFFORT,
  /** Company gestures: refunds, credits, gifts, upgrades and the like. */
  DELIGHT,
  /** What customers said: CSAT, CES, NPS, with missingness and response rate. */
  EXPERIENCE,
  /** Usage baseline: activity by type, active days, recency, trend, touchpoints. */
  ENGAGEMENT,
  /** Who the customer is: tenure, plan, price, segment, region and mapped control columns. */
  PROFILE;

  /** The lower-case name stored in the catalog. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
