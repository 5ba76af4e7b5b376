package io.effortlens.generate;

/** Deterministic, globally unique identifiers: prefix + customer index + per-customer sequence. */
final class Ids {
  private Ids() {}

  static String pad(long value, int width) {
    String digits = Long.toString(value);
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }

  static String of(String prefix, long customerIndex, long sequence, int sequenceWidth) {
    return prefix + pad(customerIndex, 7) + pad(sequence, sequenceWidth);
  }

  /** SplitMix64 finaliser: seeds one customer's generator from the run seed and its index. */
  static long customerSeed(long seed, long customerIndex) {
    long z = seed * 0x9E3779B97F4A7C15L + customerIndex + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
