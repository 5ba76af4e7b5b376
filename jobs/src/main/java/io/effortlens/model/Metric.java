package io.effortlens.model;

/**
 * One model_metrics value before it gets its model_version: {@code bin} is null except for
 * calibration bins (1..10) and chart points (0..n).
 */
public record Metric(String model, String period, String metric, Integer bin, double value) {
  static Metric of(String model, String metric, double value) {
    return new Metric(model, "test", metric, null, value);
  }

  static Metric binned(String model, String metric, int bin, double value) {
    return new Metric(model, "test", metric, bin, value);
  }
}
