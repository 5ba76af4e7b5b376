package io.effortlens.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.types.StructType;

/**
 * All features of a run's snapshots, grouped by the rows they aggregate: point-in-time journeys,
 * known interactions, or the snapshot row joined with customers (profile). {@link #all()} is the
 * column order of {@code customer_features} and the content of {@code feature_catalog}.
 *
 * @param fromJourneys aggregates over the customer's journeys
 * @param fromInteractions aggregates over the customer's known interactions
 * @param profile row expressions over the snapshot joined with customers
 * @param onlyAt features that exist only at some as-of dates (an activity type discovered among the
 *     most frequent at those dates), with those dates; at the others their column is null, as if
 *     the snapshot had been written without it
 */
public record FeatureSet(
    List<Feature> fromJourneys,
    List<Feature> fromInteractions,
    List<Feature> profile,
    Map<String, List<LocalDate>> onlyAt) {
  /**
   * Version of the feature formulas, stored in the catalog. v2 added {@code
   * activity_<type>_quantity_<n>d}; v3 added the contact volume to the effort family ({@code
   * assisted_contacts_<n>d}, {@code contacts_per_journey_<n>d}) on journeys-v3's definition of a
   * contact with a person.
   */
  public static final String FORMULA_VERSION = "features-v3";

  public FeatureSet {
    fromJourneys = List.copyOf(fromJourneys);
    fromInteractions = List.copyOf(fromInteractions);
    profile = List.copyOf(profile);
    onlyAt = Map.copyOf(onlyAt);
  }

  /**
   * The features of one or more as-of dates.
   *
   * @param windows look-back windows in days
   * @param highEffort effort_score at or above which a journey is high effort
   * @param activityTypes as-of date → normalized activity types that get a column each there
   * @param customers schema of the customers table, or null when there is none
   */
  public static FeatureSet of(
      List<Integer> windows,
      double highEffort,
      Map<LocalDate, List<String>> activityTypes,
      StructType customers) {
    Set<String> types = new TreeSet<>();
    activityTypes.values().forEach(types::addAll);
    List<Feature> journeys = new ArrayList<>(EffortFeatures.of(windows, highEffort));
    journeys.addAll(EffortFeatures.responseRates(windows));
    List<Feature> interactions = new ArrayList<>(EffortFeatures.assistedContacts(windows));
    interactions.addAll(DelightFeatures.of(windows));
    interactions.addAll(ExperienceFeatures.of(windows));
    interactions.addAll(EngagementFeatures.of(windows, List.copyOf(types)));
    Set<String> taken = new HashSet<>(Set.of(CustomerFeatureSchema.AS_OF));
    journeys.forEach(f -> taken.add(f.name()));
    interactions.forEach(f -> taken.add(f.name()));
    return new FeatureSet(
        journeys,
        interactions,
        ProfileFeatures.of(customers, taken),
        onlyAt(windows, types, activityTypes));
  }

  /** The same activity types at every as-of date. */
  public static Map<LocalDate, List<String>> everywhere(
      List<LocalDate> asOfs, List<String> activityTypes) {
    Map<LocalDate, List<String>> out = new LinkedHashMap<>();
    asOfs.forEach(d -> out.put(d, activityTypes));
    return out;
  }

  private static Map<String, List<LocalDate>> onlyAt(
      List<Integer> windows, Set<String> types, Map<LocalDate, List<String>> activityTypes) {
    Map<String, List<LocalDate>> out = new LinkedHashMap<>();
    for (String type : types) {
      List<LocalDate> at =
          activityTypes.entrySet().stream()
              .filter(e -> e.getValue().contains(type))
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      if (at.size() < activityTypes.size()) {
        for (int days : windows) {
          out.put(EngagementFeatures.typeEvents(type, days), at);
          out.put(EngagementFeatures.typeQuantity(type, days), at);
        }
      }
    }
    return out;
  }

  /** Every feature, ordered by family (effort, delight, experience, engagement, profile). */
  public List<Feature> all() {
    List<Feature> out = new ArrayList<>(fromJourneys);
    out.addAll(fromInteractions);
    out.addAll(profile);
    out.sort(Comparator.comparing(Feature::family)); // stable: definition order within a family
    return out;
  }

  /** A windowed feature name: {@code repeat_contacts} and 90 give {@code repeat_contacts_90d}. */
  public static String windowed(String name, int days) {
    return name + "_" + days + "d";
  }
}
