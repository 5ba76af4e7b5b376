package io.effortlens.generate;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Simulates one customer from the run seed and the customer's index alone, so customers can be
 * simulated in any order, on any executor, with the same result.
 */
final class CustomerSimulator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final Horizon horizon;
  private final double delightRateScale;

  CustomerSimulator(long seed, Horizon horizon, double delightRateScale) {
    this.seed = seed;
    this.horizon = horizon;
    this.delightRateScale = delightRateScale;
  }

  static CustomerSimulator of(GeneratorOptions options) {
    return new CustomerSimulator(
        options.seed(), new Horizon(options.start(), options.months()), options.delightRateScale());
  }

  Horizon horizon() {
    return horizon;
  }

  /** The customer's whole simulated history. */
  CustomerHistory simulate(long index) {
    SplittableRandom rng = new SplittableRandom(Ids.customerSeed(seed, index));
    CustomerProfile profile = Profiles.draw(index, horizon, rng.split());
    CustomerHistory history = new CustomerHistory(profile, delightRateScale);
    new Lifecycle(horizon, history, rng.split()).run();
    DelightEffects.attach(history, horizon.endMs());
    history.sort();
    return history;
  }

  /** Only the profile (the same one {@link #simulate} draws), without running the months. */
  CustomerHistory profile(long index) {
    SplittableRandom rng = new SplittableRandom(Ids.customerSeed(seed, index));
    return new CustomerHistory(Profiles.draw(index, horizon, rng.split()), delightRateScale);
  }
}
