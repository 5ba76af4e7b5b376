package io.effortlens.features;

import java.util.List;

/**
 * How defection is labelled.
 *
 * @param name {@link #CANCEL} (a cancel lifecycle event in (T, T + horizon]) or {@link #INACTIVITY}
 *     (no activity row of {@code activityTypes} in (T, T + horizon])
 * @param horizonDays H, in exact days
 * @param activityTypes normalized activity types that count as being active; empty = any
 */
public record LabelPolicy(String name, int horizonDays, List<String> activityTypes) {
  public static final String CANCEL = "cancel";
  public static final String INACTIVITY = "inactivity";

  public LabelPolicy {
    if (!CANCEL.equals(name) && !INACTIVITY.equals(name)) {
      throw new IllegalArgumentException("label policy must be cancel or inactivity: " + name);
    }
    activityTypes = List.copyOf(activityTypes);
  }
}
