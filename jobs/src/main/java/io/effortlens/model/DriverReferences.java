package io.effortlens.model;

import java.util.Locale;

/**
 * The "no effort" value of each driver, by family: the counterfactual world the disloyalty pie
 * compares with.
 *
 * <ul>
 *   <li>effort, delight, engagement: counts, sums, amounts, rates and flags → 0 (no repeat
 *       contacts, no transfers, no delight action, no activity); recency ({@code days_since_*}),
 *       effort_score levels and trends have no such value → null;
 *   <li>experience (CSAT, CES, NPS and response): what customers said is an outcome, not a lever
 *       with a neutral value → null;
 *   <li>profile: numeric and indicator columns → 0 (tenure 0, fee 0, the reference category), as
 *       the generator's truth defines them.
 * </ul>
 */
final class DriverReferences {
  private DriverReferences() {}

  static Double of(String name, String family) {
    String n = name.toLowerCase(Locale.ROOT);
    if ("experience".equals(family) || n.startsWith("days_since") || n.contains("trend")) {
      return null;
    }
    if (n.startsWith("effort_score")) {
      return null;
    }
    return 0.0;
  }
}
