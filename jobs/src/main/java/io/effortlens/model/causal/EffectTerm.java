package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * The per-snapshot terms whose (bootstrap-weighted) sums every estimator of {@link Estimand} is a
 * ratio of. T = treated (0/1), Y = defected (0/1), e = propensity, m0/m1 = outcome model
 * predictions without/with the action; C = 1 - T.
 */
enum EffectTerm {
  N(lit(1.0)),
  N_T(t()),
  N_C(c()),
  Y_T(t().multiply(y())),
  Y_C(c().multiply(y())),
  IPW_T(t().divide(e())),
  IPW_C(c().divide(lit(1.0).minus(e()))),
  IPW_Y_T(t().multiply(y()).divide(e())),
  IPW_Y_C(c().multiply(y()).divide(lit(1.0).minus(e()))),
  MU_DIFF(m1().minus(m0())),
  IPW_RESID_T(t().multiply(y().minus(m1())).divide(e())),
  IPW_RESID_C(c().multiply(y().minus(m0())).divide(lit(1.0).minus(e()))),
  ODDS_C(c().multiply(odds())),
  ODDS_Y_C(c().multiply(odds()).multiply(y())),
  GAP_T(t().multiply(y().minus(m0()))),
  ODDS_GAP_C(c().multiply(odds()).multiply(y().minus(m0())));

  private final Column value;

  EffectTerm(Column value) {
    this.value = value;
  }

  Column value() {
    return value;
  }

  String column() {
    return "_sum_" + name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Column t() {
    return col(ScoredSnapshots.TREATED);
  }

  private static Column c() {
    return lit(1.0).minus(col(ScoredSnapshots.TREATED));
  }

  private static Column y() {
    return col(ScoredSnapshots.OUTCOME);
  }

  private static Column e() {
    return col(ScoredSnapshots.PROPENSITY);
  }

  private static Column m0() {
    return col(ScoredSnapshots.MU0);
  }

  private static Column m1() {
    return col(ScoredSnapshots.MU1);
  }

  /** e / (1 - e): the weight that turns a control into a stand-in for the treated (ATT). */
  private static Column odds() {
    return e().divide(lit(1.0).minus(e()));
  }
}
