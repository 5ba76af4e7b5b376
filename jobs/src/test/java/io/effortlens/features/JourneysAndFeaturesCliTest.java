package io.effortlens.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.cli.EffortLensCommand;
import io.effortlens.journey.EffortModel;
import io.effortlens.journey.EffortModelSchema;
import io.effortlens.journey.JourneySchema;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The journeys and features commands through the real CLI on a temp lake. */
@ExtendWith(SparkSessionExtension.class)
class JourneysAndFeaturesCliTest {
  private static final String FIT = "journey.effort-min-answers=5";

  @Test
  void rerunningJourneysWritesIdenticalRowsJourneyIdsIncluded(SparkSession spark) {
    Path dir = Scenario.tempLake();
    Scenario.append(Scenario.run(spark, dir, "setup"), Scenario.past());
    assertEquals(ExitCodes.OK, cli("--lake", dir.toString(), "--set", FIT, "journeys"));
    Lake lake = Lake.at(spark, dir.toString());
    List<Row> first = journeys(lake);
    assertEquals(ExitCodes.OK, cli("--lake", dir.toString(), "--set", FIT, "journeys"));
    assertEquals(first, journeys(lake));
    assertEquals(12, first.size());
    List<Row> model =
        lake.read(Table.EFFORT_MODELS, "journeys")
            .filter(col(EffortModelSchema.SCOPE).equalTo(EffortModelSchema.SCOPE_JOURNEYS))
            .collectAsList();
    assertEquals(EffortModel.FITTED, model.get(0).getAs(EffortModelSchema.METHOD));
    assertEquals(2 * 11, model.size(), "effort and propensity: intercept and ten terms each");
  }

  @Test
  void writesAMonthlySnapshotWithLabelsAndACatalogOfEveryFamily(SparkSession spark) {
    Path dir = Scenario.tempLake();
    RunContext setup = Scenario.run(spark, dir, "setup");
    Scenario.append(setup, Scenario.past());
    int code =
        cli(
            "--lake",
            dir.toString(),
            "features",
            "--snapshots",
            "monthly",
            "--from",
            "2024-05-15",
            "--to",
            "2024-06-01");
    assertEquals(ExitCodes.OK, code);
    Lake lake = setup.lake();
    assertEquals(Set.of("2024-06-01"), asOfs(lake, Table.CUSTOMER_FEATURES));
    assertEquals(Set.of("2024-06-01"), asOfs(lake, Table.DEFECTION_LABELS));
    Set<String> families =
        lake
            .read(Table.FEATURE_CATALOG, "features")
            .select(FeatureCatalogSchema.FAMILY)
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    assertEquals(Set.of("effort", "delight", "experience", "engagement", "profile"), families);
    long censored =
        lake.read(Table.DEFECTION_LABELS, "features")
            .filter(col(DefectionLabelSchema.IS_CENSORED))
            .count();
    assertTrue(censored > 0, "the data ends in May, so the horizon is censored");
  }

  @Test
  void rejectsAnUnknownSnapshotCadenceWithAUsageError(SparkSession spark) {
    Path dir = Scenario.tempLake();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          cli(
              "--lake",
              dir.toString(),
              "features",
              "--snapshots",
              "weekly",
              "--from",
              "2024-01-01",
              "--to",
              "2024-03-01");
    } finally {
      System.setErr(original);
    }
    assertEquals(ExitCodes.USAGE, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("Cannot use --snapshots weekly: expected 'monthly'"),
        err.toString(StandardCharsets.UTF_8));
  }

  private static int cli(String... args) {
    return EffortLensCommand.execute(args);
  }

  private static List<Row> journeys(Lake lake) {
    return lake.read(Table.JOURNEYS, "journeys")
        .orderBy(col(JourneySchema.JOURNEY_ID))
        .collectAsList();
  }

  private static Set<String> asOfs(Lake lake, Table table) {
    return lake
        .read(table, "features")
        .select(CustomerFeatureSchema.AS_OF)
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.get(0).toString())
        .collect(Collectors.toSet());
  }
}
