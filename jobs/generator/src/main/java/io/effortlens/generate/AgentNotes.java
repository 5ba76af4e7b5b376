package io.effortlens.generate;

import java.util.SplittableRandom;

/** Free-text agent notes; some mention the caller by name (personal data in free text). */
final class AgentNotes {
  private static final String[] OPENINGS = {
    "%s called about %s.",
    "Caller %s verified, issue: %s.",
    "Customer asked about %s.",
    "Spoke with %s regarding %s.",
    "Follow-up on %s."
  };

  private AgentNotes() {}

  static String write(CustomerProfile profile, Touches.Contact c, SplittableRandom rng) {
    int template = rng.nextInt(OPENINGS.length);
    String name = rng.nextBoolean() ? profile.firstName() : profile.fullName();
    String topic = c.intent().code().replace('_', ' ');
    String opening =
        template == 2 || template == 4
            ? String.format(OPENINGS[template], topic)
            : String.format(OPENINGS[template], name, topic);
    return opening + " " + outcome(c);
  }

  private static String outcome(Touches.Contact c) {
    if (c.resolved()) {
      return c.transfers() > 0 ? "Resolved after transfer." : "Resolved.";
    }
    if (c.repeatedInfo()) {
      return "Customer had to repeat details, follow-up needed.";
    }
    return c.gaveUp() ? "Customer frustrated, no resolution." : "Pending, customer will get back.";
  }
}
