package io.effortlens.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the records of a raw file in plain Java, independently of Spark, so a test can prove that
 * ingest read every record: JSON lines are non-blank lines, CSV records are lines (or, with quoted
 * newlines allowed, RFC 4180 records) after the header.
 */
final class RecordCounts {
  private RecordCounts() {}

  /** Non-blank lines of a JSON lines file; a byte-order mark is not content. */
  static long jsonLines(Path file, Charset encoding) {
    return text(file, encoding)
        .replace("\uFEFF", "")
        .lines()
        .filter(line -> !line.isBlank())
        .count();
  }

  /** Non-blank physical lines after the header: what a line-by-line CSV reader sees. */
  static long csvLines(Path file) {
    return Math.max(0, jsonLines(file, Charset.forName("UTF-8")) - 1);
  }

  /** RFC 4180 records after the header: newlines inside double quotes do not end a record. */
  static long csvRecords(Path file) {
    String text = text(file, Charset.forName("UTF-8")).replace("\uFEFF", "");
    long records = 0;
    boolean quoted = false;
    boolean content = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == '\n' && !quoted) {
        records += content ? 1 : 0;
        content = false;
      } else if (c != '\r') {
        content = true;
      }
    }
    records += content ? 1 : 0;
    return Math.max(0, records - 1);
  }

  private static String text(Path file, Charset encoding) {
    try {
      return new String(Files.readAllBytes(file), encoding);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
