package io.effortlens.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * The geometry of the report's inline SVG charts, computed from small aggregates: horizontal bars
 * with 95% whiskers ({@link #bars}) and line charts ({@link #lines}). Every chart has a title, axis
 * labels with units and a legend; the markup is in the templates {@code bars} and {@code lines},
 * where every drawn data element has class {@code mark} (the report test checks that no chart is
 * empty). A chart without data is a programming error: callers show a note instead.
 */
final class Svg {
  static final String[] COLORS = {
    "#2f6fb5", "#e07b39", "#3a9d5d", "#c23b3b", "#7b5ea7", "#8c6d46", "#d25fa8", "#6c7a89"
  };
  static final int WIDTH = 720;
  static final int LEFT = 190;
  static final int RIGHT = 30;
  private static final int ROW_HEIGHT = 26;
  private static final int BAR_HEIGHT = ROW_HEIGHT - 8;

  record Bar(String label, int series, double value, double low, double high) {}

  record Point(double x, double y) {}

  record Series(String name, List<Point> points) {}

  /** An axis: label with unit, range and tick text. */
  record Axis(String label, double min, double max, DoubleFunction<String> tick) {
    double scale(double v, double from, double to) {
      double span = max - min == 0 ? 1 : max - min;
      return from + (v - min) / span * (to - from);
    }

    double value(int tick) {
      return min + (max - min) * tick / 5.0;
    }
  }

  /** A text at (x, y); {@code anchor} null for the start; a title above y 20; rotated -90°. */
  record Text(double x, double y, String anchor, boolean title, boolean rotated, String text) {
    static Text at(double x, double y, String text, String anchor) {
      return new Text(x, y, anchor, y < 20, false, text);
    }
  }

  record Line(double x1, double y1, double x2, double y2) {}

  /** A tick: its grid line across the plot and its label. */
  record Tick(Line grid, Text label) {}

  record AxisMarks(List<Tick> ticks, Line axis, Text label) {}

  record Legend(double x, double y, String color, Text label) {}

  /** A whisker from {@code low} to {@code high} at height {@code mid}, with end caps. */
  record Whisker(double low, double high, double mid, double capTop, double capBottom) {}

  record BarMark(
      double x,
      double y,
      double width,
      int height,
      String color,
      Optional<Whisker> whisker,
      Text label) {}

  record BarChart(
      int width,
      int height,
      Text title,
      List<Legend> legend,
      AxisMarks xAxis,
      List<BarMark> bars,
      Line reference) {}

  /** One series: its polyline and, when it has at most 24 points, a dot per point. */
  record SeriesMarks(String color, List<Point> points, List<Point> dots) {
    /** The polyline's points attribute: "x,y x,y …". */
    String polyline() {
      List<String> pairs = new ArrayList<>();
      points.forEach(p -> pairs.add(Cells.fixed(p.x(), 1) + "," + Cells.fixed(p.y(), 1)));
      return String.join(" ", pairs);
    }
  }

  record LineChart(
      int width,
      int height,
      Text title,
      List<Legend> legend,
      AxisMarks xAxis,
      AxisMarks yAxis,
      Optional<Line> diagonal,
      List<SeriesMarks> series) {}

  private Svg() {}

  /** Horizontal bars from {@code reference} to each value, whiskers where low/high are finite. */
  static BarChart bars(
      String title, Axis axis, List<Bar> bars, List<String> seriesNames, double reference) {
    require(!bars.isEmpty(), title);
    int top = 40 + (seriesNames.size() > 1 ? 22 : 0);
    int plotBottom = top + ROW_HEIGHT * bars.size();
    double ref = axis.scale(reference, LEFT, WIDTH - RIGHT);
    List<BarMark> marks = new ArrayList<>();
    for (int i = 0; i < bars.size(); i++) {
      marks.add(barMark(axis, bars.get(i), top + ROW_HEIGHT * i + 4, ref));
    }
    return new BarChart(
        WIDTH,
        plotBottom + 50,
        Text.at(10, 18, title, null),
        legend(seriesNames, 30),
        xAxis(axis, top, plotBottom),
        marks,
        new Line(ref, top, ref, plotBottom));
  }

  private static BarMark barMark(Axis axis, Bar bar, double y, double ref) {
    double x = axis.scale(bar.value(), LEFT, WIDTH - RIGHT);
    Optional<Whisker> whisker = Optional.empty();
    if (Double.isFinite(bar.low()) && Double.isFinite(bar.high())) {
      double mid = y + BAR_HEIGHT / 2.0;
      whisker =
          Optional.of(
              new Whisker(
                  axis.scale(bar.low(), LEFT, WIDTH - RIGHT),
                  axis.scale(bar.high(), LEFT, WIDTH - RIGHT),
                  mid,
                  mid - 5,
                  mid + 5));
    }
    return new BarMark(
        Math.min(x, ref),
        y,
        Math.max(1.0, Math.abs(x - ref)),
        BAR_HEIGHT,
        COLORS[bar.series() % COLORS.length],
        whisker,
        Text.at(LEFT - 8, y + ROW_HEIGHT / 2.0, shorten(bar.label(), 30), "end"));
  }

  /** Lines over a shared x and y axis; {@code diagonal} draws the y = x reference. */
  static LineChart lines(String title, Axis x, Axis y, List<Series> series, boolean diagonal) {
    require(series.stream().anyMatch(s -> !s.points().isEmpty()), title);
    int top = 54;
    int bottom = 300;
    List<SeriesMarks> marks = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      List<Point> points =
          series.get(i).points().stream()
              .map(p -> new Point(x.scale(p.x(), LEFT, WIDTH - RIGHT), y.scale(p.y(), bottom, top)))
              .toList();
      marks.add(
          new SeriesMarks(
              COLORS[i % COLORS.length], points, points.size() <= 24 ? points : List.of()));
    }
    Optional<Line> reference =
        diagonal
            ? Optional.of(
                new Line(
                    x.scale(x.min(), LEFT, WIDTH - RIGHT),
                    y.scale(y.min(), bottom, top),
                    x.scale(x.max(), LEFT, WIDTH - RIGHT),
                    y.scale(y.max(), bottom, top)))
            : Optional.empty();
    return new LineChart(
        WIDTH,
        bottom + 50,
        Text.at(10, 18, title, null),
        legend(series.stream().map(Series::name).toList(), 30),
        xAxis(x, top, bottom),
        yAxis(y, top, bottom),
        reference,
        marks);
  }

  private static AxisMarks xAxis(Axis axis, int top, int bottom) {
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= 5; i++) {
      double v = axis.value(i);
      double x = axis.scale(v, LEFT, WIDTH - RIGHT);
      ticks.add(
          new Tick(
              new Line(x, top, x, bottom),
              Text.at(x, bottom + 16, axis.tick().apply(v), "middle")));
    }
    return new AxisMarks(
        ticks,
        new Line(LEFT, bottom, WIDTH - RIGHT, bottom),
        Text.at((LEFT + WIDTH - RIGHT) / 2.0, bottom + 38, axis.label(), "middle"));
  }

  private static AxisMarks yAxis(Axis axis, int top, int bottom) {
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= 5; i++) {
      double v = axis.value(i);
      double y = axis.scale(v, bottom, top);
      ticks.add(
          new Tick(
              new Line(LEFT, y, WIDTH - RIGHT, y),
              Text.at(LEFT - 6, y + 4, axis.tick().apply(v), "end")));
    }
    double mid = (top + bottom) / 2.0;
    return new AxisMarks(
        ticks,
        new Line(LEFT, top, LEFT, bottom),
        new Text(LEFT - 60, mid, "middle", false, true, axis.label()));
  }

  /** One legend entry per series, only when there are two or more. */
  private static List<Legend> legend(List<String> names, int y) {
    List<Legend> legend = new ArrayList<>();
    if (names.size() < 2) {
      return legend;
    }
    double x = LEFT;
    for (int i = 0; i < names.size(); i++) {
      legend.add(
          new Legend(
              x,
              y - 10,
              COLORS[i % COLORS.length],
              Text.at(x + 18, y, shorten(names.get(i), 40), null)));
      x += 26 + 7 * Math.min(names.get(i).length(), 24);
    }
    return legend;
  }

  private static String shorten(String text, int max) {
    String t = text == null ? "" : text;
    return t.length() <= max ? t : t.substring(0, max - 1) + "\u2026";
  }

  private static void require(boolean hasData, String title) {
    if (!hasData) {
      throw new IllegalArgumentException("chart '" + title + "' has no data");
    }
  }
}
