package io.effortlens.report;

import java.util.List;

/**
 * A small HTML builder of the report page. Every text taken from data goes through {@link #escape};
 * markup made here (tags, SVG) is appended as is.
 */
final class Html {
  private final StringBuilder body = new StringBuilder();

  /** Escapes text for element content and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  Html heading(String id, String title, String intro) {
    body.append("<section id=\"").append(escape(id)).append("\">\n<h2>").append(escape(title));
    body.append("</h2>\n<p class=\"intro\">").append(escape(intro)).append("</p>\n");
    return this;
  }

  Html end() {
    body.append("</section>\n");
    return this;
  }

  /** A "not available" note naming what to run. */
  Html unavailable(String why, String command) {
    body.append("<p class=\"unavailable\">Not available: ").append(escape(why));
    body.append(" Run <code>").append(escape(command)).append("</code>.</p>\n");
    return this;
  }

  Html paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** Trusted markup made by this package (an SVG chart). */
  Html markup(String trusted) {
    body.append(trusted).append('\n');
    return this;
  }

  Html table(List<String> headers, List<List<String>> rows) {
    body.append("<table>\n<thead><tr>");
    headers.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      row.forEach(cell -> body.append("<td>").append(escape(cell)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</tbody>\n</table>\n");
    return this;
  }

  /** The whole page: inline style, no scripts, no external resources. */
  String page(String title, String subtitle) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + STYLE
        + "</style>\n</head>\n<body>\n<header><h1>"
        + escape(title)
        + "</h1>\n<p>"
        + escape(subtitle)
        + "</p></header>\n<main>\n"
        + body
        + "</main>\n</body>\n</html>\n";
  }

  private static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; }
      header { background: #243b53; color: #fff; padding: 16px 32px; }
      header h1 { margin: 0 0 4px 0; font-size: 24px; }
      main { padding: 8px 32px 32px 32px; max-width: 1100px; }
      section { background: #fff; border: 1px solid #d9e2ec; border-radius: 6px;
        padding: 12px 20px; margin: 16px 0; }
      h2 { font-size: 19px; margin: 4px 0 8px 0; }
      .intro { color: #52606d; margin-top: 0; }
      .unavailable { background: #fff8e1; border-left: 4px solid #f0b429; padding: 8px 12px; }
      table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
      th, td { border: 1px solid #d9e2ec; padding: 4px 8px; text-align: left; vertical-align: top; }
      th { background: #f0f4f8; }
      svg.chart { display: block; margin: 8px 0; max-width: 100%; height: auto; }
      svg text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1f2933; }
      svg .axis { stroke: #52606d; stroke-width: 1; }
      svg .grid { stroke: #e4e7eb; stroke-width: 1; }
      svg .title { font-size: 14px; font-weight: 600; }
      """;
}
