package io.effortlens.model.survival;

import io.effortlens.lake.ModelFolders;
import java.util.Arrays;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted {@link TimeToDefection} model: {@link #transform} adds {@link
 * TimeToDefection#EXPECTED_MONTHS} (and nothing else) to snapshot rows; {@link #concordance} scores
 * it on labelled rows; saved and loaded as a plain {@link PipelineModel} directory.
 */
public final class TimeToDefectionModel {
  private final PipelineModel pipeline;

  public TimeToDefectionModel(PipelineModel pipeline) {
    this.pipeline = pipeline;
  }

  public PipelineModel pipeline() {
    return pipeline;
  }

  /** Adds expected_months_to_defection; the input columns are kept as they are. */
  public Dataset<Row> transform(Dataset<Row> rows) {
    String[] before = rows.columns();
    Dataset<Row> scored = pipeline.transform(rows);
    String[] added =
        Arrays.stream(scored.columns())
            .filter(c -> !Arrays.asList(before).contains(c))
            .filter(c -> !c.equals(TimeToDefection.EXPECTED_MONTHS))
            .toArray(String[]::new);
    return scored.drop(added);
  }

  /** Harrell's C of the expected months on labelled snapshots (e.g. the test period). */
  public double concordance(Dataset<Row> labelled) {
    Dataset<Row> scored = transform(SurvivalRows.withTimeAndEvent(labelled));
    return Concordance.harrell(
        scored, SurvivalRows.TIME_DAYS, SurvivalRows.EVENT, TimeToDefection.EXPECTED_MONTHS);
  }

  /** Writes the pipeline to {@code path} (a model folder of the lake), replacing what is there. */
  public void save(String path) {
    ModelFolders.save(pipeline, path);
  }

  public static TimeToDefectionModel load(String path) {
    return new TimeToDefectionModel(PipelineModel.load(path));
  }
}
