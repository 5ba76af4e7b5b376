package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.effortlens.Elapsed;
import io.effortlens.Problems;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import io.effortlens.model.ParallelFits;
import io.effortlens.model.StoredRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The causal effect of delight actions on defection ({@code delight_effects}): for 'any' action and
 * each action type with enough support, AIPW (doubly robust) with the IPW estimate and the naive
 * difference beside it, overlap diagnostics, Poisson-bootstrap 95% intervals and whether the effect
 * is a finding once the number of actions tested is accounted for ({@link Findings}: Holm).
 *
 * <p>Estimand: a snapshot (customer, as-of date T) is treated when the action started in the
 * treatment window [T - w, T) (delight.treatment-window-days, 30 by default); the outcome is
 * defection within the label horizon (T, T + H] (90 days). With w = 30 and H = 90 the outcome
 * covers the three monthly hazards after the action. With the ATT estimand this is the quantity
 * truth.json records per action as {@code delight_effect_by_action.actions.<action>.effect_pp} (the
 * expected change per treated snapshot; {@code delight_effect.avg_effect_on_p_defect_90d_pp} is per
 * action granted, another estimand). The nuisance models are cross-fitted ({@link
 * ScoredSnapshots}). Confounders are everything known at T that is not a delight action in the
 * window: effort so far and journey severity, experience, engagement, profile, and earlier delight
 * actions (before the window).
 *
 * <p>Grain: snapshot rows in (one per as_of x customer), one row per action out. Runs 3 logistic
 * regressions and 2 aggregations per action on a cached copy of the snapshots (two actions at a
 * time, {@link ParallelFits}; rows keep the action order); only aggregates reach the driver.
 */
public final class DelightEffects {
  /** The action name of "any delight action". */
  public static final String ANY = "any";

  /** Columns the training rows must have besides the confounders and the action counts. */
  public static final List<String> REQUIRED = List.of("customer_id", "is_defected", "horizon_days");

