package io.effortlens.ingest;

import io.effortlens.config.ConfigKeys;
import io.effortlens.config.Settings;
import java.time.LocalDate;

/**
 * The settings ingest uses, read once from {@link Settings}.
 *
 * @param maxQuarantineRatio largest quarantined share (where-filtered rows excluded) before exit 3
 * @param earliestTimestamp timestamps before this date are implausible
 * @param maxFutureHours timestamps later than this after the run start are implausible
 * @param privacy which raw columns are personal and what happens to them
 */
public record IngestSettings(
    double maxQuarantineRatio,
    LocalDate earliestTimestamp,
    int maxFutureHours,
    PrivacyPolicy privacy) {
  public static IngestSettings from(Settings settings) {
    return new IngestSettings(
        settings.get(ConfigKeys.INGEST_MAX_QUARANTINE_RATIO),
        settings.get(ConfigKeys.INGEST_EARLIEST_TIMESTAMP),
        settings.get(ConfigKeys.INGEST_MAX_FUTURE_HOURS),
        PrivacyPolicy.from(settings));
  }
}
