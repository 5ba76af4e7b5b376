package io.effortlens.report;

import io.effortlens.Problems;
import io.effortlens.config.ConfigKeys;
import io.effortlens.config.Settings;
import io.effortlens.features.FeatureSettings;
import io.effortlens.features.LabelPolicy;
import java.util.regex.Pattern;

/**
 * The settings the gold job uses, read once from {@link Settings} (precedence: {@code --set} &gt;
 * config file &gt; default).
 *
 * @param labels {@code labels.*}: the defection definition and horizon the KPIs use
 * @param gapDays {@code journey.gap-days}: to re-stitch interactions onto journeys
 * @param highEffortThreshold {@code journey.high-effort-threshold}
 * @param catalogDatabase {@code gold.catalog-database}; empty = no catalog registration
 * @param rulesWindowDays {@code gold.rules-window-days}
 * @param rulesMinSupport {@code gold.rules-min-support}
 * @param rulesMinConfidence {@code gold.rules-min-confidence}
 */
public record GoldSettings(
    LabelPolicy labels,
    int gapDays,
    double highEffortThreshold,
    String catalogDatabase,
    int rulesWindowDays,
    double rulesMinSupport,
    double rulesMinConfidence) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public GoldSettings {
    if (!catalogDatabase.isEmpty() && !IDENTIFIER.matcher(catalogDatabase).matches()) {
      throw Problems.badCatalogDatabase(ConfigKeys.GOLD_CATALOG_DATABASE.name(), catalogDatabase);
    }
  }

  public static GoldSettings from(Settings settings) {
    FeatureSettings features = FeatureSettings.from(settings);
    return new GoldSettings(
        features.labels(),
        features.journeys().gapDays(),
        features.journeys().highEffortThreshold(),
        settings.get(ConfigKeys.GOLD_CATALOG_DATABASE).strip(),
        settings.get(ConfigKeys.GOLD_RULES_WINDOW_DAYS),
        settings.get(ConfigKeys.GOLD_RULES_MIN_SUPPORT),
        settings.get(ConfigKeys.GOLD_RULES_MIN_CONFIDENCE));
  }
}
