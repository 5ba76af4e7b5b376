package io.effortlens.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Creates one assisted contact of a journey (with its IVR call, transfers, re-explanation, outcome,
 * survey and delight action) and appends the records to the customer's history.
 */
final class ContactFactory {
  static final double IVR_SHARE = 0.65;
  static final double NO_REASON_SHARE = 0.08;
  private static final String[] QUEUES = {
    "billing", "technical", "delivery", "accounts", "sales", "retention", "general"
  };

  private final CustomerHistory history;
  private final SplittableRandom rng;
  private final Outcomes outcomes;

  ContactFactory(CustomerHistory history, SplittableRandom rng) {
    this.history = history;
    this.rng = rng;
    this.outcomes = new Outcomes(history, rng);
  }

  Touches.Contact assisted(Journeys.JourneyState state, Channel channel, long t, boolean last) {
    long start = t;
    if (channel == Channel.PHONE && rng.nextDouble() < IVR_SHARE) {
      start = ivr(state, t).endMs() + (2 + rng.nextInt(20)) * 1000L;
    }
    List<Touches.Leg> legs = legs(state.intent, channel);
    boolean switched = isSwitch(state, channel);
    boolean repeat = state.assisted > 0;
    String ticket = rng.nextDouble() < Journeys.TICKET_SHARE ? state.ticket : null;
    boolean repeatedInfo = rng.nextDouble() < repeatInfoRate(legs.size(), repeat, ticket, switched);
    state.assisted++;
    state.effort +=
        (legs.size() - 1) + (repeat ? 1 : 0) + (switched ? 1 : 0) + (repeatedInfo ? 1 : 0);
    boolean resolved = rng.nextDouble() < resolveRate(channel, legs.size(), repeatedInfo);
    boolean gaveUp = !resolved && (last || rng.nextDouble() < 0.16 + 0.04 * state.assisted);
    long end = start + durationMs(legs);
    Touches.Contact contact =
        new Touches.Contact(
            start,
            end,
            history.nextSeq(),
            state.journey,
            state.intent,
            channel,
            ticket,
            reason(state.intent, channel),
            legs,
            resolved,
            repeatedInfo,
            null,
            null,
            repeat,
            switched,
            gaveUp);
    contact = outcomes.complete(state, contact);
    history.contacts.add(contact);
    return contact;
  }

  private Touches.Contact ivr(Journeys.JourneyState state, long t) {
    double seconds = 30 + rng.nextInt(150);
    List<Touches.Leg> legs = List.of(new Touches.Leg("ivr", null, 0.0, seconds));
    boolean switched = isSwitch(state, Channel.IVR);
    String ticket = rng.nextDouble() < Journeys.TICKET_SHARE ? state.ticket : null;
    Touches.Contact ivr =
        new Touches.Contact(
            t,
            t + (long) seconds * 1000L,
            history.nextSeq(),
            state.journey,
            state.intent,
            Channel.IVR,
            ticket,
            reason(state.intent, Channel.IVR),
            legs,
            false,
            false,
            null,
            null,
            state.assisted > 0,
            switched,
            false);
    history.contacts.add(ivr);
    return ivr;
  }

  private boolean isSwitch(Journeys.JourneyState state, Channel channel) {
    boolean switched = state.previous != null && state.previous.family() != channel.family();
    state.previous = channel;
    return switched;
  }

  private List<Touches.Leg> legs(Intent intent, Channel channel) {
    int transfers = 0;
    if (rng.nextDouble() < channel.transferRate()) {
      transfers = 1;
      while (transfers < 4 && rng.nextDouble() < 0.25) {
        transfers++;
      }
    }
    List<Touches.Leg> legs = new ArrayList<>(transfers + 1);
    String queue = rng.nextDouble() < 0.3 ? "general" : intent.queue();
    for (int i = 0; i <= transfers; i++) {
      legs.add(leg(channel, queue));
      queue = QUEUES[rng.nextInt(QUEUES.length)];
    }
    return legs;
  }

  private Touches.Leg leg(Channel channel, String queue) {
    double meanWait =
        switch (channel) {
          case EMAIL -> 4 * 3600.0;
          case SOCIAL -> 3600.0;
          case CHAT -> 40.0;
          default -> 60.0;
        };
    double wait = Math.round(-meanWait * Math.log(1 - rng.nextDouble()));
    double talk =
        Math.max(
            10, Math.round(channel.meanTalkSeconds() * Math.exp(0.5 * rng.nextGaussian() - 0.125)));
    return new Touches.Leg(queue, "A" + Ids.pad(rng.nextInt(1500), 4), wait, talk);
  }

  private static double repeatInfoRate(int legs, boolean repeat, String ticket, boolean switched) {
    double rate = 0.12;
    rate += legs > 1 ? 0.35 : 0;
    rate += repeat && ticket == null ? 0.25 : 0;
    rate += repeat && switched ? 0.15 : 0;
    return Math.min(0.9, rate);
  }

  private static double resolveRate(Channel channel, int legs, boolean repeatedInfo) {
    double rate = 0.58 - 0.06 * (legs - 1) - (repeatedInfo ? 0.05 : 0);
    rate -= channel == Channel.EMAIL ? 0.08 : (channel == Channel.SOCIAL ? 0.10 : 0);
    return rate;
  }

  private static long durationMs(List<Touches.Leg> legs) {
    double seconds = 0;
    for (Touches.Leg leg : legs) {
      seconds += leg.waitSeconds() + leg.talkSeconds();
    }
    return (long) seconds * 1000L;
  }

  /** The intent as the channel's system spells it; some contacts carry no reason at all. */
  private String reason(Intent intent, Channel channel) {
    if (rng.nextDouble() < NO_REASON_SHARE) {
      return null;
    }
    int casing = rng.nextDouble() < 0.15 ? rng.nextInt(3) : channel.ordinal() % 3;
    String code = intent.code();
    return switch (casing) {
      case 0 -> code.toUpperCase(Locale.ROOT);
      case 1 -> Character.toUpperCase(code.charAt(0)) + code.substring(1);
      default -> code;
    };
  }
}
