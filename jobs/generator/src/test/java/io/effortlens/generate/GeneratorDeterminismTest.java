package io.effortlens.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Proves that a run is a pure function of its options: same options, same bytes in every file. */
@ExtendWith(SparkSessionExtension.class)
class GeneratorDeterminismTest {
  @TempDir Path tmp;

  @Test
  void sameOptionsWriteIdenticalFilesAndAnotherSeedDoesNot(SparkSession spark) {
    Map<String, String> first = run(spark, 7L, OutputFormat.JSONL, "a");
    Map<String, String> second = run(spark, 7L, OutputFormat.JSONL, "b");
    Map<String, String> otherSeed = run(spark, 8L, OutputFormat.JSONL, "c");

    assertTrue(
        first.containsKey("truth.json") && first.containsKey("contact_center/part-00000.jsonl"),
        first.keySet().toString());
    assertEquals(first, second);
    assertNotEquals(
        first.get("contact_center/part-00000.jsonl"),
        otherSeed.get("contact_center/part-00000.jsonl"));
    assertNotEquals(
        first.get("web_events/part-00000.csv"), otherSeed.get("web_events/part-00000.csv"));
  }

  @Test
  void parquetOutputIsAlsoByteIdentical(SparkSession spark) {
    Map<String, String> first = run(spark, 11L, OutputFormat.PARQUET, "p1");
    Map<String, String> second = run(spark, 11L, OutputFormat.PARQUET, "p2");

    assertTrue(first.containsKey("contact_center/part-00000.parquet"), first.keySet().toString());
    assertEquals(first, second);
  }

  private Map<String, String> run(SparkSession spark, long seed, OutputFormat format, String dir) {
    Path out = tmp.resolve(dir);
    Generator.run(
        spark,
        new GeneratorOptions(300, 6, seed, GeneratorOptions.START_DEFAULT, format, out.toString()));
    return hashes(out);
  }

  /** Relative path of every data file and truth.json mapped to the SHA-256 of its bytes. */
  private static Map<String, String> hashes(Path root) {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .forEach(p -> hashes.put(root.relativize(p).toString(), sha256(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashes;
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
