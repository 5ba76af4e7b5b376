package io.effortlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.report.Intervals.Estimate;
import org.junit.jupiter.api.Test;

/** The interval formulas against published values. */
class IntervalsTest {
  @Test
  void wilsonMatchesTheTextbookValues() {
    // Newcombe (1998), table I: 81/263 -> 0.2553 to 0.3662; 0/10 -> 0 to 0.2775
    Estimate a = Intervals.wilson(81, 263);
    assertEquals(0.2553, a.low(), 1e-4);
    assertEquals(0.3662, a.high(), 1e-4);
    Estimate zero = Intervals.wilson(0, 10);
    assertEquals(0.0, zero.low(), 1e-12);
    assertEquals(0.2775, zero.high(), 1e-4);
  }

  @Test
  void newcombeMatchesTheTextbookValue() {
    // Newcombe (1998), method 10, example 56/70 - 48/80: 0.0524 to 0.3339
    Estimate d = Intervals.newcombe(56, 70, 48, 80);
    assertEquals(0.2, d.value(), 1e-12);
    assertEquals(0.0524, d.low(), 1e-4);
    assertEquals(0.3339, d.high(), 1e-4);
  }

  @Test
  void correlationIntervalIsFisherZAndUndefinedForTinySamples() {
    Estimate r = Intervals.correlation(103, 0.5);
    assertEquals(Math.tanh(0.5493061 - 1.959964 / 10), r.low(), 1e-6);
    assertEquals(Math.tanh(0.5493061 + 1.959964 / 10), r.high(), 1e-6);
    assertTrue(Double.isNaN(Intervals.correlation(3, 0.9).low()));
    assertTrue(Double.isNaN(Intervals.wilson(0, 0).value()));
  }
}