  private static final Logger LOG = LoggerFactory.getLogger(DelightEffects.class);
  private static final Pattern DELIGHT_WINDOW = Pattern.compile("delight_actions_(\\d+)d");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._:-]+");

  private DelightEffects() {}

  /**
   * @param training uncensored labelled snapshots: {@link #REQUIRED}, the confounders and the
   *     {@code <type>_actions_<w>d} counts of customer_features
   * @param confounders numeric feature columns to adjust for (see {@link DelightConfounders})
   * @return rows of {@link DelightEffectSchema#SCHEMA}, one per estimated action
   */
  public static Dataset<Row> estimate(
      Dataset<Row> training, List<String> confounders, DelightSettings settings, String model) {
    return estimate(training, confounders, settings, model, ScoredSnapshots.FOLDS);
  }

  /** {@link #estimate} with {@code folds} cross-fitting folds (1: in-sample nuisance models). */
  static Dataset<Row> estimate(
      Dataset<Row> training,
      List<String> confounders,
      DelightSettings settings,
      String model,
      int folds) {
    List<DelightAction> actions = actions(settings, Set.of(training.columns()));
    requireColumns(training, confounders, actions);
    // stored with its lineage cut: each of the ~150 jobs of the batched fits would otherwise
    // serialize the plan of the wide training rows
    Dataset<Row> prepared = StoredRows.of(prepare(training, confounders, settings, folds, actions));
    try {
      List<DelightAction> kept = supported(prepared, actions, settings.minTreated());
      List<ScoredSnapshots.Nuisance> nuisance =
          ScoredSnapshots.fit(prepared, kept, settings.regParam(), folds);
      List<EffectEstimate> estimates =
          ParallelFits.run(
              kept.size(),
              ParallelFits.THREADS_DEFAULT,
              i -> estimateOne(prepared, kept.get(i), nuisance.get(i), settings));
      return training
          .sparkSession()
          .createDataFrame(toRows(kept, estimates, settings, model), DelightEffectSchema.SCHEMA);
    } finally {
      StoredRows.release(prepared);
    }
  }

  /**
   * One row per estimated action (the nulls of {@code estimates} left out), each with its verdict
   * from {@link Findings} over the family of estimated actions.
   */
  private static List<Row> toRows(
      List<DelightAction> actions,
      List<EffectEstimate> estimates,
      DelightSettings settings,
      String model) {
    List<Integer> estimated =
        IntStream.range(0, actions.size()).filter(i -> estimates.get(i) != null).boxed().toList();
    List<Findings.Verdict> verdicts =
        Findings.of(estimated.stream().map(i -> estimates.get(i).tested()).toList());
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < estimated.size(); k++) {
      int i = estimated.get(k);
      Findings.Verdict verdict = verdicts.get(k);
      LOG.info(
          "stage=delight-effects action={} p_value={} p_adjusted={} family_size={} verdict={}",
          actions.get(i).name(),
          verdict.pValue(),
          verdict.pAdjusted(),
          verdict.familySize(),
          Findings.wording(verdict.isFinding()));
      rows.add(estimates.get(i).toRow(model, actions.get(i).name(), settings, verdict));
    }
    return rows;
  }

  /** The estimate of one action, or null when too few treated remain after trimming. */
  private static EffectEstimate estimateOne(
      Dataset<Row> prepared,
      DelightAction action,
      ScoredSnapshots.Nuisance nuisance,
      DelightSettings settings) {
    long start = System.nanoTime();
    EffectEstimate estimate = EffectEstimate.of(prepared, action, nuisance, settings);
    if (estimate.treated() < settings.minTreated()) {
      LOG.info(
          "stage=delight-effects action={} skipped=too-few-treated-after-trim treated={} min={}",
          action.name(),
          estimate.treated(),
          settings.minTreated());
      return null;
    }
    LOG.info(
        "stage=delight-effects action={} rows={} seconds={}",
        action.name(),
        estimate.treated() + estimate.controls(),
        Elapsed.seconds(start));
    return estimate;
  }

  /** Replaces the rows of {@code modelVersion} in delight_effects with {@code effects}. */
  public static WriteMetrics write(Lake lake, Dataset<Row> effects, String modelVersion) {
    if (!VERSION.matcher(modelVersion).matches()) {
      throw new IllegalArgumentException(
          "model version must match " + VERSION + ": " + modelVersion);
    }
    return lake.withSessionConf( // a table written before the finding columns gains them
        Lake.SCHEMA_AUTO_MERGE,
        "true",
        () ->
            lake.replaceWhere(
                Table.DELIGHT_EFFECTS,
                effects.filter(col(DelightEffectSchema.MODEL_VERSION).equalTo(modelVersion)),
                DelightEffectSchema.MODEL_VERSION + " = '" + modelVersion + "'"));
  }

  private static List<DelightAction> actions(DelightSettings settings, Set<String> columns) {
    List<DelightAction> actions = new ArrayList<>();
    actions.add(DelightAction.any(settings.treatmentWindowDays()));
    for (String type : settings.actionTypes()) {
      DelightAction action = DelightAction.ofType(type, settings.treatmentWindowDays());
      if (columns.contains(action.countColumn())) {
        actions.add(action);
      } else {
        LOG.info(
            "stage=delight-effects action={} skipped=no-column {}", type, action.countColumn());
      }
    }
    return actions;
  }

  private static void requireColumns(
      Dataset<Row> training, List<String> confounders, List<DelightAction> actions) {
    Set<String> have = Set.of(training.columns());
    List<String> needed = new ArrayList<>(REQUIRED);
    needed.addAll(confounders);
    needed.add(actions.get(0).countColumn());
    List<String> missing = needed.stream().filter(c -> !have.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw Problems.columnsMissing(
          "estimate delight effects",
          "training snapshots",
          missing,
          "run 'effortlens features' with delight.treatment-window-days among"
              + " features.windows-days, and pass only columns of customer_features");
    }
  }

  /** customer_id, cross-fitting fold, outcome, horizon, action counts and the confounders. */
  private static Dataset<Row> prepare(
      Dataset<Row> training,
      List<String> confounders,
      DelightSettings settings,
      int folds,
      List<DelightAction> actions) {
    int windowDays = settings.treatmentWindowDays();
    List<Column> out = new ArrayList<>();
    out.add(col("customer_id").as(ScoredSnapshots.CUSTOMER_ID));
    out.add(
        ScoredSnapshots.fold(col("customer_id"), settings.seed(), folds).as(ScoredSnapshots.FOLD));
    out.add(col("is_defected").cast("double").as(ScoredSnapshots.OUTCOME));
    out.add(col("horizon_days"));
    actions.stream()
        .flatMap(a -> java.util.stream.Stream.of(a.countColumn(), a.anyColumn()))
        .distinct()
        .forEach(c -> out.add(coalesce(col(c), lit(0L)).as(c)));
    List<String> inputs = new ArrayList<>();
    for (String name : confounders) {
      out.add(coalesce(col(name).cast("double"), lit(0.0)).as("_x_" + inputs.size()));
      inputs.add("_x_" + inputs.size());
    }
    for (Column prior : priorDelight(training.columns(), windowDays)) {
      out.add(prior.as("_x_" + inputs.size()));
      inputs.add("_x_" + inputs.size());
    }
    Dataset<Row> selected = training.select(out.toArray(new Column[0]));
    Dataset<Row> assembled =
        new VectorAssembler()
            .setInputCols(inputs.toArray(new String[0]))
            .setOutputCol(ScoredSnapshots.FEATURES)
            .transform(selected);
    return assembled.drop(inputs.toArray(new String[0]));
  }

  /** Delight actions before the treatment window, from each longer delight_actions window. */
  private static List<Column> priorDelight(String[] columns, int windowDays) {
    String treated = DelightAction.any(windowDays).countColumn();
    List<Column> prior = new ArrayList<>();
    for (String column : columns) {
      Matcher m = DELIGHT_WINDOW.matcher(column);
      if (m.matches() && Integer.parseInt(m.group(1)) > windowDays) {
        prior.add(coalesce(col(column).minus(col(treated)), lit(0)).cast("double"));
      }
    }
    return prior;
  }

  /** Actions with at least minTreated treated snapshots, counted in one aggregation. */
  private static List<DelightAction> supported(
      Dataset<Row> prepared, List<DelightAction> actions, int minTreated) {
    Column[] counts =
        actions.stream()
            .map(a -> sum(when(a.isTreated(), 1L).otherwise(0L)))
            .toArray(Column[]::new);
    Row row = prepared.agg(counts[0], Arrays.copyOfRange(counts, 1, counts.length)).first();
    List<DelightAction> kept = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      long treated = row.isNullAt(i) ? 0 : row.getLong(i);
      if (treated >= minTreated) {
        kept.add(actions.get(i));
      } else {
        LOG.info(
            "stage=delight-effects action={} skipped=support treated={} min={}",
            actions.get(i).name(),
            treated,
            minTreated);
      }
    }
    return kept;
  }
}
