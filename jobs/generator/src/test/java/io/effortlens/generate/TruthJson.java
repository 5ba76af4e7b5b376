package io.effortlens.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a generated truth.json for assertions. */
final class TruthJson {
  private TruthJson() {}

  static JsonNode read(Path outDir) throws IOException {
    return new ObjectMapper().readTree(outDir.resolve("truth.json").toFile());
  }
}
