package io.effortlens.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The generated reference pages equal what the code generates, every config key, table and column
 * has a description in code, and every relative link of README.md and docs/ resolves. No Spark
 * session: schemas are plain StructTypes. With {@code -Deffortlens.docs.write=true} the generated
 * sections are rewritten instead of compared.
 */
class ReferenceDocsTest {
  private static final boolean WRITE = Boolean.getBoolean("effortlens.docs.write");

  @Test
  void everyConfigKeyTableAndColumnHasADescriptionInCode() {
    List<String> missing = ReferenceDocs.undocumented();
    assertTrue(
        missing.isEmpty(),
        "Cannot document the reference: these lack a description in code (add the help text, the"
            + " column comment or a ColumnDocs entry):\n  "
            + String.join("\n  ", missing));
  }

  @Test
  void columnDocsNamesOnlyColumnsThatExist() {
    List<String> stale = ReferenceDocs.staleColumnDocs();
    assertTrue(
        stale.isEmpty(),
        "ColumnDocs describes columns no table has (remove them): " + String.join(", ", stale));
  }

  @Test
  void configurationPageEqualsTheGeneratedOne() throws IOException {
    checkOrWrite("docs/reference/configuration.md", "configuration", ReferenceDocs::configuration);
  }

  @Test
  void tableCataloguePageEqualsTheGeneratedOne() throws IOException {
    checkOrWrite("docs/reference/tables.md", "tables", ReferenceDocs::tables);
  }

  @Test
  void featureCataloguePageEqualsTheGeneratedOne() throws IOException {
    checkOrWrite("docs/reference/features.md", "features", ReferenceDocs::features);
  }

  @Test
  void everyRelativeLinkOfTheReadmeAndTheDocsResolves() throws IOException {
    List<String> broken = Links.broken(TestLakes.repo());
    assertTrue(broken.isEmpty(), "Broken links:\n  " + String.join("\n  ", broken));
  }

  @Test
  void aPageWithoutTheMarkersIsRefusedNamingThem() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> GeneratedSection.splice("# no markers\n", "tables", "x"));
    assertTrue(e.getMessage().contains("<!-- BEGIN GENERATED tables"), e.getMessage());
  }

  @Test
  void aStaleSectionIsReplacedAndTheRestOfThePageKept() {
    String page =
        "intro\n"
            + GeneratedSection.begin("tables")
            + "\nold\n"
            + GeneratedSection.end("tables")
            + "\noutro\n";
    String spliced = GeneratedSection.splice(page, "tables", "new\n");
    assertEquals(
        "intro\n"
            + GeneratedSection.begin("tables")
            + "\nnew\n"
            + GeneratedSection.end("tables")
            + "\noutro\n",
        spliced);
  }

  private static void checkOrWrite(String relative, String section, Supplier<String> generated)
      throws IOException {
    Path file = TestLakes.repo().resolve(relative);
    String committed = Files.readString(file);
    String expected = GeneratedSection.splice(committed, section, generated.get());
    if (WRITE) {
      Files.writeString(file, expected);
      return;
    }
    List<String> diff = firstDifference(committed, expected);
    assertEquals(
        expected,
        committed,
        relative
            + " differs from what the code generates ("
            + String.join(" / ", diff)
            + "). Regenerate it: "
            + ReferenceDocs.REGENERATE);
  }

  private static List<String> firstDifference(String committed, String expected) {
    String[] a = committed.split("\n", -1);
    String[] b = expected.split("\n", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String left = i < a.length ? a[i] : "<end of file>";
      String right = i < b.length ? b[i] : "<end of file>";
      if (!left.equals(right)) {
        out.add("line " + (i + 1) + ": committed '" + left + "', generated '" + right + "'");
        break;
      }
    }
    return out;
  }
}
