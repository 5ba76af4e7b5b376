package io.effortlens.config;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A typed configuration entry: key, default, parser with validation, and help text. The parser
 * receives a YAML scalar (String) or a YAML list (List of String) and throws {@link
 * IllegalArgumentException} with what was expected.
 *
 * @param <T> the parsed value type
 */
public final class ConfigKey<T> {
  private final String name;
  private final T defaultValue;
  private final Function<Object, T> parser;
  private final String expected;
  private final String help;

  private ConfigKey(
      String name, T defaultValue, Function<Object, T> parser, String expected, String help) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.parser = parser;
    this.expected = expected;
    this.help = help;
  }

  public String name() {
    return name;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** What a valid value looks like, for error messages. */
  public String expected() {
    return expected;
  }

  public String help() {
    return help;
  }

  T parse(Object raw) {
    return parser.apply(raw);
  }

  static ConfigKey<Integer> ofInt(String name, int dflt, int min, int max, String help) {
    String expected = "a whole number from " + min + " to " + max;
    return new ConfigKey<>(name, dflt, raw -> checkRange(parseInt(raw), min, max), expected, help);
  }

  static ConfigKey<Double> ofDouble(String name, double dflt, double min, double max, String help) {
    String expected = "a number from " + min + " to " + max;
    return new ConfigKey<>(
        name, dflt, raw -> checkRange(Double.parseDouble(scalar(raw)), min, max), expected, help);
  }

  static ConfigKey<String> ofChoice(String name, String dflt, Set<String> choices, String help) {
    // Sorted: Set.of iterates in an order that changes from JVM to JVM.
    String expected = "one of " + String.join(", ", new java.util.TreeSet<>(choices));
    return new ConfigKey<>(
        name,
        dflt,
        raw -> {
          String value = scalar(raw).toLowerCase(Locale.ROOT);
          if (!choices.contains(value)) {
            throw new IllegalArgumentException(expected);
          }
          return value;
        },
        expected,
        help);
  }

  static ConfigKey<LocalDate> ofDate(String name, LocalDate dflt, String help) {
    return new ConfigKey<>(
        name, dflt, raw -> parseDate(scalar(raw)), "a date like 1990-01-01", help);
  }

  static ConfigKey<List<Integer>> ofIntList(
      String name, List<Integer> dflt, int min, int max, String help) {
    String expected = "a list of whole numbers from " + min + " to " + max + ", like [30, 90]";
    return new ConfigKey<>(
        name, List.copyOf(dflt), raw -> parseIntList(raw, min, max), expected, help);
  }

  static ConfigKey<List<Double>> ofDoubleList(String name, List<Double> dflt, String help) {
    String expected = "a list of increasing numbers, like [0.1, 0.3]";
    return new ConfigKey<>(
        name, List.copyOf(dflt), ConfigKey::parseIncreasingDoubles, expected, help);
  }

  static ConfigKey<String> ofString(String name, String dflt, String help) {
    return new ConfigKey<>(name, dflt, ConfigKey::scalar, "a text value", help);
  }

  /**
   * A regular expression found anywhere in a name (matched case-insensitively by its users); empty
   * matches nothing. Anchors are refused because the expression is also embedded in a larger one.
   */
  static ConfigKey<String> ofNamePattern(String name, String dflt, String help) {
    String expected = "a regular expression without ^ or $ anchors, like 'name|mail'";
    return new ConfigKey<>(name, dflt, raw -> parseNamePattern(scalar(raw)), expected, help);
  }

  private static String parseNamePattern(String text) {
    if (text.startsWith("^") || (text.endsWith("$") && !text.endsWith("\\$"))) {
      throw new IllegalArgumentException("anchored");
    }
    try {
      java.util.regex.Pattern.compile(text);
      return text;
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("not a regular expression", e);
    }
  }

  private static String scalar(Object raw) {
    if (raw instanceof String s) {
      return s.strip();
    }
    throw new IllegalArgumentException("a single value, not a list");
  }

  private static int parseInt(Object raw) {
    return Integer.parseInt(scalar(raw));
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("a date like 1990-01-01", e);
    }
  }

  private static <N extends Comparable<N>> N checkRange(N value, N min, N max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }

  private static List<Integer> parseIntList(Object raw, int min, int max) {
    List<Integer> out = new ArrayList<>();
    for (String item : items(raw)) {
      out.add(checkRange(Integer.parseInt(item.strip()), min, max));
    }
    return List.copyOf(out);
  }

  private static List<Double> parseIncreasingDoubles(Object raw) {
    List<Double> out = new ArrayList<>();
    for (String item : items(raw)) {
      double value = Double.parseDouble(item.strip());
      if (!out.isEmpty() && value <= out.get(out.size() - 1)) {
        throw new IllegalArgumentException("values must increase");
      }
      out.add(value);
    }
    return List.copyOf(out);
  }

  /** A YAML list, or a comma-separated scalar (as given with --set key=30,90). */
  private static List<String> items(Object raw) {
    if (raw instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    String text = scalar(raw).replace("[", "").replace("]", "");
    return text.isBlank() ? List.of() : List.of(text.split(","));
  }
}
