package io.effortlens.model.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Row;

/**
 * Which delight effects of one model version are findings, after accounting for how many were
 * tested: Holm's step-down adjustment (family-wise error rate 5%) over every action estimated for
 * the version, 'any' included.
 *
 * <p>Why Holm: a finding is acted on one by one ("refunds lower defection"), so the error to bound
 * is one false claim among the family, not a share of false claims (Benjamini-Hochberg); with five
 * to seven actions the two differ little in power anyway. Holm holds under any dependence between
 * the estimates (they share the control snapshots and the bootstrap weights) and is uniformly more
 * powerful than Bonferroni.
 *
 * <p>Each action's p-value is two-sided, from the normal approximation of its estimate with the
 * bootstrap standard error: p = 2 (1 - Φ(|effect| / se)). An action is a finding when its
 * Holm-adjusted p-value is below {@link #ALPHA} and its 95% interval excludes 0; anything else is
 * printed as {@link #NO_DISTINCT_EFFECT}. An action without a finite standard error has no p-value,
 * is not a finding and does not count in the family.
 */
public final class Findings {
  /** The family-wise error rate bounded. */
  public static final double ALPHA = 0.05;

  /** The adjustment, as written to {@code delight_effects.adjustment}. */
  public static final String METHOD_HOLM = "holm";

  /** The words for an action that is not a finding, the same in summary, report and notebooks. */
  public static final String NO_DISTINCT_EFFECT = "no distinct effect";

  /** The words for a finding. */
  public static final String FINDING = "finding";

  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private Findings() {}

  /** One tested effect: the estimate, its bootstrap standard error and its 95% interval. */
  record Tested(double effect, double standardError, double low, double high) {}

  /** The adjustment of one effect within its family of {@code familySize} tested effects. */
  record Verdict(double pValue, double pAdjusted, boolean isFinding, int familySize) {}

  /** The verdicts of a family, in the order of {@code tested}. */
  static List<Verdict> of(List<Tested> tested) {
    double[] p = tested.stream().mapToDouble(t -> pValue(t.effect(), t.standardError())).toArray();
    double[] adjusted = holm(p);
    int familySize = (int) Arrays.stream(p).filter(Double::isFinite).count();
    List<Verdict> verdicts = new ArrayList<>(tested.size());
    for (int i = 0; i < p.length; i++) {
      Tested t = tested.get(i);
      boolean excludesZero = t.low() > 0 || t.high() < 0;
      boolean finding = adjusted[i] < ALPHA && excludesZero;
      verdicts.add(new Verdict(p[i], adjusted[i], finding, familySize));
    }
    return verdicts;
  }

  /** Two-sided normal p-value of effect / se; NaN without a finite positive se. */
  static double pValue(double effect, double standardError) {
    if (!Double.isFinite(effect) || !Double.isFinite(standardError) || standardError <= 0) {
      return Double.NaN;
    }
    return 2 * NORMAL.cumulativeProbability(-Math.abs(effect / standardError));
  }

  /**
   * Holm-adjusted p-values: with the m finite p-values sorted ascending, the i-th (from 1) becomes
   * max over j &lt;= i of min(1, (m - j + 1) p_(j)). NaN stays NaN.
   */
  static double[] holm(double[] p) {
    Integer[] order =
        IntStream.range(0, p.length)
            .filter(i -> Double.isFinite(p[i]))
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> p[i]).thenComparing(i -> i))
            .toArray(Integer[]::new);
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    double running = 0;
    for (int rank = 0; rank < order.length; rank++) {
      running = Math.max(running, Math.min(1.0, (order.length - rank) * p[order[rank]]));
      adjusted[order[rank]] = running;
    }
    return adjusted;
  }

  /**
   * The verdict of a {@code delight_effects} row in words, the same in the train summary, the
   * report and research_replication: {@code finding (Holm-adjusted p 0.002 over 5 actions)} or
   * {@code no distinct effect (Holm-adjusted p 0.410 over 5 actions)}.
   */
  public static String verdict(Row row) {
    return wording(isFinding(row)) + " (" + adjustment(row) + ")";
  }

  /**
   * {@code Holm-adjusted p 0.410 over 5 actions}, or {@code not adjusted for the actions tested}
   * for a row written before the adjustment existed (its columns null or absent).
   */
  public static String adjustment(Row row) {
    if (isMissing(row, DelightEffectSchema.P_ADJUSTED)
        || isMissing(row, DelightEffectSchema.FAMILY_SIZE)) {
      return "not adjusted for the actions tested";
    }
    return String.format(
        Locale.ROOT,
        "Holm-adjusted p %s over %d actions",
        pText(((Number) row.getAs(DelightEffectSchema.P_ADJUSTED)).doubleValue()),
        ((Number) row.getAs(DelightEffectSchema.FAMILY_SIZE)).intValue());
  }

  /**
   * Whether a delight_effects row is a finding (null or absent, from before the adjustment: no).
   */
  public static boolean isFinding(Row row) {
    return !isMissing(row, DelightEffectSchema.IS_FINDING)
        && Boolean.TRUE.equals(row.getAs(DelightEffectSchema.IS_FINDING));
  }

  private static boolean isMissing(Row row, String column) {
    return row.schema() == null
        || !Arrays.asList(row.schema().fieldNames()).contains(column)
        || row.isNullAt(row.fieldIndex(column));
  }

  /** {@code < 0.001}, else three decimals; {@code n/a} for NaN. */
  static String pText(double p) {
    if (Double.isNaN(p)) {
      return "n/a";
    }
    return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  /** {@link #FINDING} or {@link #NO_DISTINCT_EFFECT}. */
  public static String wording(boolean isFinding) {
    return isFinding ? FINDING : NO_DISTINCT_EFFECT;
  }
}
