package io.effortlens.generate;

import java.time.LocalDate;
import java.util.List;

/** The simulated records of one customer, before they are rendered in vendor formats. */
final class Touches {
  private Touches() {}

  /** One agent (or IVR) segment of a contact. */
  record Leg(String queue, String agent, double waitSeconds, double talkSeconds) {}

  /** A post-contact survey; {@code answeredMs} may be days after the contact. */
  record Survey(int ces, int csat, int nps, long answeredMs) {}

  /** An assisted contact or an IVR call; the flags are the canonical effort facts. */
  record Contact(
      long startMs,
      long endMs,
      long seq,
      int journey,
      Intent intent,
      Channel channel,
      String ticket,
      String reason,
      List<Leg> legs,
      boolean resolved,
      boolean repeatedInfo,
      Survey survey,
      String notes,
      boolean repeat,
      boolean channelSwitch,
      boolean gaveUp) {

    boolean isIvr() {
      return channel == Channel.IVR;
    }

    int transfers() {
      return legs.size() - 1;
    }
  }

  /** A delight action granted by an agent. */
  record Action(
      long ms,
      long seq,
      int journey,
      Intent.Delight type,
      double value,
      String ticket,
      String reason) {}

  /** SIGNUP, CANCEL, UPGRADE_PLAN or DOWNGRADE; plan changes carry the new plan and fee. */
  record AccountEvent(long ms, long seq, String type, Plan plan, double fee) {}

  /** A self-service attempt on web or app within a journey. */
  record SelfService(
      long ms, long seq, int journey, Intent intent, String platform, String event, String status) {

    boolean failed() {
      return !"ok".equals(status);
    }
  }

  /** Weekly pre-aggregated app/web usage of one type. */
  record Activity(long ms, long seq, String platform, String event, int count) {}

  /** The planted hazard of one at-risk customer-month and what happened. */
  record Month(
      LocalDate monthStart,
      long monthStartMs,
      double[] values,
      double logit,
      double probability,
      boolean defected,
      int delightFollowups,
      double delightEffect,
      boolean isDelightSnapshot,
      double delightSnapshotEffect,
      int delightSnapshotTypes,
      double delightExpectedEffect) {

    Month withDelightEffect(double effect) {
      return new Month(
          monthStart,
          monthStartMs,
          values,
          logit,
          probability,
          defected,
          delightFollowups + 1,
          delightEffect + effect,
          isDelightSnapshot,
          delightSnapshotEffect,
          delightSnapshotTypes,
          delightExpectedEffect);
    }

    /**
     * This month as a treated snapshot: the effect as first recorded, the action types in the
     * treatment window (bit {@code ordinal} of {@link Intent.Delight}) and the expected effect of
     * {@link DelightSnapshots#expectedEffect}.
     */
    Month withDelightSnapshot(double effect, int types, double expected) {
      return new Month(
          monthStart,
          monthStartMs,
          values,
          logit,
          probability,
          defected,
          delightFollowups,
          delightEffect,
          true,
          effect,
          types,
          expected);
    }

    /** Whether an action of {@code type} lies in this snapshot's treatment window. */
    boolean hasDelightType(Intent.Delight type) {
      return (delightSnapshotTypes & (1 << type.ordinal())) != 0;
    }
  }
}
