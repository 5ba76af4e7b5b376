package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Locale;
import org.apache.spark.sql.Column;

/**
 * Which average effect {@link DelightEffects} reports, each computed from the weighted sums of
 * {@link EffectTerm} so that a bootstrap round only re-sums.
 *
 * <ul>
 *   <li>{@link #ATT}: the effect on the snapshots that got the action, E[Y(1) - Y(0) | T = 1]. The
 *       generator records this one for 'any' action and each type with the default windows
 *       (truth.json {@code delight_effect_by_action}).
 *   <li>{@link #ATE}: everyone versus no one, E[Y(1) - Y(0)].
 * </ul>
 *
 * AIPW and IPW use normalized (Hájek) weights; the naive difference is the same for both.
 */
public enum Estimand {
  ATT {
    @Override
    double aipw(EffectSums s) {
      return s.get(EffectTerm.GAP_T) / s.get(EffectTerm.N_T)
          - s.get(EffectTerm.ODDS_GAP_C) / s.get(EffectTerm.ODDS_C);
    }

    @Override
    double ipw(EffectSums s) {
      return s.get(EffectTerm.Y_T) / s.get(EffectTerm.N_T)
          - s.get(EffectTerm.ODDS_Y_C) / s.get(EffectTerm.ODDS_C);
    }
  },
  ATE {
    @Override
    double aipw(EffectSums s) {
      return s.get(EffectTerm.MU_DIFF) / s.get(EffectTerm.N)
          + s.get(EffectTerm.IPW_RESID_T) / s.get(EffectTerm.IPW_T)
          - s.get(EffectTerm.IPW_RESID_C) / s.get(EffectTerm.IPW_C);
    }

    @Override
    double ipw(EffectSums s) {
      return s.get(EffectTerm.IPW_Y_T) / s.get(EffectTerm.IPW_T)
          - s.get(EffectTerm.IPW_Y_C) / s.get(EffectTerm.IPW_C);
    }
  };

  /**
   * The snapshots kept for the estimate: propensity within [low, high] for ATE; for ATT only the
   * upper bound applies, since a control with a small propensity weighs e / (1 - e), next to
   * nothing, and leaving it out would only hide how many calm customers there are.
   */
  Column inOverlap(double low, double high) {
    Column e = col(ScoredSnapshots.PROPENSITY);
    return this == ATT ? e.leq(lit(high)) : e.geq(lit(low)).and(e.leq(lit(high)));
  }

  /** Doubly robust: outcome model plus inverse-propensity weighted residuals. */
  abstract double aipw(EffectSums s);

  /** Inverse-propensity weighting alone. */
  abstract double ipw(EffectSums s);

  /** Mean outcome of the treated minus that of the controls. */
  static double naive(EffectSums s) {
    return s.get(EffectTerm.Y_T) / s.get(EffectTerm.N_T)
        - s.get(EffectTerm.Y_C) / s.get(EffectTerm.N_C);
  }

  static Estimand of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
