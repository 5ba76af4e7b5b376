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

  /**
   * The channels on which a {@code contact} is with a person: an agent on the phone, in a chat, by
   * email, on social media or in a store. Not {@code ivr} (the phone line's automated front door),
   * nor {@code web}, {@code app} or {@code other}, whose contacts are with a person only when an
   * agent is recorded ({@code agent_id}).
   */
  public static final List<String> PERSON_CHANNELS =
      List.of("phone", "chat", "email", "social", "store");

  /** The automated channel: a contact there is never with a person. */
  public static final String AUTOMATED_CHANNEL = "ivr";

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
