package io.effortlens.reliability;

import io.effortlens.testing.TestLakes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command table every reliability harness runs: one row per stage, in pipeline order, with its
 * arguments and which fault trials apply to it. Stages that land later join as rows, e.g. {@code
 * new Stage("train", List.of("train"), true, false)}, {@code new Stage("score", List.of("score",
 * "--as-of", AS_OF), true, true)}, {@code new Stage("gold", List.of("gold", "--as-of", AS_OF),
 * false, false)} — and their tables get a row in {@link TableRules}.
 */
final class Stages {
  /** The snapshot date every harness uses; the slice covers January to June 2024. */
  static final String AS_OF = "2024-05-01";

  /**
   * One command of the table.
   *
   * @param name the subcommand, for messages
   * @param args the subcommand and its arguments (global options are added by the runner)
   * @param killTrials whether the crash harness kills it at random moments
   * @param concurrent whether the concurrency harness runs two of it at once
   */
  record Stage(String name, List<String> args, boolean killTrials, boolean concurrent) {}

  private Stages() {}

  /** The reduced slice of the sample: 300 customers over six months (generate --seed 7). */
  static Path slice() {
    return TestLakes.repo().resolve("jobs/src/test/resources/reliability/slice");
  }

  /** All stages in order, over the slice. */
  static List<Stage> all() {
    return List.of(
        new Stage("ingest", ingestArgs(slice()), true, true),
        new Stage("journeys", List.of("journeys"), false, false),
        new Stage("features", List.of("features", "--as-of", AS_OF), true, false));
  }

  /** Ingest of both sources of a slice folder (contact centre with customers, web events). */
  static List<String> ingestArgs(Path slice) {
    List<String> args = new ArrayList<>();
    args.add("ingest");
    args.addAll(
        List.of(
            "--source",
            "contact-center",
            "--input",
            slice.resolve("contact_center").toString(),
            "--customers",
            slice.resolve("customers").toString()));
    args.addAll(
        List.of("--source", "web-events", "--input", slice.resolve("web_events").toString()));
    return args;
  }

  /** The global options every harness passes before a stage's arguments. */
  static List<String> global(Path lake) {
    return List.of(
        "--conf",
        TestLakes.repo().resolve("conf/effortlens.yaml").toString(),
        "--lake",
        lake.toString(),
        "--set",
        "spark.sql.shuffle.partitions=2");
  }
}
