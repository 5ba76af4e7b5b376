package io.effortlens.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Proves the format and options are parsed and validated at the edge with helpful messages. */
class OutputFormatTest {
  @Test
  void parsesTheThreeFormatsIgnoringCase() {
    assertEquals(OutputFormat.JSONL, OutputFormat.parse("jsonl"));
    assertEquals(OutputFormat.CSV, OutputFormat.parse("CSV"));
    assertEquals(OutputFormat.PARQUET, OutputFormat.parse(" parquet "));
  }

  @Test
  void rejectsAnUnknownFormatNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse("xml"));
    assertEquals(
        "Cannot parse output format: unknown value (xml; use jsonl|csv|parquet)", e.getMessage());
  }

  @Test
  void rejectsOptionsWithoutCustomers() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new GeneratorOptions(
                    0, 12, 1L, GeneratorOptions.START_DEFAULT, OutputFormat.CSV, "/tmp/x"));
    assertEquals("Cannot generate: customers must be in 1..99999999 (got 0)", e.getMessage());
  }
}
