package io.effortlens.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Text files in the lake that are not tables, such as the report pages ({@code
 * <lake>/reports/<as_of>/index.html}): written on any Hadoop file system beside the target, then
 * renamed over it, so a reader sees the old page or the new one, never half of one.
 */
public final class TextFiles {
  private TextFiles() {}

  /** Writes {@code text} (UTF-8) to {@code path}, replacing the file there. */
  public static void replace(Lake lake, String path, String text) {
    Path target = new Path(path);
    Path temporary = new Path(path + ".tmp");
    try {
      FileSystem fs = target.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
      try (FSDataOutputStream out = fs.create(temporary, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(target, false);
      if (!fs.rename(temporary, target)) {
        throw new IOException("rename of " + temporary + " to " + target + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report to " + path, e);
    }
  }
}
