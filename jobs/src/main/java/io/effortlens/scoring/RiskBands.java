package io.effortlens.scoring;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.effortlens.Problems;
import io.effortlens.config.ConfigKeys;
import io.effortlens.config.Settings;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;

/** Probability cut-offs and band names from score.risk-band-cutoffs and score.risk-band-names. */
public record RiskBands(List<Double> cutoffs, List<String> names) {

  /** Validates: ascending cut-offs in (0, 1), one more name than cut-offs. */
  public RiskBands {
    for (int i = 0; i < cutoffs.size(); i++) {
      double c = cutoffs.get(i);
      if (c <= 0 || c >= 1 || (i > 0 && c <= cutoffs.get(i - 1))) {
        throw Problems.badArgument(
            ConfigKeys.SCORE_RISK_BAND_CUTOFFS.name(),
            cutoffs.toString(),
            "ascending probabilities between 0 and 1, e.g. [0.05, 0.15, 0.30]");
      }
    }
    if (names.size() != cutoffs.size() + 1) {
      throw Problems.badArgument(
          ConfigKeys.SCORE_RISK_BAND_NAMES.name(),
          String.join(",", names),
          (cutoffs.size() + 1) + " names for " + cutoffs.size() + " cut-offs");
    }
    cutoffs = List.copyOf(cutoffs);
    names = List.copyOf(names);
  }

  public static RiskBands from(Settings settings) {
    return new RiskBands(
        settings.get(ConfigKeys.SCORE_RISK_BAND_CUTOFFS),
        Arrays.stream(settings.get(ConfigKeys.SCORE_RISK_BAND_NAMES).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList());
  }

  /** The band of a probability: the highest band whose cut-off it reaches. */
  public Column of(Column probability) {
    Column band = lit(names.get(0));
    for (int i = 0; i < cutoffs.size(); i++) {
      band = when(probability.geq(cutoffs.get(i)), lit(names.get(i + 1))).otherwise(band);
    }
    return when(probability.isNull(), lit(null).cast("string")).otherwise(band);
  }
}
