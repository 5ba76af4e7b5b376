package io.effortlens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapping files: both shipped mappings parse; mistakes fail with the file, the key and the fix. */
class SourceMappingsTest {
  @TempDir Path dir;

  @Test
  void shippedMappingsParseInBothStyles() {
    String conf = TestLakes.repo().resolve("conf").toString();
    SourceMapping contact = SourceMappings.load("contact-center", conf);
    SourceMapping web = SourceMappings.load("web-events", conf);
    assertTrue(contact.input().isSqlMode());
    assertNotNull(contact.input().schema());
    assertFalse(web.input().isSqlMode());
    assertEquals("event_id", web.input().columns().get("interaction_id"));
    assertEquals("customer_ref", contact.customers().columns().get("customer_id"));
  }

  @Test
  void aPathWorksAsWellAsAName() throws IOException {
    Path file = write("name: x\nformat: csv\ncolumns:\n  interaction_id: id\n");
    assertEquals("x", SourceMappings.load(file.toString(), dir.toString()).name());
  }

  @Test
  void unknownKeySuggestsTheClosest() throws IOException {
    Path file = write("name: x\nformat: csv\ncolums:\n  interaction_id: id\n");
    EffortLensException e =
        assertThrows(EffortLensException.class, () -> SourceMappings.load(file.toString(), "."));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("did you mean 'columns'"), e.getMessage());
  }

  @Test
  void columnsAndSqlTogetherAreRejected() throws IOException {
    Path file = write("format: json\ncolumns:\n  a: b\nsql: SELECT 1\n");
    EffortLensException e =
        assertThrows(EffortLensException.class, () -> SourceMappings.load(file.toString(), "."));
    assertTrue(e.getMessage().contains("exactly one of 'columns' and 'sql'"), e.getMessage());
  }

  @Test
  void unknownFormatListsTheSupportedOnes() throws IOException {
    Path file = write("format: xml\ncolumns:\n  a: b\n");
    EffortLensException e =
        assertThrows(EffortLensException.class, () -> SourceMappings.load(file.toString(), "."));
    assertTrue(e.getMessage().contains("'format' is 'xml'"), e.getMessage());
    assertTrue(e.getMessage().contains("csv, delta, json, orc, parquet"), e.getMessage());
  }

  @Test
  void badSchemaDdlIsRejectedWithAnExample() throws IOException {
    Path file = write("format: json\nschema: 'a STRING,, b'\ncolumns:\n  a: b\n");
    EffortLensException e =
        assertThrows(EffortLensException.class, () -> SourceMappings.load(file.toString(), "."));
    assertTrue(e.getMessage().contains("is not a Spark DDL schema"), e.getMessage());
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() throws IOException {
    Path file = write("format: json\ncolumns:\n  a: \"unclosed\n");
    EffortLensException e =
        assertThrows(EffortLensException.class, () -> SourceMappings.load(file.toString(), "."));
    assertTrue(e.getMessage().matches("(?s).*syntax error at line \\d+.*"), e.getMessage());
  }

  @Test
  void missingMappingNamesWhereItLooked() {
    EffortLensException e =
        assertThrows(EffortLensException.class, () -> SourceMappings.load("nope", dir.toString()));
    assertEquals(ExitCodes.INPUT_NOT_FOUND, e.exitCode());
    assertTrue(e.getMessage().contains("sources/nope.yaml"), e.getMessage());
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
