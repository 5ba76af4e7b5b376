package io.effortlens.scoring;

import io.effortlens.EffortLensException;
import io.effortlens.Problems;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The business sentence and next step of each driver, from {@code conf/reasons.yaml}: per driver (a
 * feature name without its window suffix) and per family (the fallback, with the family's priority
 * for the next best action).
 */
public final class ReasonCatalog {
  static final String FILE = "reasons.yaml";
  private static final Pattern WINDOW_SUFFIX = Pattern.compile("_\\d+d$");
  private static final Set<String> FAMILY_FIELDS = Set.of("priority", "next_step");
  private static final Set<String> DRIVER_FIELDS = Set.of("sentence", "next_step");

  /** What the file says about one driver. */
  public record DriverText(String sentence, String nextStep) {}

  /** What the file says about one family. */
  public record FamilyText(int priority, String nextStep) {}

  private final Map<String, DriverText> drivers;
  private final Map<String, FamilyText> families;

  ReasonCatalog(Map<String, DriverText> drivers, Map<String, FamilyText> families) {
    this.drivers = Map.copyOf(drivers);
    this.families = Map.copyOf(families);
  }

  /** Loads {@code <confDir>/reasons.yaml}; errors name the file, the key and the fix. */
  public static ReasonCatalog load(Path confDir) {
    Path file = confDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw problem(file, "the file does not exist", "restore conf/" + FILE + " from the release");
    }
    Object doc;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException | RuntimeException e) {
      throw problem(file, "it is not valid YAML (" + e.getMessage() + ")", "fix the syntax");
    }
    Map<String, Object> root = map(file, doc, "the document");
    Map<String, FamilyText> families = new LinkedHashMap<>();
    map(file, root.get("families"), "'families'")
        .forEach(
            (name, value) -> {
              Map<String, Object> fields = fields(file, value, "families." + name, FAMILY_FIELDS);
              Object priority = fields.get("priority");
              if (!(priority instanceof Integer)) {
                throw problem(
                    file,
                    "families." + name + ".priority is " + priority,
                    "give each family an integer priority (1 = first)");
              }
              families.put(
                  name, new FamilyText((Integer) priority, text(file, fields, "families." + name)));
            });
    Map<String, DriverText> drivers = new LinkedHashMap<>();
    Object listed = root.get("drivers");
    if (listed != null) {
      map(file, listed, "'drivers'")
          .forEach(
              (name, value) -> {
                Map<String, Object> fields = fields(file, value, "drivers." + name, DRIVER_FIELDS);
                Object sentence = fields.get("sentence");
                drivers.put(
                    name,
                    new DriverText(
                        sentence == null ? null : sentence.toString(),
                        fields.get("next_step") == null
                            ? null
                            : fields.get("next_step").toString()));
              });
    }
    return new ReasonCatalog(drivers, families);
  }

  /** The feature name without its window suffix: repeat_contacts_90d → repeat_contacts. */
  public static String base(String feature) {
    return WINDOW_SUFFIX.matcher(feature).replaceFirst("");
  }

  /**
   * The sentence template of a feature: the configured one, else "{description}: {value}" with the
   * catalogue description.
   */
  public String sentence(String feature, String description) {
    DriverText text = drivers.get(base(feature));
    if (text != null && text.sentence() != null) {
      return text.sentence();
    }
    String what = description == null ? feature : description.replaceAll("[.;:]\\s*$", "");
    return what + ": {value}";
  }

  /** The next step of a feature: the configured one, else its family's. */
  public String nextStep(String feature, String family) {
    DriverText text = drivers.get(base(feature));
    if (text != null && text.nextStep() != null) {
      return text.nextStep();
    }
    FamilyText familyText = families.get(family);
    return familyText == null ? null : familyText.nextStep();
  }

  /** The family's rank for the next best action (1 first); unknown families go last. */
  public int priority(String family) {
    FamilyText familyText = families.get(family);
    return familyText == null ? Integer.MAX_VALUE : familyText.priority();
  }

  private static String text(Path file, Map<String, Object> fields, String where) {
    Object step = fields.get("next_step");
    if (step == null || step.toString().isBlank()) {
      throw problem(file, where + ".next_step is missing", "add a next_step sentence");
    }
    return step.toString();
  }

  private static Map<String, Object> fields(
      Path file, Object value, String where, Set<String> allowed) {
    Map<String, Object> fields = map(file, value, where);
    for (String key : fields.keySet()) {
      if (!allowed.contains(key)) {
        throw problem(file, "unknown key '" + where + "." + key + "'", "use one of " + allowed);
      }
    }
    return fields;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Path file, Object value, String where) {
    if (!(value instanceof Map)) {
      throw problem(file, where + " is not a mapping", "see the comments at the top of the file");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static EffortLensException problem(Path file, String why, String fix) {
    return Problems.confFileInvalid(file.toString(), why, fix);
  }
}
