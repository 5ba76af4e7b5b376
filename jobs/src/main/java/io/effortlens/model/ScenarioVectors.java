package io.effortlens.model;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nanvl;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.when;

import io.effortlens.features.WindowedCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The counterfactual copies of the test rows ({@link Counterfactuals}) scored by a fitted model on
 * prepared vectors instead of through its whole pipeline. Grain in: one row per (as_of,
 * customer_id); out: one per (scenario, as_of, customer_id) with the keys and what the model's
 * stages after its assembler add (for a calibrated model {@link
 * ModelPipelines#DEFECTION_PROBABILITY}).
 *
 * <p>A scenario changes only numeric driver columns, and a driver's preparation is element-wise:
 * cast to double, nulls and NaN imputed with the fitted median (the {@link ImputerModel}'s
 * surrogate), one element of the assembled vector at the driver's position. So the test rows go
 * through the stages up to the assembler once (n rows, not |scenarios| × n) and are broadcast to
 * the scenarios, spread over the cores by scenario; each copy replaces the elements of the drivers
 * its scenario changes by the imputed {@link Counterfactuals#changedUnder} values, the vector is
 * assembled again (the same values in the same sparse or dense form) and only the stages after the
 * assembler (scaler, classifier, calibration) score it. The copies are never shuffled: the sums per
 * scenario read them where they are. {@code ScenarioVectorsTest} checks every copy's vector and
 * probability equal those of {@link Counterfactuals#explode} through the whole pipeline, exactly.
 */
final class ScenarioVectors {
  private static final String VALUES = "assembled__values";
  private static final String ELEMENT = "assembled__element_";
  private static final String REST = "assembled__rest";

  private ScenarioVectors() {}

  /**
   * Whether {@link #scored} can score {@code model}'s copies: its preparation imputes each driver
   * that a scenario changes and assembles it as one of the vector's leading elements (as {@link
   * ModelPipelines} builds both model kinds). Otherwise the caller scores {@link
   * Counterfactuals#explode}'s copies through the whole pipeline.
   */
  static boolean applies(PipelineModel model, Dataset<Row> test, List<Driver> drivers) {
    Layout layout = Layout.of(model);
    Set<String> columns = Set.of(test.columns());
    return layout != null
        && drivers.stream()
            .filter(d -> Counterfactuals.changedUnder(d.name(), drivers, columns) != null)
            .allMatch(d -> layout.position(d) >= 0);
  }

  /**
   * The scenario copies of {@code test} scored by {@code model} (preparation stages, classifier and
   * possibly calibration, nested or flat; {@link #applies}), partitioned by {@link
   * Counterfactuals#SCENARIO}.
   */
  static Dataset<Row> scored(PipelineModel model, Dataset<Row> test, List<Driver> drivers) {
    Layout layout = Layout.of(model);
    if (layout == null) {
      throw new IllegalStateException(
          "Cannot score counterfactuals on vectors: no imputer before a vector assembler in "
              + model);
    }
    String assembled = layout.assembler().getOutputCol();
    Dataset<Row> prepared = layout.prepare(test);
    int size = AttributeGroup.fromStructField(prepared.schema().apply(assembled)).size();
    List<Column> kept = new ArrayList<>();
    for (String c : test.columns()) {
      if (kept(c, drivers)) {
        kept.add(col("`" + c + "`"));
      }
    }
    kept.add(vector_to_array(col(assembled), "float64").as(VALUES));
    List<Column> copy = new ArrayList<>();
    copy.add(col(Counterfactuals.SCENARIO));
    copy.add(col(TrainingSet.AS_OF));
    copy.add(col(TrainingSet.CUSTOMER_ID));
    copy.addAll(elements(layout, drivers, Set.of(test.columns())));
    int rest = size - layout.scalars();
    if (rest > 0) {
      copy.add(
          array_to_vector(slice(col(VALUES), lit(layout.scalars() + 1), lit(rest)))
              .as(REST, new AttributeGroup(REST, rest).toMetadata()));
    }
    int cores = test.sparkSession().sparkContext().defaultParallelism();
    Dataset<Row> copies =
        test.sparkSession()
            .createDataset(Counterfactuals.scenarios(drivers), Encoders.STRING())
            .toDF(Counterfactuals.SCENARIO)
            .repartition(cores, col(Counterfactuals.SCENARIO))
            .crossJoin(broadcast(prepared.select(kept.toArray(Column[]::new))))
            .select(copy.toArray(Column[]::new));
    // the leading elements as separate columns and the rest as one vector, assembled as the
    // model's assembler assembles them: the same values in the same (sparse or dense) form
    List<String> inputs = new ArrayList<>();
    for (int k = 0; k < layout.scalars(); k++) {
      inputs.add(ELEMENT + k);
    }
    if (rest > 0) {
      inputs.add(REST);
    }
    Dataset<Row> scored =
        new VectorAssembler()
            .setInputCols(inputs.toArray(String[]::new))
            .setOutputCol(assembled)
            .setHandleInvalid(layout.assembler().getHandleInvalid())
            .transform(copies)
            .drop(inputs.toArray(String[]::new));
    for (Transformer t : layout.scoring()) {
      scored = t.transform(scored);
    }
    return scored;
  }

  /** Keys, the drivers and the windowed counts their scenarios may read. */
  private static boolean kept(String c, List<Driver> drivers) {
    return c.equals(TrainingSet.AS_OF)
        || c.equals(TrainingSet.CUSTOMER_ID)
        || WindowedCounts.parse(c).isPresent()
        || drivers.stream().anyMatch(d -> d.name().equals(c));
  }

  /**
   * The leading (scalar) elements of the assembled vector, one column each ({@value #ELEMENT}k):
   * each driver's imputed value in the row's scenario where some scenario changes it, the others as
   * prepared.
   */
  private static List<Column> elements(Layout layout, List<Driver> drivers, Set<String> columns) {
    ImputerModel imputer = layout.imputer();
    Row surrogates = imputer.surrogateDF().first();
    Column values = col(VALUES);
    Column[] elements = new Column[layout.scalars()];
    for (int k = 0; k < elements.length; k++) {
      elements[k] = element_at(values, k + 1);
    }
    for (Driver d : drivers) {
      Column changed = Counterfactuals.changedUnder(d.name(), drivers, columns);
      if (changed == null) {
        continue;
      }
      int k = layout.position(d);
      if (k < 0) {
        throw new IllegalStateException(
            "Cannot score the counterfactuals of driver "
                + d.name()
                + " on vectors: its imputed column is not one of the assembler's leading inputs ("
                + List.of(layout.assembler().getInputCols())
                + ")");
      }
      double median = surrogates.getDouble(surrogates.fieldIndex(d.input()));
      elements[k] = imputed(changed, median, imputer.getMissingValue());
    }
    List<Column> out = new ArrayList<>();
    for (int k = 0; k < elements.length; k++) {
      out.add(elements[k].as(ELEMENT + k));
    }
    return out;
  }

  /**
   * What the imputer does to the cast column: null and its missing value to the median. For NaN,
   * the imputer's default, {@code value} is referenced once: a CASE would evaluate the scenario's
   * expression once per branch, as nothing shares it across conditional branches.
   */
  private static Column imputed(Column value, double median, double missing) {
    if (Double.isNaN(missing)) {
      return coalesce(nanvl(value, lit(median)), lit(median));
    }
    return when(value.isNull(), lit(median))
        .when(value.equalTo(lit(missing)), lit(median))
        .otherwise(value);
  }

  /**
   * A fitted model's stages (nested pipelines flattened) around its first vector assembler, whose
   * {@code scalars} leading inputs are imputer outputs (one vector element each).
   */
  private record Layout(List<Transformer> stages, int at, ImputerModel imputer, int scalars) {
    /** The layout of {@code model}, or null without an imputer before a vector assembler. */
    static Layout of(PipelineModel model) {
      List<Transformer> stages = ModelPipelines.stages(model);
      for (int a = 0; a < stages.size(); a++) {
        if (stages.get(a) instanceof VectorAssembler assembler) {
          ImputerModel imputer =
              stages.subList(0, a).stream()
                  .filter(ImputerModel.class::isInstance)
                  .map(ImputerModel.class::cast)
                  .findFirst()
                  .orElse(null);
          if (imputer == null) {
            return null;
          }
          List<String> imputed = List.of(imputer.getOutputCols());
          String[] inputs = assembler.getInputCols();
          int scalars = 0;
          while (scalars < inputs.length && imputed.contains(inputs[scalars])) {
            scalars++;
          }
          return new Layout(stages, a, imputer, scalars);
        }
      }
      return null;
    }

    VectorAssembler assembler() {
      return (VectorAssembler) stages.get(at);
    }

    /** The stages up to the assembler applied to {@code rows}. */
    Dataset<Row> prepare(Dataset<Row> rows) {
      Dataset<Row> out = rows;
      for (Transformer t : stages.subList(0, at + 1)) {
        out = t.transform(out);
      }
      return out;
    }

    /** The stages after the assembler (scaler, classifier, calibration). */
    List<Transformer> scoring() {
      return stages.subList(at + 1, stages.size());
    }

    /**
     * The vector element of driver {@code d}'s imputed value of its cast input, or -1 when it is
     * not one of the leading scalar elements.
     */
    int position(Driver d) {
      int k = List.of(assembler().getInputCols()).indexOf(d.imputed());
      int j = List.of(imputer.getOutputCols()).indexOf(d.imputed());
      boolean input = j >= 0 && imputer.getInputCols()[j].equals(d.input());
      return k >= 0 && k < scalars && input ? k : -1;
    }
  }
}
