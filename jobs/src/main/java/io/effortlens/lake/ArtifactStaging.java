package io.effortlens.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A local temp folder where files for an upload (the MLflow artifacts of a training run) are put
 * together: small text files written from the driver and folders copied from the lake (any Hadoop
 * file system). {@link #close()} removes the folder and all it holds.
 */
public final class ArtifactStaging implements AutoCloseable {
  private final Path dir;

  private ArtifactStaging(Path dir) {
    this.dir = dir;
  }

  /** A new, empty staging folder in the system temp folder, named {@code <prefix><random>}. */
  public static ArtifactStaging create(String prefix) {
    try {
      return new ArtifactStaging(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temp folder for MLflow artifacts", e);
    }
  }

  /** Writes {@code text} (UTF-8) to the file {@code name}; returns its path. */
  public Path writeText(String name, String text) {
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the MLflow artifact " + file, e);
    }
  }

  /** Copies the lake folder {@code source} to the local folder {@code name}; returns its path. */
  public Path copyFromLake(Configuration hadoop, String source, String name) {
    Path target = dir.resolve(name);
    org.apache.hadoop.fs.Path from = new org.apache.hadoop.fs.Path(source);
    try {
      FileSystem fs = from.getFileSystem(hadoop);
      // raw local file system: no .crc side files next to the copy
      fs.copyToLocalFile(false, from, new org.apache.hadoop.fs.Path(target.toUri()), true);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot copy the model folder " + source + " for MLflow to " + target, e);
    }
  }

  /** Removes the staging folder and everything in it. */
  @Override
  public void close() {
    try (Stream<Path> tree = Files.walk(dir)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the temp folder " + dir, e);
    }
  }
}
