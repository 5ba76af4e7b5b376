package io.effortlens.model.causal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortlens.lake.Lake;
import io.effortlens.testing.PlantedLake;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the planted lake (2,500 customers x 15 months, seed 11), where delight is granted to the
 * customers who suffered most effort, the AIPW estimate for 'any' delight action recovers the
 * planted protective effect (truth.json delight_effect, per action over the 90 days after it)
 * within 2 percentage points, while the naive difference says delight drives customers away.
 */
@ExtendWith(SparkSessionExtension.class)
@Tag("acceptance")
class DelightEffectsPlantedTest {
  @Test
  void aipwRecoversThePlantedEffectWhileTheNaiveDifferenceIsBiased(SparkSession spark)
      throws IOException {
    PlantedLake planted = PlantedLake.of(spark, PlantedLake.MODEL_TESTS);
    Lake lake = planted.lake(spark);
    Dataset<Row> rows = DelightTrainingRows.load(lake);
    DelightSettings settings =
        DelightSettings.from(TestLakes.settings("delight.bootstrap-rounds=100"))
            .withActionTypes(List.of());

    Row any =
        DelightEffects.estimate(rows, DelightTrainingRows.confounders(lake, rows), settings, "t1")
            .first();

    double planted_ = plantedEffect(planted);
    double effect = any.getAs(DelightEffectSchema.EFFECT);
    double naive = any.getAs(DelightEffectSchema.NAIVE_EFFECT);
    String report = "planted " + planted_ + ", row " + any;
    assertTrue(planted_ < 0, report);
    assertEquals(planted_, effect, 0.02, report);
    assertTrue(naive > 0 && naive - planted_ > 0.02, "naive is not visibly biased: " + report);
    assertTrue(any.<Double>getAs(DelightEffectSchema.EFFECT_LOW) < effect, report);
    assertTrue(any.<Double>getAs(DelightEffectSchema.EFFECT_HIGH) > effect, report);
  }

  /** truth.json's delight effect as a probability difference. */
  private static double plantedEffect(PlantedLake planted) throws IOException {
    return new ObjectMapper()
            .readTree(planted.truthJson().toFile())
            .path("delight_effect")
            .path("avg_effect_on_p_defect_90d_pp")
            .asDouble(Double.NaN)
        / 100;
  }
}
