package io.effortlens.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Relative links of README.md and docs/**.md: the file must exist inside the repository and an
 * anchor must name a heading of the target page (GitHub's heading ids). Links in fenced code and
 * links with a scheme (https:, mailto:) are not checked.
 */
final class Links {
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)[^)]*\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  private Links() {}

  /** Every broken link as "file: target (why)". */
  static List<String> broken(Path repo) throws IOException {
    List<Path> pages = new ArrayList<>(List.of(repo.resolve("README.md")));
    Path docs = repo.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.walk(docs)) {
        files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
      }
    }
    Map<Path, Set<String>> anchors = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (Path page : pages) {
      for (String target : targets(Files.readString(page))) {
        String problem = check(repo, page, target, anchors);
        if (problem != null) {
          out.add(repo.relativize(page) + ": " + target + " (" + problem + ")");
        }
      }
    }
    return out;
  }

  private static String check(Path repo, Path page, String target, Map<Path, Set<String>> anchors) {
    if (SCHEME.matcher(target).find()) {
      return null;
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!resolved.startsWith(repo.normalize())) {
      return "points outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (hash < 0 || !resolved.toString().endsWith(".md")) {
      return null;
    }
    String anchor = target.substring(hash + 1);
    Set<String> ids = anchors.computeIfAbsent(resolved, Links::headingIds);
    return ids.contains(anchor) ? null : "no heading with id '" + anchor + "'";
  }

  private static List<String> targets(String markdown) {
    List<String> out = new ArrayList<>();
    for (String line : outsideFences(markdown)) {
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static Set<String> headingIds(Path page) {
    Set<String> ids = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    try {
      for (String line : outsideFences(Files.readString(page))) {
        Matcher m = HEADING.matcher(line);
        if (m.matches()) {
          String slug = slug(m.group(1));
          int n = seen.merge(slug, 1, Integer::sum) - 1;
          ids.add(n == 0 ? slug : slug + "-" + n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** GitHub's heading id: lower case, punctuation dropped, spaces as hyphens. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  private static List<String> outsideFences(String markdown) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        out.add(line);
      }
    }
    return out;
  }
}
