package io.effortlens.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The report's Mustache templates ({@code io/effortlens/report/templates/*.mustache} on the class
 * path): {@code page} lays out the sections, one template per section, partials for tables, notes
 * and the two SVG charts. Values are HTML-escaped by the engine ({@code {{name}}}); the templates
 * use no unescaped tag. Records are read through their accessors; a {@code double} (an SVG
 * coordinate) is written with one decimal, the precision of the charts.
 */
final class Templates {
  static final String ROOT = "io/effortlens/report/templates";
  private static final MustacheFactory FACTORY = factory();

  private Templates() {}

  /** The template {@code name} (without extension) filled with {@code data}. */
  static String render(String name, Object data) {
    Mustache template = FACTORY.compile(name + ".mustache");
    StringWriter out = new StringWriter();
    try {
      template.execute(out, data).flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static MustacheFactory factory() {
    DefaultMustacheFactory factory = new DefaultMustacheFactory(Templates::reader);
    factory.setObjectHandler(new CoordinateHandler());
    return factory;
  }

  /**
   * A template from this class's own class loader (the application jar on a cluster, whatever the
   * thread's context class loader), in UTF-8; null when there is none (the engine then fails naming
   * it).
   */
  private static Reader reader(String name) {
    InputStream in = Templates.class.getClassLoader().getResourceAsStream(ROOT + "/" + name);
    return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /** Writes doubles as SVG coordinates (one decimal, no locale); everything else as is. */
  static final class CoordinateHandler extends ReflectionObjectHandler {
    @Override
    public String stringify(Object object) {
      if (object instanceof Double value) {
        return String.format(Locale.ROOT, "%.1f", value);
      }
      return super.stringify(object);
    }
  }
}
