package io.effortlens.report;

/**
 * 95% intervals computed on the driver from counts and moments (never from customer rows): Wilson
 * score for a share, Newcombe's hybrid score for a difference of shares, normal for a mean, Fisher
 * z for a correlation.
 */
final class Intervals {
  static final double Z95 = 1.959963984540054;

  /** An estimate with its interval; NaN ends when undefined. */
  record Estimate(double value, double low, double high) {}

  private Intervals() {}

  /** Wilson score interval of successes / n. */
  static Estimate wilson(long successes, long n) {
    if (n <= 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN);
    }
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double center = (p + z2 / (2.0 * n)) / (1 + z2 / n);
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new Estimate(p, Math.max(0, center - half), Math.min(1, center + half));
  }

  /** Newcombe (method 10) interval of the difference p_a - p_b. */
  static Estimate newcombe(long successesA, long nA, long successesB, long nB) {
    Estimate a = wilson(successesA, nA);
    Estimate b = wilson(successesB, nB);
    double d = a.value() - b.value();
    double low = d - Math.sqrt(square(a.value() - a.low()) + square(b.high() - b.value()));
    double high = d + Math.sqrt(square(a.high() - a.value()) + square(b.value() - b.low()));
    return new Estimate(d, low, high);
  }

  /** Normal interval of a mean from n, mean and sample standard deviation. */
  static Estimate mean(long n, double mean, double stddev) {
    if (n < 2 || Double.isNaN(stddev)) {
      return new Estimate(n > 0 ? mean : Double.NaN, Double.NaN, Double.NaN);
    }
    double half = Z95 * stddev / Math.sqrt(n);
    return new Estimate(mean, mean - half, mean + half);
  }

  /** Fisher z interval of a Pearson correlation over n pairs. */
  static Estimate correlation(long n, double r) {
    if (n < 4 || Double.isNaN(r)) {
      return new Estimate(r, Double.NaN, Double.NaN);
    }
    double bounded = Math.max(-0.999999, Math.min(0.999999, r));
    double z = 0.5 * Math.log((1 + bounded) / (1 - bounded));
    double half = Z95 / Math.sqrt(n - 3.0);
    return new Estimate(r, Math.tanh(z - half), Math.tanh(z + half));
  }

  private static double square(double x) {
    return x * x;
  }
}
