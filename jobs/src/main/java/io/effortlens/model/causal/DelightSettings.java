package io.effortlens.model.causal;

import io.effortlens.config.ConfigKeys;
import io.effortlens.config.Settings;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link DelightEffects} estimates and how, parsed once from the {@code delight.*} and {@code
 * labels.horizon-days} keys (precedence {@code --set} &gt; config file &gt; default).
 *
 * @param treatmentWindowDays treated = a delight action in this many days before the as-of date
 * @param actionTypes the action types estimated besides {@value DelightEffects#ANY}
 * @param minTreated fewest treated snapshots (after trimming) to estimate an action
 * @param estimand {@code att} or {@code ate}
 * @param trimLow propensities below are left out
 * @param trimHigh propensities above are left out
 * @param bootstrapRounds Poisson bootstrap rounds of the intervals
 * @param seed seed of the bootstrap weights
 * @param regParam L2 regularization of the nuisance regressions
 */
public record DelightSettings(
    int treatmentWindowDays,
    List<String> actionTypes,
    int minTreated,
    Estimand estimand,
    double trimLow,
    double trimHigh,
    int bootstrapRounds,
    long seed,
    double regParam) {

  public DelightSettings {
    actionTypes = List.copyOf(actionTypes);
    if (!(trimLow < trimHigh)) {
      throw new IllegalArgumentException("trimLow must be below trimHigh");
    }
  }

  public static DelightSettings from(Settings settings) {
    String types = settings.get(ConfigKeys.DELIGHT_ACTION_TYPES);
    return new DelightSettings(
        settings.get(ConfigKeys.DELIGHT_TREATMENT_WINDOW_DAYS),
        Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList(),
        settings.get(ConfigKeys.DELIGHT_MIN_TREATED),
        Estimand.of(settings.get(ConfigKeys.DELIGHT_ESTIMAND)),
        settings.get(ConfigKeys.DELIGHT_TRIM_LOW),
        settings.get(ConfigKeys.DELIGHT_TRIM_HIGH),
        settings.get(ConfigKeys.DELIGHT_BOOTSTRAP_ROUNDS),
        settings.get(ConfigKeys.DELIGHT_SEED),
        settings.get(ConfigKeys.DELIGHT_REG_PARAM));
  }

  /** The same settings with other action types (e.g. none, for 'any' only). */
  public DelightSettings withActionTypes(List<String> types) {
    return new DelightSettings(
        treatmentWindowDays,
        types,
        minTreated,
        estimand,
        trimLow,
        trimHigh,
        bootstrapRounds,
        seed,
        regParam);
  }
}
