package io.effortlens.docs;

/**
 * A generated section of a Markdown page: the lines between its BEGIN and END marker comments
 * belong to {@link ReferenceDocs}; the rest of the page is written by hand.
 */
final class GeneratedSection {
  private GeneratedSection() {}

  static String begin(String name) {
    return "<!-- BEGIN GENERATED "
        + name
        + " (io.effortlens.docs.ReferenceDocs; do not edit by hand, regenerate: "
        + ReferenceDocs.REGENERATE
        + ") -->";
  }

  static String end(String name) {
    return "<!-- END GENERATED " + name + " -->";
  }

  /** The page with the section's body replaced by {@code body} (which ends with a newline). */
  static String splice(String page, String name, String body) {
    String begin = begin(name);
    String end = end(name);
    int from = page.indexOf(begin);
    int to = page.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException(
          "Cannot regenerate section '"
              + name
              + "': its markers are missing or out of order. Fix: put the line "
              + begin
              + " and, after it, the line "
              + end
              + " where the section belongs.");
    }
    return page.substring(0, from + begin.length()) + "\n" + body + page.substring(to);
  }
}
