package io.effortlens.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything simulated for one customer: the profile and every touch, action, account event and
 * at-risk month. Mutable while the simulation runs; sorted by time and sequence at the end.
 */
final class CustomerHistory {
  final CustomerProfile profile;

  /** Multiplies the chance of a delight action after a contact (1 = standard scenario). */
  final double delightRateScale;

  final List<Touches.Contact> contacts = new ArrayList<>();
  final List<Touches.Action> actions = new ArrayList<>();
  final List<Touches.AccountEvent> events = new ArrayList<>();
  final List<Touches.SelfService> selfService = new ArrayList<>();
  final List<Touches.Activity> activity = new ArrayList<>();
  final List<Touches.Month> months = new ArrayList<>();
  private long seq;
  private int journeys;

  CustomerHistory(CustomerProfile profile, double delightRateScale) {
    this.profile = profile;
    this.delightRateScale = delightRateScale;
  }

  long nextSeq() {
    return ++seq;
  }

  int nextJourney() {
    return ++journeys;
  }

  /** Drops everything at or after {@code ms}: the customer is gone. */
  void truncateFrom(long ms) {
    contacts.removeIf(c -> c.startMs() >= ms);
    actions.removeIf(a -> a.ms() >= ms);
    events.removeIf(e -> e.ms() >= ms);
    selfService.removeIf(s -> s.ms() >= ms);
    activity.removeIf(a -> a.ms() >= ms);
  }

  void sort() {
    contacts.sort(
        Comparator.comparingLong(Touches.Contact::startMs).thenComparingLong(Touches.Contact::seq));
    actions.sort(
        Comparator.comparingLong(Touches.Action::ms).thenComparingLong(Touches.Action::seq));
    events.sort(
        Comparator.comparingLong(Touches.AccountEvent::ms)
            .thenComparingLong(Touches.AccountEvent::seq));
    selfService.sort(
        Comparator.comparingLong(Touches.SelfService::ms)
            .thenComparingLong(Touches.SelfService::seq));
    activity.sort(
        Comparator.comparingLong(Touches.Activity::ms).thenComparingLong(Touches.Activity::seq));
  }
}
