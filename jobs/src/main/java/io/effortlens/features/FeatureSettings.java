package io.effortlens.features;

import io.effortlens.config.ConfigKeys;
import io.effortlens.config.Settings;
import io.effortlens.journey.JourneySettings;
import java.util.Arrays;
import java.util.List;

/**
 * The settings features and labels use, read once from {@link Settings} (precedence: {@code --set}
 * &gt; config file &gt; default).
 *
 * @param windows {@code features.windows-days}, sorted and distinct
 * @param activityTypes {@code features.activity-types}, normalized; empty = discover per as-of
 * @param labels {@code labels.policy}, {@code labels.horizon-days}, {@code labels.inactivity-kinds}
 * @param journeys the journey settings (point-in-time journeys are rebuilt per as-of)
 */
public record FeatureSettings(
    List<Integer> windows,
    List<String> activityTypes,
    LabelPolicy labels,
    JourneySettings journeys) {
  public FeatureSettings {
    windows = windows.stream().distinct().sorted().toList();
    activityTypes = List.copyOf(activityTypes);
  }

  public static FeatureSettings from(Settings settings) {
    return new FeatureSettings(
        settings.get(ConfigKeys.FEATURES_WINDOWS_DAYS),
        types(settings.get(ConfigKeys.FEATURES_ACTIVITY_TYPES)),
        new LabelPolicy(
            settings.get(ConfigKeys.LABELS_POLICY),
            settings.get(ConfigKeys.LABELS_HORIZON_DAYS),
            types(settings.get(ConfigKeys.LABELS_INACTIVITY_KINDS))),
        JourneySettings.from(settings));
  }

  /** A comma-separated list of activity types, normalized like their columns; blanks dropped. */
  static List<String> types(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(EngagementFeatures::normalizedType)
        .filter(type -> !type.isEmpty())
        .distinct()
        .toList();
  }
}
