package io.effortlens.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.util.MLWritable;

/**
 * The model folders of the lake ({@code <lake>/models/<version>/}, beside the tables): MLlib
 * pipelines saved with their metadata, the defection classifier at the folder's root and the
 * time-to-defection model in its {@code survival/} subfolder. Scoring loads them with {@code
 * PipelineModel.load}; nothing else writes there.
 */
public final class ModelFolders {
  private ModelFolders() {}

  /** Saves {@code model} to {@code path} (any Hadoop file system), replacing what is there. */
  public static void save(MLWritable model, String path) {
    try {
      model.write().overwrite().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the model to " + path, e);
    }
  }
}
