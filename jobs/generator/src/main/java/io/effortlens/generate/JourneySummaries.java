package io.effortlens.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Folds a customer's surviving touches into one canonical summary per journey. */
final class JourneySummaries {
  private JourneySummaries() {}

  /** One journey: its first touch, assisted contacts and effort facts. */
  record Summary(
      int journey,
      Intent intent,
      long startMs,
      int assistedContacts,
      int transfers,
      int repeatedInfoContacts,
      int channelSwitches,
      boolean hasSelfService,
      boolean resolved,
      boolean gaveUp) {

    /** Adds a contact; a successful self-service attempt no longer counts once agents step in. */
    Summary plus(Touches.Contact c) {
      boolean assisted = !c.isIvr();
      boolean resolvedBefore = assisted && assistedContacts == 0 ? false : resolved;
      return new Summary(
          journey,
          intent,
          Math.min(startMs, c.startMs()),
          assistedContacts + (assisted ? 1 : 0),
          transfers + c.transfers(),
          repeatedInfoContacts + (c.repeatedInfo() ? 1 : 0),
          channelSwitches + (c.channelSwitch() ? 1 : 0),
          hasSelfService,
          resolvedBefore || c.resolved(),
          gaveUp || c.gaveUp());
    }
  }

  static List<Summary> of(CustomerHistory history) {
    TreeMap<Integer, Summary> byJourney = new TreeMap<>();
    for (Touches.SelfService s : history.selfService) {
      byJourney.put(
          s.journey(),
          new Summary(s.journey(), s.intent(), s.ms(), 0, 0, 0, 0, true, !s.failed(), false));
    }
    for (Touches.Contact c : history.contacts) {
      Summary empty =
          new Summary(c.journey(), c.intent(), c.startMs(), 0, 0, 0, 0, false, false, false);
      Summary current = byJourney.getOrDefault(c.journey(), empty);
      byJourney.put(c.journey(), current.plus(c));
    }
    return new ArrayList<>(byJourney.values());
  }
}
