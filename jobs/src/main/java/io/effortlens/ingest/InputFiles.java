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
   * Fails (exit code 2) on the first file that starts like UTF-16: a UTF-16 byte-order mark or a
   * zero byte in the first two. Read as UTF-8, such a file would become lines of garbage.
   */
  static void checkNotUtf16(Configuration hadoop, List<String> files) {
    for (String file : files) {
      byte[] head = firstBytes(hadoop, file, 2);
      if (head.length == 2 && (isUtf16Bom(head) || head[0] == 0 || head[1] == 0)) {
        throw Problems.inputNotUtf8(file, "UTF-16");
      }
    }
  }

  private static boolean isUtf16Bom(byte[] head) {
    return (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
        || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE);
  }

  private static byte[] firstBytes(Configuration hadoop, String file, int n) {
    try (InputStream in = open(hadoop, file)) {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the start of " + file + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Configuration hadoop, String file) throws IOException {
    Path path = new Path(file);
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
    InputStream raw = path.getFileSystem(hadoop).open(path);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  /**
   * The first line of a file (for CSV headers), decompressed when its name says so (.gz, .bz2, …),
   * without a byte-order mark; empty if the file is empty.
   */
  static String firstLine(Configuration hadoop, String file) {
    try (InputStream in = open(hadoop, file);
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
