package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.effortlens.ingest.IngestJob;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each repeated {@code --source/--input/--customers} group keeps its own paths. Picocli gave every
 * group after the first one shared initial list, so with three sources the second and third each
 * read both of their inputs (a JSON file reached a CSV source in PipelinePrivacyIT).
 */
class SourceGroupsParsingTest {
  @Test
  void everySourceOfPipelineAndIngestGetsOnlyItsOwnInputs() {
    for (String command : List.of("pipeline", "ingest")) {
      List<IngestJob.Request> requests =
          requests(
              command,
              "--source",
              "a",
              "--input",
              "/in/a",
              "--customers",
              "/in/customers",
              "--source",
              "b",
              "--input",
              "/in/b1",
              "/in/b2",
              "--source",
              "c",
              "--input",
              "/in/c",
              "--source",
              "d",
              "--input",
              "/in/d");
      assertEquals(
          List.of(
              new IngestJob.Request("a", List.of("/in/a"), List.of("/in/customers")),
              new IngestJob.Request("b", List.of("/in/b1", "/in/b2"), List.of()),
              new IngestJob.Request("c", List.of("/in/c"), List.of()),
              new IngestJob.Request("d", List.of("/in/d"), List.of())),
          requests,
          command);
    }
  }

  private static List<IngestJob.Request> requests(String... args) {
    CommandLine.ParseResult parsed = new CommandLine(new EffortLensCommand()).parseArgs(args);
    Object command = parsed.subcommand().commandSpec().userObject();
    List<SourceInput> groups =
        command instanceof PipelineCommand p ? p.sources : ((IngestCommand) command).sources;
    return SourceInput.requests(groups);
  }
}
