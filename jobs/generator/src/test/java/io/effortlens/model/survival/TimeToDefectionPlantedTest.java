package io.effortlens.model.survival;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.lake.Lake;
import io.effortlens.model.causal.DelightTrainingRows;
import io.effortlens.testing.PlantedLake;
import io.effortlens.testing.SparkSessionExtension;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the planted lake, the survival model trained on earlier snapshots orders the customers of the
 * latest fully observed snapshot by time to defection far better than chance.
 */
@ExtendWith(SparkSessionExtension.class)
@Tag("acceptance")
class TimeToDefectionPlantedTest {
  @Test
  void ranksTheTestPeriodByTimeToDefectionWellAboveChance(SparkSession spark) {
    Lake lake = PlantedLake.of(spark, PlantedLake.MODEL_TESTS).lake(spark);
    Dataset<Row> rows = DelightTrainingRows.load(lake);
    Date last = rows.agg(max(col("as_of"))).first().getDate(0);
    List<String> features = new ArrayList<>(DelightTrainingRows.confounders(lake, rows));
    features.add("delight_actions_90d");

    // train only on snapshots whose horizon ended by the test date: no overlap with test outcomes
    Column observedBefore = col("as_of").leq(date_sub(lit(last), 90));
    TimeToDefectionModel model = TimeToDefection.fit(rows.filter(observedBefore), features);
    double concordance = model.concordance(rows.filter(col("as_of").equalTo(last)));

    assertTrue(concordance > 0.6, "concordance on " + last + ": " + concordance);
  }
}
