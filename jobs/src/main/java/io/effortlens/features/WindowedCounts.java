package io.effortlens.features;

import io.effortlens.journey.JourneySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the windowed features ({@code <base>_<n>d}) relate, declared once beside their definitions
 * and read by the one counterfactual of the disloyalty pie and the customers' reasons ({@code
 * model.Counterfactuals}).
 *
 * <p>Nesting: the windows of a count or a sum nest (the 30-day events are among the 90-day ones),
 * except the bases of {@link #PER_WINDOW}, whose value is a mean, maximum, rate or indicator of the
 * window's rows: a shorter window's mean is not part of a longer one's. {@code WindowedCountsTest}
 * checks the declaration against {@link FeatureSet}: a feature nests exactly when it is 0 for a
 * customer without rows.
 *
 * <p>Containment ({@link #CONTAINMENTS}): every event one count counts is also counted by another
 * (its container), so a counterfactual that removes the events of the first removes them from the
 * second. Only true subsets of events are declared: a transfer or a channel switch happens within
 * or between contacts that would still take place, so neither is contained in a contact count.
 */
public final class WindowedCounts {
  /** Contacts with a person started in the window (customer feature over known interactions). */
  public static final String ASSISTED_CONTACTS = JourneySchema.ASSISTED_CONTACTS;

  /** Contacts and self-service sessions started in the window (engagement). */
  public static final String TOUCHPOINTS = JourneySchema.TOUCHPOINTS;

  /** Mean assisted contacts per journey of the window. */
  public static final String CONTACTS_PER_JOURNEY = "contacts_per_journey";

  /** Windowed bases whose windows do not nest: per-window means, maxima, rates and indicators. */
  public static final Set<String> PER_WINDOW =
      Set.of(
          CONTACTS_PER_JOURNEY,
          "effort_score_max",
          "effort_score_mean",
          "survey_response_rate",
          "csat_mean",
          "ces_mean",
          "nps_mean",
          "has_csat",
          "has_ces",
          "has_nps");

  /**
   * Each event of count {@code contained} is an event of count {@code container}, per window.
   *
   * @param why where the subset comes from ({@code journey.JourneyMetrics})
   */
  public record Containment(String contained, String container, String why) {}

  /** The declared containments; {@link #containersOf} follows them transitively. */
  public static final List<Containment> CONTAINMENTS =
      List.of(
          new Containment(
              JourneySchema.REPEAT_CONTACTS,
              ASSISTED_CONTACTS,
              "repeat contacts are a journey's assisted contacts after the first; the windows"
                  + " differ (a journey's last touchpoint, a contact's start), so not exact"),
          new Containment(
              ASSISTED_CONTACTS, TOUCHPOINTS, "an assisted contact is a touchpoint, same window"),
          new Containment(
              JourneySchema.SELF_SERVICE_TO_ASSISTED,
              JourneySchema.SELF_SERVICE_FAILURES,
              "failed self-service followed by a contact is failed self-service, same journeys"));

  /**
   * {@code <base>_<n>d}, where the base names no window itself (a trend such as {@code
   * x_30d_vs_60d} compares two).
   */
  private static final Pattern WINDOWED = Pattern.compile("^(?!.*_\\d+d_)(.+)_(\\d+)d$");

  /**
   * A windowed feature name split into its base and window: {@code repeat_contacts_90d} is {@code
   * repeat_contacts} over 90 days ({@link FeatureSet#windowed} builds the name).
   */
  public record Windowed(String base, int days) {
    /** The feature name of this base over {@code otherDays}: the same measure, another window. */
    public String over(int otherDays) {
      return FeatureSet.windowed(base, otherDays);
    }
  }

  private WindowedCounts() {}

  /** The base and window of a windowed feature name, empty for any other name. */
  public static Optional<Windowed> parse(String name) {
    Matcher m = WINDOWED.matcher(name);
    return m.matches()
        ? Optional.of(new Windowed(m.group(1), Integer.parseInt(m.group(2))))
        : Optional.empty();
  }

  /** Whether the windows of {@code base} nest (a count or a sum). */
  public static boolean nests(String base) {
    return !PER_WINDOW.contains(base);
  }

  /** The counts containing {@code base}, directly or through another, nearest first. */
  public static List<String> containersOf(String base) {
    List<String> out = new ArrayList<>();
    for (int i = -1; i < out.size(); i++) {
      String contained = i < 0 ? base : out.get(i);
      for (Containment c : CONTAINMENTS) {
        if (c.contained().equals(contained) && !out.contains(c.container())) {
          out.add(c.container());
        }
      }
    }
    return out;
  }
}
