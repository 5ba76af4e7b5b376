package io.effortlens.config;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key EffortLens knows, with its default. Keys under {@code spark.} are passed
 * to the Spark session as they are. Precedence: {@code --set} &gt; config file &gt; default.
 */
public final class ConfigKeys {
  public static final ConfigKey<Double> INGEST_MAX_QUARANTINE_RATIO =
      ConfigKey.ofDouble(
          "ingest.max-quarantine-ratio",
          0.05,
          0.0,
          1.0,
          "Largest share of a batch's records that may be quarantined before the run fails (exit 3)"
              + " and publishes nothing to interactions.");

  public static final ConfigKey<LocalDate> INGEST_EARLIEST_TIMESTAMP =
      ConfigKey.ofDate(
          "ingest.earliest-timestamp",
          LocalDate.of(1990, 1, 1),
          "Timestamps before this date are implausible and quarantined.");

  public static final ConfigKey<Integer> INGEST_MAX_FUTURE_HOURS =
      ConfigKey.ofInt(
          "ingest.max-future-hours",
          24,
          0,
          24 * 365,
          "Timestamps more than this many hours after the run started are quarantined.");

  private static final Map<String, ConfigKey<?>> ALL =
      index(INGEST_MAX_QUARANTINE_RATIO, INGEST_EARLIEST_TIMESTAMP, INGEST_MAX_FUTURE_HOURS);

  private ConfigKeys() {}

  /** All keys by name, in declaration order. */
  public static Map<String, ConfigKey<?>> all() {
    return ALL;
  }

  static Set<String> names() {
    return ALL.keySet();
  }

  private static Map<String, ConfigKey<?>> index(ConfigKey<?>... keys) {
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    for (ConfigKey<?> key : List.of(keys)) {
      byName.put(key.name(), key);
    }
    return java.util.Collections.unmodifiableMap(byName);
  }
}
