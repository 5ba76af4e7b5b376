package io.effortlens.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The closed vocabularies of the canonical tables, lower-case as stored. */
public enum Vocabulary {
  CHANNEL("channel", "phone", "ivr", "chat", "email", "web", "app", "social", "store", "other"),
  KIND("kind", "contact", "self_service", "survey", "action", "lifecycle", "activity"),
  OUTCOME("outcome", "success", "failed", "abandoned"),
  ACTION_TYPE(
      "action_type",
      "refund",
      "credit",
      "gift",
      "upgrade",
      "expedite",
      "discount",
      "apology",
      "other"),
  LIFECYCLE_EVENT("lifecycle_event", "signup", "cancel", "downgrade", "upgrade_plan", "renew");

  private final String column;
  private final List<String> values;

  Vocabulary(String column, String... values) {
    this.column = column;
    this.values = List.of(values);
  }

  /** The canonical column this vocabulary constrains. */
  public String column() {
    return column;
  }

  /** The allowed values, lower-case. */
  public List<String> allowed() {
    return values;
  }

  /** Whether a value (any case) belongs to the vocabulary. */
  public boolean contains(String value) {
    return value != null && values.contains(value.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return column + " " + Arrays.toString(values.toArray());
  }
}
