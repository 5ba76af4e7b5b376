package io.effortlens.journey;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A fitted (or fallback) effort_score model: a linear function of {@link EffortTerms} on the CES
 * scale turned around, so effort_score runs from 1 (effortless, CES 7 "very easy") to 7 (most
 * effort, CES 1), clipped to that range and rounded to 4 decimals. {@code method} is {@link
 * #FITTED} (weighted regression on CES answers, see {@link EffortModelTrainer}) or {@link
 * #COMPOSITE} (fixed weights, {@link EffortTerms#COMPOSITE_WEIGHTS}). Coefficients are rounded to 6
 * decimals when fitted so that reruns score identically.
 *
 * @param method fitted or composite
 * @param answers journeys with a CES answer the model saw
 * @param journeys journeys the model saw
 * @param intercept effort intercept
 * @param coefficients effort coefficients in {@link EffortTerms#NAMES} order
 * @param propensityIntercept intercept of the response-propensity logit (0 when not fitted)
 * @param propensityCoefficients its coefficients, empty when not fitted
 */
public record EffortModel(
    String method,
    long answers,
    long journeys,
    double intercept,
    List<Double> coefficients,
    double propensityIntercept,
    List<Double> propensityCoefficients) {
  public static final String FITTED = "fitted";
  public static final String COMPOSITE = "composite";

  public EffortModel {
    coefficients = List.copyOf(coefficients);
    propensityCoefficients = List.copyOf(propensityCoefficients);
  }

  /** The fixed-weight fallback. */
  public static EffortModel composite(long answers, long journeys) {
    return new EffortModel(
        COMPOSITE,
        answers,
        journeys,
        EffortTerms.COMPOSITE_INTERCEPT,
        EffortTerms.COMPOSITE_WEIGHTS,
        0.0,
        List.of());
  }

  /** effort_score over a journeys row: the linear predictor clipped to 1..7, 4 decimals. */
  public Column score() {
    Column linear = EffortTerms.linear(intercept, coefficients);
    return bround(least(greatest(linear, lit(1.0)), lit(7.0)), 4);
  }

  /** Probability that a journey has a CES answer, from the propensity logit (1 if not fitted). */
  Column responsePropensity() {
    if (propensityCoefficients.isEmpty()) {
      return lit(1.0);
    }
    Column logit = EffortTerms.linear(propensityIntercept, propensityCoefficients);
    return logistic(logit);
  }

  /** The logistic function of a logit column: 1 / (1 + e^-logit). */
  static Column logistic(Column logit) {
    return lit(1.0).divide(lit(1.0).plus(exp(logit.multiply(-1.0))));
  }

  /** Rows of the {@code effort_models} table describing this model. */
  public List<Row> toRows(String scope, LocalDate asOf) {
    List<Row> rows = new ArrayList<>();
    Date date = asOf == null ? null : Date.valueOf(asOf);
    rows.add(row(scope, date, "effort", "intercept", intercept));
    for (int i = 0; i < coefficients.size(); i++) {
      rows.add(row(scope, date, "effort", EffortTerms.NAMES.get(i), coefficients.get(i)));
    }
    if (!propensityCoefficients.isEmpty()) {
      rows.add(row(scope, date, "propensity", "intercept", propensityIntercept));
      for (int i = 0; i < propensityCoefficients.size(); i++) {
        rows.add(
            row(
                scope,
                date,
                "propensity",
                EffortTerms.NAMES.get(i),
                propensityCoefficients.get(i)));
      }
    }
    return rows;
  }

  private Row row(String scope, Date asOf, String model, String term, double value) {
    return RowFactory.create(
        scope, asOf, model, term, value, method, answers, journeys, Journeys.RULE_VERSION);
  }
}
