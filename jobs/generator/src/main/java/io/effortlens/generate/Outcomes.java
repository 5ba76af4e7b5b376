package io.effortlens.generate;

import java.util.SplittableRandom;

/**
 * What follows a contact: the agent's notes, a survey answer (more likely after very good or very
 * bad experiences), a delight action (targeted at customers who already had high effort) and, for
 * resolved plan changes, the account event.
 */
final class Outcomes {
  private static final double SURVEY_RATE = 0.08;
  private static final double SURVEY_RATE_EXTREME = 0.25;

  private final CustomerHistory history;
  private final SplittableRandom rng;

  Outcomes(CustomerHistory history, SplittableRandom rng) {
    this.history = history;
    this.rng = rng;
  }

  Touches.Contact complete(Journeys.JourneyState state, Touches.Contact c) {
    Touches.Survey survey = survey(state, c);
    String notes = AgentNotes.write(history.profile, c, rng);
    delight(state, c);
    planChange(c);
    return new Touches.Contact(
        c.startMs(),
        c.endMs(),
        c.seq(),
        c.journey(),
        c.intent(),
        c.channel(),
        c.ticket(),
        c.reason(),
        c.legs(),
        c.resolved(),
        c.repeatedInfo(),
        survey,
        notes,
        c.repeat(),
        c.channelSwitch(),
        c.gaveUp());
  }

  private Touches.Survey survey(Journeys.JourneyState state, Touches.Contact c) {
    boolean veryGood = c.resolved() && !c.repeat() && c.transfers() == 0 && !c.repeatedInfo();
    boolean veryBad = state.effort >= 3 || c.gaveUp();
    if (rng.nextDouble() >= (veryGood || veryBad ? SURVEY_RATE_EXTREME : SURVEY_RATE)) {
      return null;
    }
    double cesRaw = 6.3 - 0.9 * state.effort - (c.resolved() ? 0 : 1) + 0.8 * rng.nextGaussian();
    int ces = clamp(cesRaw, 1, 7);
    int csat = clamp(1 + (ces - 1) * 4.0 / 6.0 + 0.6 * rng.nextGaussian(), 1, 5);
    double npsRaw = history.profile.disposition() + (csat - 3) * 1.2 + 1.2 * rng.nextGaussian();
    long delay =
        rng.nextDouble() < 0.65
            ? (1 + rng.nextInt(90)) * 60_000L
            : (1 + rng.nextInt(5)) * Horizon.DAY_MS + rng.nextInt(86_400) * 1000L;
    return new Touches.Survey(ces, csat, clamp(npsRaw, 0, 10), c.endMs() + delay);
  }

  private void delight(Journeys.JourneyState state, Touches.Contact c) {
    if (state.delighted) {
      return;
    }
    double recent = Math.min(10, DriverWindow.effortCount(history, c.startMs()));
    double rate =
        Math.min(0.5, history.delightRateScale * (0.01 + 0.035 * state.effort + 0.02 * recent));
    if (rng.nextDouble() >= rate) {
      return;
    }
    state.delighted = true;
    Intent.Delight type = c.intent().delight(rng.nextInt(2));
    long ms = c.endMs() + (2 + rng.nextInt(30)) * 60_000L;
    String ticket = rng.nextDouble() < 0.8 ? state.ticket : null;
    String reason = rng.nextDouble() < 0.9 ? c.intent().code() : null;
    history.actions.add(
        new Touches.Action(
            ms,
            history.nextSeq(),
            c.journey(),
            type,
            type.value(rng.nextDouble()),
            ticket,
            reason));
  }

  private void planChange(Touches.Contact c) {
    if (c.intent() != Intent.PLAN_CHANGE || !c.resolved() || rng.nextDouble() >= 0.6) {
      return;
    }
    long ms = c.endMs() + (1 + rng.nextInt(60)) * 60_000L;
    Touches.AccountEvent current = DriverWindow.currentPlan(history, ms);
    boolean up =
        current.plan() != Plan.PREMIUM && (current.plan() == Plan.BASIC || rng.nextBoolean());
    Plan plan = up ? current.plan().up() : current.plan().down();
    double fee =
        Math.round(current.fee() * plan.listPrice() / current.plan().listPrice() * 100.0) / 100.0;
    history.events.add(
        new Touches.AccountEvent(
            ms, history.nextSeq(), up ? "UPGRADE_PLAN" : "DOWNGRADE", plan, fee));
  }

  private static int clamp(double value, int min, int max) {
    return (int) Math.max(min, Math.min(max, Math.round(value)));
  }
}
