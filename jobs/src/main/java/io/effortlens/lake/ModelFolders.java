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
  /** The time-to-defection model's subfolder of a model folder. */
  public static final String SURVIVAL = "survival";

  private ModelFolders() {}

  /**
   * Saves one model version's folder {@code <lake>/<folder>}: the defection classifier at its root
   * and the time-to-defection model in {@value #SURVIVAL}/. Train writes it before the registry
   * row: a crash between leaves an unused folder, never a row without its model. Returns the
   * folder's path.
   */
  public static String save(Lake lake, String folder, MLWritable classifier, MLWritable survival) {
    String path = lake.path(folder);
    save(classifier, path);
    save(survival, path + "/" + SURVIVAL);
    return path;
  }

  /** Saves {@code model} to {@code path} (any Hadoop file system), replacing what is there. */
  public static void save(MLWritable model, String path) {
    try {
      model.write().overwrite().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the model to " + path, e);
    }
  }
}
