package io.effortlens.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The driver_effects rows of one model version: per feature and per family the logistic coefficient
 * and odds ratio per SD with bootstrap intervals, the GBT permutation importance, the
 * counterfactual defections avoided with bootstrap intervals, share, rank, support and stability.
 *
 * <p>A family's defections avoided are those of its joint scenario ({@link Counterfactuals#family}:
 * all its drivers with a reference at their references at once, each event removed once), not the
 * sum of its drivers' single scenarios, which counts nested windows and contained counts several
 * times. share = defections avoided / the sum of the families' absolute defections avoided ({@link
 * DisloyaltyPie}), for family and driver rows alike: one denominator for every share printed, so
 * protective drivers and families have negative shares and the families' absolute shares sum to
 * 100%; a driver's share is on that scale, and its drivers' shares need not sum to the family's.
 * Drivers with fewer than min-support customers off their reference are flagged low_support and not
 * ranked.
 */
public final class DriverEffects {
  private DriverEffects() {}

  /** Everything measured about the drivers of one run. */
  public record Inputs(
      List<Driver> drivers,
      double[] coefficients,
      List<double[]> coefficientReplicates,
      Map<String, Double> permutation,
      Map<String, double[]> avoided,
      Map<String, Long> support,
      Double stability,
      int minSupport) {}

  /**
   * One family of the pie or one measure of the top drivers: its defections avoided with their 95%
   * interval ({@code low}, {@code high}; NaN without replicates), its signed share, and for a
   * measure its member drivers (see {@link Measures}; empty for a family).
   */
  public record Slice(
      String driver,
      String family,
      String description,
      double avoided,
      double share,
      double low,
      double high,
      List<String> members) {
    /** The share interval on the share's scale (see {@link DisloyaltyPie#shareInterval}). */
    public double[] shareInterval() {
      return DisloyaltyPie.shareInterval(share, avoided, low, high);
    }
  }

  /**
   * A driver without a counterfactual reference (a recency, a trend, an effort score level, an
   * experience measure): not in the pie, ranked instead by the GBT's permutation importance (1 =
   * the model relies on it most), with the reason it has no reference.
   */
  public record Unreferenced(
      String driver,
      String family,
      String description,
      double permutationImportance,
      int rank,
      String why) {}

