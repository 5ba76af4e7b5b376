package io.effortlens.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructType;

/**
 * All features of one snapshot, grouped by the rows they aggregate: point-in-time journeys, known
 * interactions, or the snapshot row joined with customers (profile). {@link #all()} is the column
 * order of {@code customer_features} and the content of {@code feature_catalog}.
 *
 * @param fromJourneys aggregates over the customer's journeys
 * @param fromInteractions aggregates over the customer's known interactions
 * @param profile row expressions over the snapshot joined with customers
 */
public record FeatureSet(
    List<Feature> fromJourneys, List<Feature> fromInteractions, List<Feature> profile) {
  /** Version of the feature formulas, stored in the catalog. */
  public static final String FORMULA_VERSION = "features-v1";

  public FeatureSet {
    fromJourneys = List.copyOf(fromJourneys);
    fromInteractions = List.copyOf(fromInteractions);
    profile = List.copyOf(profile);
  }

  /**
   * The features for as-of date {@code asOf}.
   *
   * @param windows look-back windows in days
   * @param highEffort effort_score at or above which a journey is high effort
   * @param activityTypes normalized activity types that get a column each
   * @param customers schema of the customers table, or null when there is none
   */
  public static FeatureSet of(
      LocalDate asOf,
      List<Integer> windows,
      double highEffort,
      List<String> activityTypes,
      StructType customers) {
    List<Feature> journeys = new ArrayList<>(EffortFeatures.of(asOf, windows, highEffort));
    journeys.addAll(EffortFeatures.responseRates(asOf, windows));
    List<Feature> interactions = new ArrayList<>(DelightFeatures.of(asOf, windows));
    interactions.addAll(ExperienceFeatures.of(asOf, windows));
    interactions.addAll(EngagementFeatures.of(asOf, windows, activityTypes));
    Set<String> taken = new HashSet<>(Set.of(CustomerFeatureSchema.AS_OF));
    journeys.forEach(f -> taken.add(f.name()));
    interactions.forEach(f -> taken.add(f.name()));
    return new FeatureSet(journeys, interactions, ProfileFeatures.of(asOf, customers, taken));
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
