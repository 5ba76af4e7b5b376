package io.effortlens.generate;

import java.util.SplittableRandom;

/** Poisson draws from a seeded generator (Knuth for small means, normal approximation above). */
final class Poisson {
  private Poisson() {}

  static int draw(double mean, SplittableRandom rng) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = rng.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      n++;
    }
    return n;
  }
}
