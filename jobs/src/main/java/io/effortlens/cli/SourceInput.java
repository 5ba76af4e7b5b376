package io.effortlens.cli;

import io.effortlens.config.Settings;
import io.effortlens.ingest.IngestJob;
import io.effortlens.ingest.SourceMappings;
import java.util.List;
import picocli.CommandLine.Option;

/** One {@code --source NAME --input PATH... [--customers PATH...]} group; repeatable. */
final class SourceInput {
  @Option(
      names = "--source",
      required = true,
      paramLabel = "NAME",
      description = "Mapping: conf/sources/NAME.yaml, or a path to a mapping file.")
  String source;

  @Option(
      names = "--input",
      required = true,
      arity = "1..*",
      paramLabel = "PATH",
      description = "Interaction files, folders or globs of that source (local or any Hadoop URI).")
  // no initial lists: picocli gave every repeated group after the first the same initial list, so
  // with three or more sources each later source read every later source's inputs
  List<String> inputs;

  @Option(
      names = "--customers",
      arity = "1..*",
      paramLabel = "PATH",
      description = "Customer files, read through the mapping's customers: block.")
  List<String> customers;

  IngestJob.Request toRequest() {
    return new IngestJob.Request(
        source,
        inputs == null ? List.of() : List.copyOf(inputs),
        customers == null ? List.of() : List.copyOf(customers));
  }

  /** Parses the mapping of every group: a missing or invalid mapping fails before Spark starts. */
  static void checkMappings(List<SourceInput> groups, Settings settings) {
    for (IngestJob.Request request : requests(groups)) {
      SourceMappings.load(request.source(), settings.confDir());
    }
  }

  static List<IngestJob.Request> requests(List<SourceInput> groups) {
    return groups == null ? List.of() : groups.stream().map(SourceInput::toRequest).toList();
  }
}
