package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.effortlens.scoring.Candidate;
import io.effortlens.scoring.ReasonCatalog;
import io.effortlens.scoring.Reasons;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One counterfactual: a customer's reason contributions (customer_risk) are that customer's terms
 * of the disloyalty pie (driver_effects' defections avoided): the same reference values (0 for
 * counts, an in-support charge) and the same window grouping (zeroing 30 days of repeat contacts
 * also removes them from the 90-day count) and the same containment (zeroing repeat contacts also
 * removes them from the assisted contacts). Checked on a known model, per customer and summed.
 */
@ExtendWith(SparkSessionExtension.class)
class ReasonsAgreeWithThePieTest {
  private static final String LOGIT =
      "-2 + 0.4 * repeat_contacts_30d + 0.2 * repeat_contacts_90d + 0.01 * monthly_charge"
          + " + 0.3 * assisted_contacts_90d";
  private static final List<Driver> DRIVERS =
      List.of(
          new Driver("monthly_charge", "profile", "charge", 44.0),
          new Driver("repeat_contacts_30d", "effort", "repeats 30", 0.0),
          new Driver("repeat_contacts_90d", "effort", "repeats 90", 0.0),
          new Driver("assisted_contacts_90d", "effort", "assisted 90", 0.0),
          new Driver("csat_mean_90d", "experience", "csat", null));

  private static Dataset<Row> customers(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("as_of", DataTypes.DateType)
            .add("customer_id", DataTypes.StringType)
            .add("monthly_charge", DataTypes.DoubleType)
            .add("repeat_contacts_30d", DataTypes.LongType)
            .add("repeat_contacts_90d", DataTypes.LongType)
            .add("assisted_contacts_90d", DataTypes.LongType)
            .add("csat_mean_90d", DataTypes.DoubleType);
    Date asOf = Date.valueOf("2025-01-01");
    return spark.createDataFrame(
        List.of(
            RowFactory.create(asOf, "a", 90.0, 2L, 5L, 6L, 3.0),
            RowFactory.create(asOf, "b", 60.0, 1L, 1L, 2L, 4.0),
            RowFactory.create(asOf, "c", 118.0, 3L, 7L, 4L, 2.0)),
        schema);
  }

  private static PipelineModel model(Dataset<Row> any) {
    SQLTransformer probability =
        new SQLTransformer()
            .setStatement(
                "SELECT *, 1 / (1 + exp(-("
                    + LOGIT
                    + "))) AS "
                    + ModelPipelines.DEFECTION_PROBABILITY
                    + " FROM __THIS__");
    return new Pipeline().setStages(new PipelineStage[] {probability}).fit(any);
  }

  /** driver → contribution, summed over the given customers' reasons. */
  private static Map<String, Double> reasons(Dataset<Row> customers, PipelineModel model) {
    List<Candidate> candidates =
        DRIVERS.stream()
            .filter(Driver::hasReference)
            .map(d -> new Candidate(d.name(), d.family(), d.reference(), d.description(), 90, true))
            .toList();
    ReasonCatalog catalog = ReasonCatalog.load(TestLakes.repo().resolve("conf"));
    List<Row> explained =
        Reasons.explain(
                customers,
                "customer_id",
                model,
                scored -> col(ModelPipelines.DEFECTION_PROBABILITY),
                candidates,
                catalog,
                10)
            .collectAsList();
    Map<String, Double> out = new HashMap<>();
    for (Row customer : explained) {
      for (Row reason : customer.<Row>getList(2)) {
        out.merge(reason.getAs("driver"), reason.<Double>getAs("contribution"), Double::sum);
      }
    }
    return out;
  }

  private static void assertSameValues(Dataset<Row> customers, PipelineModel model) {
    Map<String, double[]> pie = Attribution.avoided(model, customers, DRIVERS, 0, 7);
    Map<String, Double> reasons = reasons(customers, model);
    assertEquals(4, reasons.size(), reasons.toString());
    reasons.forEach(
        (driver, contribution) ->
            assertEquals(pie.get(driver)[0], contribution, 1e-12, driver + " " + reasons));
  }

  @Test
  void eachCustomersReasonsAreItsTermsOfThePie(SparkSession spark) {
    Dataset<Row> all = customers(spark).cache();
    PipelineModel model = model(all);
    for (String id : List.of("a", "b", "c")) {
      assertSameValues(all.where(col("customer_id").equalTo(id)), model);
    }
    assertSameValues(all, model);
  }

  @Test
  void zeroingThirtyDaysAlsoEmptiesThemFromTheNinetyDayCount(SparkSession spark) {
    Dataset<Row> a = customers(spark).where(col("customer_id").equalTo("a"));
    double observed = p(90, 2, 5, 6);
    double nested = observed - p(90, 0, 3, 4);
    double alone = observed - p(90, 0, 5, 6);
    double contribution = reasons(a, model(a)).get("repeat_contacts_30d");
    assertEquals(nested, contribution, 1e-12, "the 90-day count loses the 2 removed contacts");
    assertNotEquals(alone, contribution, 1e-6, "not the 30-day window changed alone");
    assertEquals(observed - p(44, 2, 5, 6), reasons(a, model(a)).get("monthly_charge"), 1e-12);
  }

  /**
   * Repeat contacts are assisted contacts: without its 5 repeats in 90 days, customer a (6
   * assisted) has 1 assisted contact, in its reasons and in the pie; customer c's 7 repeats
   * (journeys reaching back before the window) exceed its 4 assisted contacts of the window, which
   * stop at 0.
   */
  @Test
  void zeroingRepeatContactsAlsoRemovesThemFromTheAssistedContacts(SparkSession spark) {
    Dataset<Row> all = customers(spark).cache();
    Dataset<Row> a = all.where(col("customer_id").equalTo("a"));
    double contribution = reasons(a, model(a)).get("repeat_contacts_90d");
    assertEquals(p(90, 2, 5, 6) - p(90, 0, 0, 1), contribution, 1e-12, "6 - 5 assisted left");
    assertNotEquals(p(90, 2, 5, 6) - p(90, 0, 0, 6), contribution, 1e-6, "not assisted as seen");
    Dataset<Row> c = all.where(col("customer_id").equalTo("c"));
    assertEquals(
        p(118, 3, 7, 4) - p(118, 0, 0, 0),
        reasons(c, model(c)).get("repeat_contacts_90d"),
        1e-12,
        "4 - 7 assisted, clamped at 0");
    double pie = Attribution.avoided(model(all), c, DRIVERS, 0, 7).get("repeat_contacts_90d")[0];
    assertEquals(p(118, 3, 7, 4) - p(118, 0, 0, 0), pie, 1e-12, "the pie's term is the same");
  }

  private static double p(double charge, double repeats30, double repeats90, double assisted90) {
    double logit = -2 + 0.4 * repeats30 + 0.2 * repeats90 + 0.01 * charge + 0.3 * assisted90;
    return 1 / (1 + Math.exp(-logit));
  }
}
