package io.effortlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.report.Svg.Axis;
import io.effortlens.report.Svg.Bar;
import io.effortlens.report.Svg.BarChart;
import io.effortlens.report.Svg.BarMark;
import io.effortlens.report.Svg.LineChart;
import io.effortlens.report.Svg.Point;
import io.effortlens.report.Svg.Series;
import io.effortlens.report.Svg.Whisker;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The chart geometry computed in Java: bar lengths, whiskers, ticks, legend and line points. */
class SvgTest {
  private static final Axis PERCENT = new Axis("share (%)", 0, 100, v -> Cells.fixed(v, 0));

  @Test
  void barRunsFromTheReferenceToItsValueWithItsWhisker() {
    BarChart chart =
        Svg.bars(
            "t",
            PERCENT,
            List.of(new Bar("a", 0, 50, 40, 60), new Bar("b", 1, -10, Double.NaN, 0)),
            List.of("share"),
            0);
    // the plot spans x 190..690 for 0..100: 5 px per percent
    BarMark a = chart.bars().get(0);
    assertEquals(190, a.x(), 1e-9);
    assertEquals(250, a.width(), 1e-9);
    assertEquals(44, a.y(), 1e-9);
    assertEquals(18, a.height());
    assertEquals(new Whisker(390, 490, 53, 48, 58), a.whisker().orElseThrow());
    assertEquals("a", a.label().text());
    assertEquals("end", a.label().anchor());
    BarMark b = chart.bars().get(1);
    assertEquals(140, b.x(), 1e-9, "a negative bar starts at its value");
    assertEquals(50, b.width(), 1e-9);
    assertTrue(b.whisker().isEmpty(), "no whisker without both ends");
    assertEquals(Svg.COLORS[1], b.color());
    assertEquals(List.of(), chart.legend(), "one series: no legend");
    assertEquals(40 + 2 * 26 + 50, chart.height());
    assertEquals(190, chart.reference().x1(), 1e-9);
  }

  @Test
  void axisHasSixTicksWithTheirLabelsAndTheAxisLabel() {
    BarChart chart = Svg.bars("t", PERCENT, List.of(new Bar("a", 0, 1, 0, 2)), List.of("x"), 0);
    assertEquals(
        List.of("0", "20", "40", "60", "80", "100"),
        chart.xAxis().ticks().stream().map(t -> t.label().text()).toList());
    assertEquals(290, chart.xAxis().ticks().get(1).grid().x1(), 1e-9);
    assertEquals("share (%)", chart.xAxis().label().text());
    assertTrue(chart.title().title(), "the chart title is styled as a title");
  }

  @Test
  void twoSeriesGetALegendAndLongLabelsAreShortened() {
    String longLabel = "a".repeat(40);
    BarChart chart =
        Svg.bars(
            "t",
            PERCENT,
            List.of(new Bar(longLabel, 0, 1, 0, 2), new Bar("b", 1, 1, 0, 2)),
            List.of("causal", "naive"),
            0);
    assertEquals(2, chart.legend().size());
    assertEquals(190 + 26 + 7 * 6, chart.legend().get(1).x(), 1e-9);
    assertEquals("a".repeat(29) + "\u2026", chart.bars().get(0).label().text());
    assertEquals(40 + 22 + 4, chart.bars().get(0).y(), 1e-9, "the legend pushes bars down");
  }

  @Test
  void linesScalePointsAndDotOnlyShortSeries() {
    Axis unit = new Axis("x", 0, 1, v -> Cells.fixed(v, 1));
    List<Point> many = IntStream.range(0, 25).mapToObj(i -> new Point(i / 24.0, 0.5)).toList();
    LineChart chart =
        Svg.lines(
            "t",
            unit,
            unit,
            List.of(
                new Series("short", List.of(new Point(0, 0), new Point(1, 1))),
                new Series("long", many)),
            true);
    assertEquals("190.0,300.0 690.0,54.0", chart.series().get(0).polyline());
    assertEquals(2, chart.series().get(0).dots().size());
    assertEquals(List.of(), chart.series().get(1).dots(), "no dots over 24 points");
    assertEquals(new Svg.Line(190, 300, 690, 54), chart.diagonal().orElseThrow());
    assertTrue(chart.yAxis().label().rotated());
    assertEquals(2, chart.legend().size());
  }

  @Test
  void aChartWithoutDataIsAProgrammingError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Svg.bars("t", PERCENT, List.of(), List.of(), 0));
    assertEquals("chart 't' has no data", e.getMessage());
  }
}
