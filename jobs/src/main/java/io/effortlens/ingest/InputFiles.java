package io.effortlens.ingest;

import io.effortlens.Problems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Expands input arguments (files, folders, globs; any Hadoop file system) into the list of data
 * files. Hidden files ({@code .x}, {@code _x}) are skipped as Spark does. Only file names reach the
 * driver, never records.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * All data files the patterns match; fails with exit code 4 naming a pattern that matches none.
   */
  public static List<String> expand(Configuration hadoop, List<String> patterns) {
    List<String> files = new ArrayList<>();
    for (String pattern : patterns) {
      List<String> matched = expandOne(hadoop, pattern);
      if (matched.isEmpty()) {
        throw Problems.inputNotFound(pattern);
      }
      files.addAll(matched);
    }
    return files.stream().distinct().sorted().toList();
  }

  private static List<String> expandOne(Configuration hadoop, String pattern) {
    try {
      Path path = new Path(pattern);
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus[] statuses = fs.globStatus(path);
      List<String> out = new ArrayList<>();
      if (statuses == null) {
        return out;
      }
      for (FileStatus status : statuses) {
        if (status.isDirectory()) {
          listRecursively(fs, status.getPath(), out);
        } else if (!isHidden(status.getPath())) {
          out.add(status.getPath().toString());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list input " + pattern + ": " + e.getMessage(), e);
    }
  }

  private static void listRecursively(FileSystem fs, Path dir, List<String> out)
      throws IOException {
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      LocatedFileStatus status = it.next();
      if (!isHiddenBelow(dir, status.getPath())) {
        out.add(status.getPath().toString());
      }
    }
  }

  private static boolean isHiddenBelow(Path root, Path file) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (isHidden(p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHidden(Path path) {
    String name = path.getName();
    return name.startsWith(".") || name.startsWith("_");
  }

  /**
   * The first line of a file (for CSV headers), decompressed when its name says so (.gz, .bz2, …),
   * without a byte-order mark; empty if the file is empty.
   */
  static String firstLine(Configuration hadoop, String file) {
    Path path = new Path(file);
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
    try (InputStream raw = path.getFileSystem(hadoop).open(path);
        InputStream in = codec == null ? raw : codec.createInputStream(raw);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line = reader.readLine();
      return line == null ? "" : line.replace("\uFEFF", "");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the header of " + file + ": " + e.getMessage(), e);
    }
  }
}
