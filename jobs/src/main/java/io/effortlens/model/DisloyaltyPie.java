package io.effortlens.model;

import java.util.Locale;

/**
 * The one definition of the disloyalty pie, shared by the {@code train} summary, the report, the
 * notebooks and MLflow (which logs the driver_effects rows): a family's share is the defections
 * avoided with all its drivers that have a reference at their references at once (its joint
 * scenario, {@link Counterfactuals#family}) over the sum of the families' absolute joint defections
 * avoided — the {@code share} column of driver_effects rows of level 'family'. Signed: a family
 * that causes defections is positive, a protective one negative, and the absolute shares of the
 * families sum to 100%. Its 95% interval is the bootstrap interval of its defections avoided over
 * the same denominator. A driver's share (rows of level 'feature', the top drivers) is over the
 * same denominator.
 */
public final class DisloyaltyPie {
  /** One sentence for readers of the summary and the report. */
  public static final String DEFINITION =
      "signed share of predicted defections by driver family: + causes, - protects;"
          + " defections avoided with all the family's drivers at their references at once over"
          + " the sum of the families' absolute defections avoided (drivers over the same sum)";

  private DisloyaltyPie() {}

  /** A share in percent with its sign and one decimal ({@code +14.6%}), or "–" when unknown. */
  public static String percent(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%+.1f%%", 100 * share) : "–";
  }

  /**
   * The share interval on the share's scale: the defections-avoided interval over the share's own
   * denominator ({@code avoided / share}); NaN where that denominator is unknown.
   */
  public static double[] shareInterval(double share, double avoided, double low, double high) {
    double perDefection = avoided == 0 || !Double.isFinite(avoided) ? Double.NaN : share / avoided;
    return new double[] {low * perDefection, high * perDefection};
  }
}
