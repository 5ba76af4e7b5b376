package io.effortlens.bench;

import java.util.Map;
import java.util.StringJoiner;

/** A flat JSON object of numbers, booleans and strings (the peer's report; no library needed). */
final class Json {
  private Json() {}

  static String of(Map<String, Object> values) {
    StringJoiner out = new StringJoiner(",\n  ", "{\n  ", "\n}\n");
    values.forEach((key, value) -> out.add(string(key) + ": " + value(value)));
    return out.toString();
  }

  private static String value(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof Number || value instanceof Boolean
        ? value.toString()
        : string(value.toString());
  }

  private static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
