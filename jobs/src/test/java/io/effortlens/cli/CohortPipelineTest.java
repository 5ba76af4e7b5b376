package io.effortlens.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.features.CustomerFeatureSchema;
import io.effortlens.features.DefectionLabelSchema;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.model.ModelRegistrySchema;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cohort example (a static churn export, {@code data-samples/examples/cohort/}) mapped by
 * {@code conf/sources/cohort-churn.yaml} runs end to end through the real CLI with its cohort dates
 * as explicit snapshots. It runs in every build, so the settings are the cheapest there are: no
 * bootstrap intervals of train, no stability windows, the fewest delight bootstrap rounds.
 */
@ExtendWith(SparkSessionExtension.class)
class CohortPipelineTest {
  private static final List<String> COHORTS =
      List.of("2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01");
  private static final String SCORE_DATE = "2025-01-01"; // the day after the export's last event

  CohortPipelineTest(SparkSession spark) {
    // the shared session exists before the command runs, so the command uses it as it is
  }

  @Test
  void runsTheCohortExportEndToEndOnExactlyItsCohortDates(SparkSession spark) throws IOException {
    Path cohort = TestLakes.samples().resolve("examples/cohort");
    Path dir = TestLakes.tempDir("cohort-lake");
    CliTest.Outcome o =
        CliTest.run(
            "--lake",
            dir.toString(),
            "--conf",
            TestLakes.repo().resolve("conf/effortlens.yaml").toString(),
            "--set",
            "train.bootstrap-rounds=0",
            "--set",
            "train.stability-windows=0",
            "--set",
            "delight.bootstrap-rounds=10",
            "pipeline",
            "--allow-raw-ids",
            "--snapshots",
            String.join(",", COHORTS),
            "--source",
            "cohort-churn",
            "--input",
            cohort.resolve("churn_export.csv").toString(),
            "--customers",
            cohort.resolve("customers.csv").toString());
    assertEquals(ExitCodes.OK, o.code(), o.out() + o.err());

    Lake lake = Lake.at(spark, dir.toString());
    Set<String> expected = new TreeSet<>(COHORTS);
    expected.add(SCORE_DATE);
    assertEquals(expected, asOfs(lake, Table.CUSTOMER_FEATURES));
    assertEquals(expected, asOfs(lake, Table.DEFECTION_LABELS));
    List<String> export = Files.readAllLines(cohort.resolve("churn_export.csv"));
    assertEquals(rows(export, "", "Y", "N"), labelled(lake, null), "who is in each cohort");
    assertEquals(rows(export, "Y"), labelled(lake, true), "who churned after each cohort date");
    assertEquals(
        Set.of(SCORE_DATE),
        lake
            .read(Table.DEFECTION_LABELS, "features")
            .filter(col(DefectionLabelSchema.IS_CENSORED))
            .select(DefectionLabelSchema.AS_OF)
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.get(0).toString())
            .collect(Collectors.toSet()),
        "only the score date's horizon lies after the data");

    List<Row> current =
        lake.read(Table.MODEL_REGISTRY, "train")
            .filter(col(ModelRegistrySchema.IS_CURRENT))
            .collectAsList();
    assertEquals(1, current.size(), "a model is registered");
    assertEquals(
        "[2024-01-01, 2024-04-01, 2024-07-01]",
        current
            .get(0)
            .getList(current.get(0).fieldIndex(ModelRegistrySchema.TRAINING_AS_OFS))
            .toString());
    assertTrue(o.out().contains("gold as of " + SCORE_DATE), o.out());
  }

  /** "customer_id as_of" of the export's rows whose churn_flag is one of {@code flags}. */
  private static Set<String> rows(List<String> export, String... flags) {
    List<String> header = List.of(export.get(0).split(",", -1));
    int id = header.indexOf("customer_id");
    int date = header.indexOf("cohort_date");
    int flag = header.indexOf("churn_flag");
    Set<String> wanted = Set.of(flags);
    return export.stream()
        .skip(1)
        .map(line -> line.split(",", -1))
        .filter(f -> wanted.contains(f[flag]))
        .map(f -> f[id] + " " + f[date])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** "customer_id as_of" of the label rows, all or those with is_defected = {@code defected}. */
  private static Set<String> labelled(Lake lake, Boolean defected) {
    var labels = lake.read(Table.DEFECTION_LABELS, "features");
    if (defected != null) {
      labels = labels.filter(col(DefectionLabelSchema.IS_DEFECTED).equalTo(defected));
    }
    return labels
        .select(DefectionLabelSchema.CUSTOMER_ID, DefectionLabelSchema.AS_OF)
        .collectAsList()
        .stream()
        .map(r -> r.getString(0) + " " + r.get(1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> asOfs(Lake lake, Table table) {
    return lake
        .read(table, "features")
        .select(CustomerFeatureSchema.AS_OF)
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.get(0).toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
