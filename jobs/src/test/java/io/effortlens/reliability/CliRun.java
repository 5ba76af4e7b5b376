package io.effortlens.reliability;

import io.effortlens.cli.EffortLensCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One command run in this JVM (on the shared test session): exit code, stdout, stderr. */
record CliRun(int code, String out, String err) {
  /** Runs {@code effortlens <global options for lake> <args>}. */
  static CliRun on(Path lake, List<String> args) {
    List<String> all = new ArrayList<>(Stages.global(lake));
    all.addAll(args);
    return of(all);
  }

  static CliRun of(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        EffortLensCommand.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Both streams, for assertion messages. */
  String text() {
    return "exit " + code + "\n" + out + "\n" + err;
  }
}
