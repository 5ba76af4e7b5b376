package io.effortlens.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts drawn in Java from small aggregates: horizontal bars with 95% whiskers and line
 * charts. Every chart has a title, axis labels with units and a legend; every drawn data element
 * has class {@code mark} (the report test checks that no chart is empty). Texts from data are
 * escaped. A chart without data is a programming error: callers show a note instead.
 */
final class Svg {
  static final String[] COLORS = {
    "#2f6fb5", "#e07b39", "#3a9d5d", "#c23b3b", "#7b5ea7", "#8c6d46", "#d25fa8", "#6c7a89"
  };
  private static final int WIDTH = 720;
  private static final int LEFT = 190;
  private static final int RIGHT = 30;

  record Bar(String label, int series, double value, double low, double high) {}

  record Point(double x, double y) {}

  record Series(String name, List<Point> points) {}

  /** An axis: label with unit, range and tick text. */
  record Axis(String label, double min, double max, DoubleFunction<String> tick) {
    double scale(double v, double from, double to) {
      double span = max - min == 0 ? 1 : max - min;
      return from + (v - min) / span * (to - from);
    }
  }

  private Svg() {}

  /**
   * Horizontal bars from {@code reference} to each value, with whiskers where low/high are finite.
   */
  static String bars(
      String title, Axis axis, List<Bar> bars, List<String> seriesNames, double reference) {
    require(!bars.isEmpty(), title);
    int rowHeight = 26;
    int top = 40 + (seriesNames.size() > 1 ? 22 : 0);
    int plotBottom = top + rowHeight * bars.size();
    StringBuilder svg = open(title, plotBottom + 50);
    legend(svg, seriesNames, 30);
    xAxis(svg, axis, top, plotBottom);
    double ref = axis.scale(reference, LEFT, WIDTH - RIGHT);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = top + rowHeight * i + 4;
      double x = axis.scale(bar.value(), LEFT, WIDTH - RIGHT);
      String color = COLORS[bar.series() % COLORS.length];
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
              Math.min(x, ref),
              y,
              Math.max(1.0, Math.abs(x - ref)),
              rowHeight - 8,
              color));
      if (Double.isFinite(bar.low()) && Double.isFinite(bar.high())) {
        double lo = axis.scale(bar.low(), LEFT, WIDTH - RIGHT);
        double hi = axis.scale(bar.high(), LEFT, WIDTH - RIGHT);
        double mid = y + (rowHeight - 8) / 2.0;
        svg.append(
            String.format(
                Locale.ROOT,
                "<path class=\"whisker\" d=\"M%.1f,%.1f H%.1f M%.1f,%.1f V%.1f M%.1f,%.1f V%.1f\" stroke=\"#1f2933\" fill=\"none\"/>",
                lo,
                mid,
                hi,
                lo,
                mid - 5,
                mid + 5,
                hi,
                mid - 5,
                mid + 5));
      }
      svg.append(text(LEFT - 8, y + rowHeight / 2.0, shorten(bar.label(), 30), "end"));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
            ref,
            top,
            ref,
            plotBottom));
    return svg.append("</svg>").toString();
  }

  /** Lines over a shared x and y axis; {@code diagonal} draws the y = x reference. */
  static String lines(String title, Axis x, Axis y, List<Series> series, boolean diagonal) {
    require(series.stream().anyMatch(s -> !s.points().isEmpty()), title);
    int top = 54;
    int bottom = 300;
    StringBuilder svg = open(title, bottom + 50);
    legend(svg, series.stream().map(Series::name).toList(), 30);
    xAxis(svg, x, top, bottom);
    yAxis(svg, y, top, bottom);
    if (diagonal) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" stroke-dasharray=\"4 3\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
              x.scale(x.min(), LEFT, WIDTH - RIGHT),
              y.scale(y.min(), bottom, top),
              x.scale(x.max(), LEFT, WIDTH - RIGHT),
              y.scale(y.max(), bottom, top)));
    }
    for (int i = 0; i < series.size(); i++) {
      StringBuilder points = new StringBuilder();
      for (Point p : series.get(i).points()) {
        points.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                x.scale(p.x(), LEFT, WIDTH - RIGHT),
                y.scale(p.y(), bottom, top)));
      }
      String color = COLORS[i % COLORS.length];
      svg.append("<polyline class=\"mark\" fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(color)
          .append("\" points=\"")
          .append(points.toString().strip())
          .append("\"/>");
      if (series.get(i).points().size() <= 24) {
        for (Point p : series.get(i).points()) {
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<circle class=\"mark\" r=\"3\" cx=\"%.1f\" cy=\"%.1f\" fill=\"%s\"/>",
                  x.scale(p.x(), LEFT, WIDTH - RIGHT),
                  y.scale(p.y(), bottom, top),
                  color));
        }
      }
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int height) {
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
            WIDTH,
            height,
            WIDTH,
            height,
            Html.escape(title)));
    return svg.append(text(10, 18, title, "")).append("\n");
  }

  private static void xAxis(StringBuilder svg, Axis axis, int top, int bottom) {
    for (int i = 0; i <= 5; i++) {
      double v = axis.min() + (axis.max() - axis.min()) * i / 5.0;
      double x = axis.scale(v, LEFT, WIDTH - RIGHT);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
              x,
              top,
              x,
              bottom));
      svg.append(text(x, bottom + 16, axis.tick().apply(v), "middle"));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
            LEFT,
            bottom,
            WIDTH - RIGHT,
            bottom));
    svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, bottom + 38, axis.label(), "middle"));
  }

  private static void yAxis(StringBuilder svg, Axis axis, int top, int bottom) {
    for (int i = 0; i <= 5; i++) {
      double v = axis.min() + (axis.max() - axis.min()) * i / 5.0;
      double y = axis.scale(v, bottom, top);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
              LEFT,
              y,
              WIDTH - RIGHT,
              y));
      svg.append(text(LEFT - 6, y + 4, axis.tick().apply(v), "end"));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
            LEFT,
            top,
            LEFT,
            bottom));
    double mid = (top + bottom) / 2.0;
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 %d %.1f)\">%s</text>",
            LEFT - 60,
            mid,
            LEFT - 60,
            mid,
            Html.escape(axis.label())));
  }

  private static void legend(StringBuilder svg, List<String> names, int y) {
    if (names.size() < 2) {
      return;
    }
    double x = LEFT;
    for (int i = 0; i < names.size(); i++) {
      legendItem(svg, x, y, COLORS[i % COLORS.length], names.get(i));
      x += 26 + 7 * Math.min(names.get(i).length(), 24);
    }
  }

  private static void legendItem(
      StringBuilder svg, double x, double y, String color, String label) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"legend\" x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>",
            x,
            y - 10,
            color));
    svg.append(text(x + 18, y, shorten(label, 40), ""));
  }

  private static String text(double x, double y, String content, String anchor) {
    String anchorAttr = anchor.isEmpty() ? "" : " text-anchor=\"" + anchor + "\"";
    String cls = y < 20 ? " class=\"title\"" : "";
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\"%s%s>%s</text>",
        x,
        y,
        anchorAttr,
        cls,
        Html.escape(content));
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
