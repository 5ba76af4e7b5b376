package io.effortlens.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No production method (constructors included) spans more than {@value #MAX_LINES} source lines,
 * from its first modifier or annotation to its closing brace: a longer method is split into named
 * steps (issue #24). The sources of the product and of the generator module are parsed with the
 * JDK's own compiler tree API, so line spans are exact (comments and strings cannot fool it).
 */
class MethodLengthTest {
  static final int MAX_LINES = 60;

  /** A method and its length in lines. */
  record Method(String where, long lines) {}

  @Test
  void noProductionMethodIsLongerThanSixtyLines() throws IOException {
    List<Method> all = new ArrayList<>();
    for (String root : List.of("jobs/src/main/java", "jobs/generator/src/main/java")) {
      all.addAll(methods(TestLakes.repo().resolve(root)));
    }
    assertTrue(all.size() > 1000, "the sources were parsed: " + all.size() + " methods");
    List<Method> tooLong = all.stream().filter(m -> m.lines() > MAX_LINES).toList();
    assertEquals(List.of(), tooLong, "methods over " + MAX_LINES + " lines: split them into steps");
  }

  @Test
  void aLongMethodIsFoundWithItsLength() throws IOException {
    Path dir = Files.createTempDirectory("method-length");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      body.append("    int v").append(i).append(" = ").append(i).append(";\n");
    }
    Files.writeString(
        dir.resolve("Long.java"),
        "class Long {\n  /** doc */\n  @Deprecated\n  void big() {\n"
            + body
            + "  }\n\n  void small() {}\n}\n");
    List<Method> found = methods(dir);
    assertEquals(
        List.of(
            new Method("Long.big (Long.java:3)", 73), new Method("Long.small (Long.java:77)", 1)),
        found);
  }

  /** Every method of every .java file below {@code root}, with its span in lines. */
  static List<Method> methods(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager manager = compiler.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(files);
      JavacTask task =
          (JavacTask) compiler.getTask(null, manager, null, List.of("-proc:none"), null, units);
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      List<Method> out = new ArrayList<>();
      for (CompilationUnitTree unit : task.parse()) {
        new Spans(unit, positions, out).scan(unit, null);
      }
      return out;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Records each method's first and last line, named by its class. */
  private static final class Spans extends TreeScanner<Void, String> {
    private final CompilationUnitTree unit;
    private final SourcePositions positions;
    private final List<Method> out;

    Spans(CompilationUnitTree unit, SourcePositions positions, List<Method> out) {
      this.unit = unit;
      this.positions = positions;
      this.out = out;
    }

    @Override
    public Void visitClass(ClassTree tree, String outer) {
      String name =
          outer == null ? tree.getSimpleName().toString() : outer + "." + tree.getSimpleName();
      return super.visitClass(tree, name);
    }

    @Override
    public Void visitMethod(MethodTree tree, String owner) {
      long start = positions.getStartPosition(unit, tree);
      long end = positions.getEndPosition(unit, tree);
      if (tree.getBody() != null && start >= 0 && end >= 0) {
        long first = unit.getLineMap().getLineNumber(start);
        long last = unit.getLineMap().getLineNumber(end);
        String file = Path.of(unit.getSourceFile().toUri()).getFileName().toString();
        out.add(
            new Method(
                owner + "." + tree.getName() + " (" + file + ":" + first + ")", last - first + 1));
      }
      return super.visitMethod(tree, owner);
    }
  }
}
