package io.effortlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mustachejava.MustacheNotFoundException;
import io.effortlens.report.ReportPage.DataTable;
import io.effortlens.report.ReportPage.Note;
import io.effortlens.report.Svg.Text;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The report's Mustache templates: values are HTML-escaped by the engine, records are read through
 * their accessors, doubles are written as one-decimal coordinates, absent parts draw nothing.
 */
class TemplatesTest {

  @Test
  void escapesAScriptInACustomerProvidedValue() {
    String html =
        Templates.render(
            "table",
            DataTable.of(
                List.of("source"), List.of(List.of("<script>alert('x')</script> & \"more\""))));
    assertTrue(
        html.contains(
            "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;</td>"),
        html);
    assertFalse(html.contains("<script"), html);
  }

  @Test
  void escapesMarkupInAttributeValues() {
    String html =
        Templates.render("text", new Text(1, 30, "end\"><script>", false, false, "label"));
    assertFalse(html.contains("<script"), html);
    assertTrue(html.contains("text-anchor=\"end&quot;&gt;&lt;script&gt;\""), html);
  }

  @Test
  void readsRecordAccessorsAndWritesDoublesWithOneDecimal() {
    assertEquals(
        "<text x=\"10.0\" y=\"18.3\" text-anchor=\"end\" class=\"title\">Title</text>\n",
        Templates.render("text", new Text(10, 18.26, "end", true, false, "Title")));
    assertEquals(
        "<text x=\"130.0\" y=\"177.0\" text-anchor=\"middle\""
            + " transform=\"rotate(-90 130.0 177.0)\">rate (%)</text>\n",
        Templates.render("text", new Text(130, 177, "middle", false, true, "rate (%)")));
  }

  @Test
  void aNoteNamesTheCommand() {
    assertEquals(
        "<p class=\"unavailable\">Not available: x does not exist yet. Run"
            + " <code>effortlens train</code>.</p>\n",
        Templates.render("note", new Note("x does not exist yet.", "effortlens train")));
  }

  @Test
  void anAbsentChartOrTableDrawsNothing() {
    String html =
        Templates.render(
            "disloyalty", ModelSections.Disloyalty.missing("driver_effects does not exist yet."));
    assertTrue(html.contains("Not available: driver_effects does not exist yet."), html);
    assertTrue(html.contains("+ causes, − protects"), "template text read as UTF-8");
    assertFalse(html.contains("<svg"), html);
    assertFalse(html.contains("<table"), html);
    assertFalse(html.contains("No share for"), html);
  }

  @Test
  void anUnknownTemplateFailsNamingIt() {
    MustacheNotFoundException e =
        assertThrows(MustacheNotFoundException.class, () -> Templates.render("nope", List.of()));
    assertTrue(e.getMessage().contains("nope.mustache"), e.getMessage());
  }

  /** Escaping cannot be switched off by a template: none uses {{{x}}} or {{&x}}. */
  @Test
  void noTemplateWritesAValueUnescaped() throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getClassLoader().getResource(Templates.ROOT).toURI());
    try (Stream<Path> files = Files.list(root)) {
      List<Path> templates = files.filter(p -> p.toString().endsWith(".mustache")).toList();
      assertTrue(templates.size() >= 10, templates.toString());
      for (Path template : templates) {
        String text = Files.readString(template);
        assertFalse(text.contains("{{{") || text.contains("{{&"), template + " writes raw values");
      }
    }
  }
}
