package io.effortlens.model;

import io.effortlens.features.WindowedCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranked drivers grouped into measures for presentation: the windows of one count or sum ({@code
 * active_days_30d}, {@code _90d}, {@code _180d}, reference 0, one family) are one measure, "active
 * days". By the nesting of {@link Counterfactuals}, setting the longest window to 0 empties the
 * shorter ones, so a measure's effect is its longest ranked window's defections avoided; the member
 * windows are listed beside it. driver_effects keeps the windowed features.
 */
public final class Measures {
  private Measures() {}

  /** A ranked driver: name, family and counterfactual reference (null: none). */
  public record Ranked(String driver, String family, Double reference) {}

  /**
   * A measure: its {@code name} (the base of windowed features, else the driver), the {@code
   * driver} whose effect it shows (the longest ranked window) and its member drivers, shortest
   * window first.
   */
  public record Measure(String name, String family, String driver, List<String> members) {
    /** {@code active_days (30d, 90d, 180d windows)}, or the driver itself when it stands alone. */
    public String label() {
      if (members.size() < 2) {
        return driver;
      }
      List<String> windows = members.stream().map(m -> days(m) + "d").toList();
      return name + " (" + String.join(", ", windows) + " windows)";
    }

    /** The member windows in days ({@code 30/90/180}), empty when the measure stands alone. */
    public String windows() {
      return Measures.windows(members);
    }
  }

  /** Measures of ranked drivers given in rank order, ordered by the rank of their driver. */
  public static List<Measure> group(List<Ranked> ranked) {
    Map<String, List<Ranked>> groups = new LinkedHashMap<>();
    for (Ranked r : ranked) {
      groups.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
    }
    List<String> order = ranked.stream().map(Ranked::driver).toList();
    List<Measure> out = new ArrayList<>();
    for (Map.Entry<String, List<Ranked>> g : groups.entrySet()) {
      List<String> members =
          g.getValue().stream()
              .map(Ranked::driver)
              .sorted(Comparator.comparingInt(Measures::days).thenComparing(m -> m))
              .toList();
      String longest = members.get(members.size() - 1);
      String name = members.size() < 2 ? longest : base(longest);
      out.add(new Measure(name, g.getValue().get(0).family(), longest, members));
    }
    out.sort(Comparator.comparingInt(m -> order.indexOf(m.driver())));
    return out;
  }

  /** The windows of a measure's members in days ({@code 30/90/180}), empty for a lone driver. */
  public static String windows(List<String> members) {
    return members.size() < 2
        ? ""
        : String.join("/", members.stream().map(m -> String.valueOf(days(m))).toList());
  }

  /**
   * Windowed counts and sums with reference 0 group by family and base; any other (a per-window
   * mean such as contacts_per_journey, whose longest window does not empty the shorter) stands
   * alone.
   */
  private static String key(Ranked r) {
    Optional<WindowedCounts.Windowed> w = WindowedCounts.parse(r.driver());
    boolean nests =
        w.isPresent()
            && WindowedCounts.nests(w.get().base())
            && r.reference() != null
            && r.reference() == 0.0;
    return nests ? r.family() + "/" + w.get().base() : "driver/" + r.driver();
  }

  private static String base(String driver) {
    return WindowedCounts.parse(driver).map(WindowedCounts.Windowed::base).orElse(driver);
  }

  private static int days(String driver) {
    return WindowedCounts.parse(driver).map(WindowedCounts.Windowed::days).orElse(0);
  }
}
