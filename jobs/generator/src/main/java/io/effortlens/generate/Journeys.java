package io.effortlens.generate;

import java.util.SplittableRandom;

/**
 * Simulates one service journey: an optional self-service attempt, then assisted contacts (IVR in
 * front of some phone calls) until the issue is resolved, the customer gives up, or the horizon
 * ends. Records go straight into the customer's history.
 */
final class Journeys {
  static final double TICKET_SHARE = 0.70;
  static final int MAX_CONTACTS = 6;
  private static final double SELF_SERVICE_OK = 0.40;
  private static final double SELF_SERVICE_RESOLVES = 0.60;
  private static final double STAY_ON_CHANNEL = 0.80;

  private final CustomerHistory history;
  private final SplittableRandom rng;
  private final long endMs;
  private final ContactFactory contacts;

  Journeys(CustomerHistory history, SplittableRandom rng, long endMs) {
    this.history = history;
    this.rng = rng;
    this.endMs = endMs;
    this.contacts = new ContactFactory(history, rng);
  }

  /** Runs one journey starting at {@code startMs}; true when the customer gave up unresolved. */
  boolean run(Intent intent, long startMs) {
    JourneyState state = new JourneyState(history.nextJourney(), intent, history.profile.index());
    long t = startMs;
    if (rng.nextDouble() < intent.selfServiceFirst()) {
      boolean ok = selfService(state, t);
      if (ok && rng.nextDouble() < SELF_SERVICE_RESOLVES) {
        return false;
      }
      t += 1000L * (120 + rng.nextInt(4 * 3600));
    }
    Channel channel = firstChannel();
    for (int k = 1; k <= MAX_CONTACTS && t < endMs; k++) {
      Touches.Contact contact = contacts.assisted(state, channel, t, k == MAX_CONTACTS);
      if (contact.resolved() || contact.gaveUp()) {
        return contact.gaveUp();
      }
      t = Clock.later(contact.endMs(), rng.nextInt(7), rng);
      channel = nextChannel(channel);
    }
    return false;
  }

  private boolean selfService(JourneyState state, long t) {
    double u = rng.nextDouble();
    String status =
        u < SELF_SERVICE_OK ? "ok" : (u < SELF_SERVICE_OK + 0.25 ? "error" : "abandoned");
    String platform = rng.nextDouble() < 0.3 ? "web" : history.profile.platform();
    String event = state.intent.selfServiceEvent(rng.nextInt(2));
    history.selfService.add(
        new Touches.SelfService(
            t, history.nextSeq(), state.journey, state.intent, platform, event, status));
    state.previous = Channel.SELF_SERVICE;
    state.effort += "ok".equals(status) ? 0 : 1;
    return "ok".equals(status);
  }

  private Channel firstChannel() {
    double u = rng.nextDouble();
    for (Channel channel : Channel.ASSISTED) {
      u -= channel.firstChoice();
      if (u < 0) {
        return channel;
      }
    }
    return Channel.PHONE;
  }

  private Channel nextChannel(Channel current) {
    if (rng.nextDouble() < STAY_ON_CHANNEL) {
      return current;
    }
    Channel next = current;
    while (next == current) {
      next = firstChannel();
    }
    return next;
  }

  /** What the contacts of a journey share while it runs. */
  static final class JourneyState {
    final int journey;
    final Intent intent;
    final String ticket;
    Channel previous;
    int assisted;
    double effort;
    boolean delighted;

    JourneyState(int journey, Intent intent, long customerIndex) {
      this.journey = journey;
      this.intent = intent;
      this.ticket = Ids.of("T", customerIndex, journey, 3);
    }
  }
}
