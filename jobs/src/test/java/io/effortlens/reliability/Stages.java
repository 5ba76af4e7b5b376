package io.effortlens.reliability;

import io.effortlens.testing.TestLakes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command table every reliability harness runs: one row per stage, in pipeline order, with its
 * arguments and which fault trials apply to it. A new stage joins as a row, and its tables get a
 * row in {@link TableRules}.
 *
 * <p>Two inputs. The committed {@link #slice()} (300 customers over January to June 2024) serves
 * the ingest-only harnesses. The full pipeline needs labelled history: 800 customers generated over
 * ten months (January to October 2024, seed 7; {@code ModelInput} in {@code jobs/generator}, where
 * the harnesses that need it run): with a 30-day label horizon the monthly snapshots 2024-07-01 …
 * 2024-10-01 are observed (two fit, one calibration, one test snapshot) and 2024-11-01, the day
 * after the last event, is scored.
 */
final class Stages {
  /** The score date of the model input: the day after its last event. */
  static final String AS_OF = "2024-11-01";

  /** First training snapshot of the model input (pipeline.max-training-snapshots=4 ends here). */
  static final String FIRST_SNAPSHOT = "2024-07-01";

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

  /** All stages in order, over the model input {@code input}. */
  static List<Stage> all(Path input) {
    return List.of(
        new Stage("ingest", ingestArgs(input), true, true),
        new Stage("journeys", List.of("journeys"), false, false),
        new Stage(
            "features",
            List.of("features", "--snapshots", "monthly", "--from", FIRST_SNAPSHOT, "--to", AS_OF),
            true,
            false),
        new Stage("train", List.of("train", "--as-of", AS_OF), false, false),
        new Stage("score", List.of("score", "--as-of", AS_OF, "--allow-raw-ids"), true, true),
        new Stage("gold", List.of("gold", "--as-of", AS_OF, "--allow-raw-ids"), false, false));
  }

  /**
   * The whole pipeline over the model input {@code input} in one command, scoring {@link #AS_OF}.
   */
  static List<String> pipeline(Path input) {
    List<String> args = new ArrayList<>(ingestArgs(input));
    args.set(0, "pipeline");
    args.addAll(List.of("--as-of", AS_OF, "--allow-raw-ids"));
    return args;
  }

  /** Ingest of both sources of an input folder (contact centre with customers, web events). */
  static List<String> ingestArgs(Path input) {
    List<String> args = new ArrayList<>();
    args.add("ingest");
    args.addAll(
        List.of(
            "--source",
            "contact-center",
            "--input",
            input.resolve("contact_center").toString(),
            "--customers",
            input.resolve("customers").toString()));
    args.addAll(
        List.of("--source", "web-events", "--input", input.resolve("web_events").toString()));
    return args;
  }

  /**
   * The global options every harness passes before a stage's arguments: the repository's
   * configuration with a 30-day label horizon (so ten months hold observed snapshots), four
   * training snapshots for {@code pipeline}, and fewer bootstrap rounds and stability windows to
   * keep a model stage to about a minute; the methods are unchanged.
   */
  static List<String> global(Path lake) {
    return List.of(
        "--conf",
        TestLakes.repo().resolve("conf/effortlens.yaml").toString(),
        "--lake",
        lake.toString(),
        "--set",
        "spark.sql.shuffle.partitions=2",
        "--set",
        "labels.horizon-days=30",
        "--set",
        "pipeline.max-training-snapshots=4",
        "--set",
        "train.bootstrap-rounds=3",
        "--set",
        "train.stability-windows=1",
        "--set",
        "delight.bootstrap-rounds=10",
        "--set",
        "delight.treatment-window-days=30");
  }
}
