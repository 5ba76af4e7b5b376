package io.effortlens.journey;

import io.effortlens.config.ConfigKeys;
import io.effortlens.config.Settings;

/**
 * The settings journeys and effort scores use, read once from {@link Settings} (precedence: {@code
 * --set} &gt; config file &gt; default).
 *
 * @param gapDays {@code journey.gap-days}: longest quiet gap inside a journey
 * @param highEffortThreshold {@code journey.high-effort-threshold}: effort_score at or above which
 *     a journey is high effort
 * @param effortMinAnswers {@code journey.effort-min-answers}: fewest CES answers to fit
 *     effort_score
 */
public record JourneySettings(int gapDays, double highEffortThreshold, int effortMinAnswers) {
  public static JourneySettings from(Settings settings) {
    return new JourneySettings(
        settings.get(ConfigKeys.JOURNEY_GAP_DAYS),
        settings.get(ConfigKeys.JOURNEY_HIGH_EFFORT_THRESHOLD),
        settings.get(ConfigKeys.JOURNEY_EFFORT_MIN_ANSWERS));
  }
}