  public static List<Row> toRows(String modelVersion, Inputs in) {
    double total = absoluteTotal(in);
    Map<String, Integer> ranks = ranks(in);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < in.drivers().size(); i++) {
      rows.add(featureRow(modelVersion, in, i, total, ranks));
    }
    Map<String, Integer> familyRanks = familyRanks(in);
    for (String family : families(in)) {
      rows.add(familyRow(modelVersion, in, family, total, familyRanks.get(family)));
    }
    return rows;
  }

  private static Row featureRow(
      String version, Inputs in, int i, double total, Map<String, Integer> ranks) {
    Driver d = in.drivers().get(i);
    Double coef = in.coefficients() == null ? null : in.coefficients()[i];
    double[] ci = interval(in.coefficientReplicates().stream().mapToDouble(c -> c[i]).toArray());
    double[] avoided = in.avoided().get(d.name());
    double[] ai = avoided == null ? null : interval(Arrays.copyOfRange(avoided, 1, avoided.length));
    long support = in.support().getOrDefault(d.name(), 0L);
    return RowFactory.create(
        version,
        DriverEffectsSchema.FEATURE_LEVEL,
        d.name(),
        d.family(),
        d.description(),
        coef,
        coef == null ? null : Math.exp(coef),
        ci == null ? null : Math.exp(ci[0]),
        ci == null ? null : Math.exp(ci[1]),
        in.permutation().get(d.name()),
        d.reference(),
        avoided == null ? null : avoided[0],
        ai == null ? null : ai[0],
        ai == null ? null : ai[1],
        avoided == null || total == 0 ? null : avoided[0] / total,
        in.stability(),
        ranks.get(d.name()),
        support,
        d.hasReference() && support < in.minSupport());
  }

  private static Row familyRow(
      String version, Inputs in, String family, double total, Integer rank) {
    double[] joint = familyAvoided(in, family);
    double[] ai = joint == null ? null : interval(Arrays.copyOfRange(joint, 1, joint.length));
    long support =
        in.drivers().stream()
            .filter(d -> d.family().equals(family))
            .mapToLong(d -> in.support().getOrDefault(d.name(), 0L))
            .max()
            .orElse(0L);
    return RowFactory.create(
        version,
        DriverEffectsSchema.FAMILY_LEVEL,
        family,
        family,
        "The family's drivers with a reference at their references at once",
        null,
        null,
        null,
        null,
        null,
        null,
        joint == null ? null : joint[0],
        ai == null ? null : ai[0],
        ai == null ? null : ai[1],
        joint == null || total == 0 ? null : joint[0] / total,
        in.stability(),
        rank,
        support,
        false);
  }

  /**
   * The family's defections avoided in its joint scenario (estimate and replicates), null if none
   * of its drivers has a reference.
   */
  static double[] familyAvoided(Inputs in, String family) {
    if (!Counterfactuals.families(in.drivers()).contains(family)) {
      return null;
    }
    double[] joint = in.avoided().get(Counterfactuals.family(family));
    if (joint == null) {
      throw new IllegalStateException(
          "Cannot compute the family row of '"
              + family
              + "': its joint scenario was not attributed (Counterfactuals.explode makes it)");
    }
    return joint;
  }

  /** Families none of whose drivers has a reference value: not in the pie, said so. */
  public static List<String> withoutShare(Inputs in) {
    return families(in).stream().filter(f -> familyAvoided(in, f) == null).toList();
  }

  /**
   * Every driver without a reference, ranked by permutation importance (largest first, ties by
   * name; unknown importance last).
   */
  public static List<Unreferenced> withoutReference(Inputs in) {
    List<Driver> sorted =
        in.drivers().stream()
            .filter(d -> !d.hasReference())
            .sorted(
                Comparator.comparingDouble((Driver d) -> importanceKey(in, d))
                    .thenComparing(Driver::name))
            .toList();
    List<Unreferenced> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Driver d = sorted.get(i);
      Double importance = in.permutation().get(d.name());
      out.add(
          new Unreferenced(
              d.name(),
              d.family(),
              d.description(),
              importance == null ? Double.NaN : importance,
              i + 1,
              DriverReferences.whyNone(d.name(), d.family())));
    }
    return out;
  }

  private static double importanceKey(Inputs in, Driver d) {
    Double importance = in.permutation().get(d.name());
    return importance == null || importance.isNaN()
        ? Double.POSITIVE_INFINITY
        : descendingKey(importance);
  }

  static List<String> families(Inputs in) {
    return in.drivers().stream().map(Driver::family).distinct().sorted().toList();
  }

  /** The pie's denominator: the sum of the families' absolute defections avoided (joint). */
  static double absoluteTotal(Inputs in) {
    return families(in).stream()
        .map(f -> familyAvoided(in, f))
        .filter(a -> a != null)
        .mapToDouble(a -> Math.abs(a[0]))
        .sum();
  }

  /**
   * The key ranks sort by, ascending = largest value first: the value rounded to 1e-6, so that sums
   * equal but for their last bits (a driver without effect is 0.0 locally and -8.5e-14 on a
   * cluster, by partition order) tie and go by name. {@code 0.0 - x} also turns -0.0 into 0.0,
   * which {@code Double.compare} would order apart.
   */
  static double descendingKey(double value) {
    return 0.0 - Math.rint(value * 1e6) / 1e6;
  }

  /** Ranks 1..n of the ranked drivers (with a reference and enough support) by avoided, desc. */
  static Map<String, Integer> ranks(Inputs in) {
    List<Driver> ranked =
        in.drivers().stream()
            .filter(
                d ->
                    in.avoided().containsKey(d.name())
                        && in.support().getOrDefault(d.name(), 0L) >= in.minSupport())
            .sorted(
                Comparator.comparingDouble(
                        (Driver d) -> descendingKey(in.avoided().get(d.name())[0]))
                    .thenComparing(Driver::name))
            .toList();
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      out.put(ranked.get(i).name(), i + 1);
    }
    return out;
  }

  private static Map<String, Integer> familyRanks(Inputs in) {
    List<String> ranked =
        families(in).stream()
            .filter(f -> familyAvoided(in, f) != null)
            .sorted(
                Comparator.comparingDouble((String f) -> descendingKey(familyAvoided(in, f)[0]))
                    .thenComparing(f -> f))
            .toList();
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      out.put(ranked.get(i), i + 1);
    }
    return out;
  }

  /**
   * The pie by family: every family with a reference driver, largest share first — the numbers of
   * the family rows of {@link #toRows}.
   */
  public static List<Slice> pie(Inputs in) {
    double total = absoluteTotal(in);
    return families(in).stream()
        .filter(f -> familyAvoided(in, f) != null)
        .map(f -> slice(f, f, f, familyAvoided(in, f), total, List.of()))
        .sorted(Comparator.comparingDouble((Slice s) -> -s.share()))
        .toList();
  }

  /**
   * The top {@code n} measures by defections avoided: ranked drivers, the windows of one measure
   * grouped (see {@link Measures}), each showing its longest ranked window's effect.
   */
  public static List<Slice> top(Inputs in, int n) {
    double total = absoluteTotal(in);
    Map<String, Integer> ranks = ranks(in);
    Map<String, Driver> byName = new LinkedHashMap<>();
    in.drivers().forEach(d -> byName.put(d.name(), d));
    List<Measures.Ranked> ranked =
        ranks.keySet().stream()
            .map(byName::get)
            .map(d -> new Measures.Ranked(d.name(), d.family(), d.reference()))
            .toList();
    return Measures.group(ranked).stream()
        .limit(n)
        .map(
            m -> {
              Driver d = byName.get(m.driver());
              return slice(
                  d.name(),
                  d.family(),
                  d.description(),
                  in.avoided().get(d.name()),
                  total,
                  m.members());
            })
        .toList();
  }

  private static Slice slice(
      String driver,
      String family,
      String description,
      double[] avoided,
      double total,
      List<String> members) {
    double[] ai = interval(Arrays.copyOfRange(avoided, 1, avoided.length));
    return new Slice(
        driver,
        family,
        description,
        avoided[0],
        avoided[0] / total,
        ai == null ? Double.NaN : ai[0],
        ai == null ? Double.NaN : ai[1],
        members);
  }

  /** The 95% interval of bootstrap replicates (see {@link Percentiles}), or null without any. */
  static double[] interval(double[] replicates) {
    if (replicates == null || replicates.length == 0) {
      return null;
    }
    return Percentiles.interval95(replicates);
  }

  /**
   * Spearman correlation of two rankings of the same items (commons-math3 over our ranks, which
   * have no ties: near-equal values rank by name, see {@link #rankOf}); NaN for fewer than 2.
   */
  public static double spearman(Map<String, Double> a, Map<String, Double> b) {
    List<String> common = a.keySet().stream().filter(b::containsKey).sorted().toList();
    if (common.size() < 2) {
      return Double.NaN;
    }
    Map<String, Integer> ra = rankOf(common, a);
    Map<String, Integer> rb = rankOf(common, b);
    return new SpearmansCorrelation()
        .correlation(
            common.stream().mapToDouble(ra::get).toArray(),
            common.stream().mapToDouble(rb::get).toArray());
  }

  private static Map<String, Integer> rankOf(List<String> items, Map<String, Double> values) {
    List<String> sorted =
        items.stream()
            .sorted(
                Comparator.comparingDouble((String k) -> descendingKey(values.get(k)))
                    .thenComparing(k -> k))
            .toList();
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      out.put(sorted.get(i), i + 1);
    }
    return out;
  }
}
