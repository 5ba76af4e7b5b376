package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.effortlens.testing.SparkSessionExtension;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Counterfactual rows: one driver at its reference, nested windows kept consistent. */
@ExtendWith(SparkSessionExtension.class)
class CounterfactualsTest {
  private static final List<Driver> DRIVERS =
      List.of(
          new Driver("repeat_contacts_30d", "effort", "", 0.0),
          new Driver("repeat_contacts_90d", "effort", "", 0.0),
          new Driver("repeat_contacts_180d", "effort", "", 0.0),
          new Driver("transfers_90d", "effort", "", 0.0),
          new Driver("days_since_high_effort_journey", "effort", "", null));

  private static Dataset<Row> oneCustomer(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("as_of", DataTypes.DateType)
            .add("customer_id", DataTypes.StringType)
            .add("repeat_contacts_30d", DataTypes.LongType)
            .add("repeat_contacts_90d", DataTypes.LongType)
            .add("repeat_contacts_180d", DataTypes.LongType)
            .add("transfers_90d", DataTypes.LongType)
            .add("days_since_high_effort_journey", DataTypes.IntegerType);
    return spark.createDataFrame(
        List.of(RowFactory.create(Date.valueOf("2025-01-01"), "c1", 1L, 3L, 5L, 2L, 12)), schema);
  }

  private static Row scenario(Dataset<Row> rows, String name) {
    return rows.where(rows.col(Counterfactuals.SCENARIO).equalTo(name)).first();
  }

  @Test
  void zeroingNinetyDaysEmptiesThirtyAndSubtractsFromOneEighty(SparkSession spark) {
    Dataset<Row> rows = Counterfactuals.explode(oneCustomer(spark), DRIVERS).cache();
    assertEquals(6, rows.count(), "observed + one scenario per driver with a reference + effort");
    Row r = scenario(rows, "repeat_contacts_90d");
    assertEquals(0.0, r.<Double>getAs("repeat_contacts_30d"));
    assertEquals(0.0, r.<Double>getAs("repeat_contacts_90d"));
    assertEquals(2.0, r.<Double>getAs("repeat_contacts_180d"));
    assertEquals(2.0, r.<Double>getAs("transfers_90d"), "other drivers as observed");
    assertEquals(12.0, r.<Double>getAs("days_since_high_effort_journey"));
  }

  /**
   * With in-support references a long window may have one above 0 (everyone active in 180 days):
   * set alone, it changes no other window; zeroing a shorter window still subtracts from it.
   */
  @Test
  void aWindowWhoseReferenceIsNotZeroIsSetAloneYetShorterZerosStillNestInIt(SparkSession spark) {
    List<Driver> drivers =
        List.of(
            new Driver("repeat_contacts_30d", "effort", "", 0.0),
            new Driver("repeat_contacts_90d", "effort", "", 0.0),
            new Driver("repeat_contacts_180d", "effort", "", 2.0));
    Dataset<Row> rows = Counterfactuals.explode(oneCustomer(spark), drivers).cache();
    Row longest = scenario(rows, "repeat_contacts_180d");
    assertEquals(2.0, longest.<Double>getAs("repeat_contacts_180d"));
    assertEquals(1.0, longest.<Double>getAs("repeat_contacts_30d"), "shorter windows as observed");
    assertEquals(3.0, longest.<Double>getAs("repeat_contacts_90d"));
    Row shortest = scenario(rows, "repeat_contacts_30d");
    assertEquals(2.0, shortest.<Double>getAs("repeat_contacts_90d"), "3 - 1");
    assertEquals(4.0, shortest.<Double>getAs("repeat_contacts_180d"), "5 - 1");
  }

  @Test
  void observedScenarioKeepsEveryValueAndDriversWithoutReferenceGetNoScenario(SparkSession spark) {
    Dataset<Row> rows = Counterfactuals.explode(oneCustomer(spark), DRIVERS).cache();
    Row r = scenario(rows, Counterfactuals.OBSERVED);
    assertEquals(3.0, r.<Double>getAs("repeat_contacts_90d"));
    assertEquals(
        0,
        rows.where(rows.col(Counterfactuals.SCENARIO).equalTo("days_since_high_effort_journey"))
            .count());
    assertNull(DriverReferences.of("csat_mean_90d", "experience"));
  }

  private static final String[] CONTACT_COLUMNS = {
    "repeat_contacts_30d", "repeat_contacts_90d", "repeat_contacts_180d",
    "assisted_contacts_30d", "assisted_contacts_90d", "assisted_contacts_180d",
    "touchpoints_90d", "contacts_per_journey_30d", "contacts_per_journey_90d",
    "contacts_per_journey_180d"
  };

  /** Customer c0 with the values of {@link #CONTACT_COLUMNS}, in that order. */
  private static Dataset<Row> contacts(SparkSession spark, Object... counts) {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType);
    for (String c : CONTACT_COLUMNS) {
      schema =
          schema.add(c, c.startsWith("contacts_per") ? DataTypes.DoubleType : DataTypes.LongType);
    }
    Object[] values = new Object[CONTACT_COLUMNS.length + 1];
    values[0] = "c0";
    System.arraycopy(counts, 0, values, 1, CONTACT_COLUMNS.length);
    return spark.createDataFrame(List.of(RowFactory.create(values)), schema);
  }

  private static List<Driver> contactDrivers() {
    return java.util.Arrays.stream(CONTACT_COLUMNS)
        .map(c -> new Driver(c, "effort", "", 0.0))
        .toList();
  }

  private static Row scenario(Dataset<Row> rows, String customer, String name) {
    return rows.where(
            rows.col(Counterfactuals.SCENARIO)
                .equalTo(name)
                .and(rows.col("customer_id").equalTo(customer)))
        .first();
  }

  /**
   * Repeat contacts are assisted contacts, which are touchpoints: without its 3 repeat contacts in
   * 90 days, a customer with 5 assisted contacts and 8 touchpoints has 2 and 5; the other windows
   * lose what the nesting removes from the repeat window of their length.
   */
  @Test
  void zeroingThreeRepeatsOfFiveAssistedContactsLeavesTwoAndLowersTheTouchpoints(
      SparkSession spark) {
    Object[] customer = {1L, 3L, 4L, 2L, 5L, 7L, 8L, 2.0, 1.5, 1.2};
    Dataset<Row> rows = Counterfactuals.explode(contacts(spark, customer), contactDrivers());
    Row r = scenario(rows, "c0", "repeat_contacts_90d");
    assertEquals(0.0, r.<Double>getAs("repeat_contacts_90d"));
    assertEquals(2.0, r.<Double>getAs("assisted_contacts_90d"), "5 - 3");
    assertEquals(1.0, r.<Double>getAs("assisted_contacts_30d"), "2 - the 1 repeat of 30 days");
    assertEquals(4.0, r.<Double>getAs("assisted_contacts_180d"), "7 - the 3 removed of 180 days");
    assertEquals(5.0, r.<Double>getAs("touchpoints_90d"), "8 - 3: the removed contacts too");
    assertEquals(1.5, r.<Double>getAs("contacts_per_journey_90d"), "a mean is no count of them");
  }

  /**
   * Containment runs one way: without assisted contacts the repeat count is kept (the pie's
   * repeat-contacts scenario carries that share); the touchpoints lose the contacts.
   */
  @Test
  void zeroingAssistedContactsLowersTouchpointsButNotRepeats(SparkSession spark) {
    Object[] customer = {1L, 3L, 4L, 2L, 5L, 7L, 8L, 2.0, 1.5, 1.2};
    Dataset<Row> rows = Counterfactuals.explode(contacts(spark, customer), contactDrivers());
    Row r = scenario(rows, "c0", "assisted_contacts_90d");
    assertEquals(3.0, r.<Double>getAs("repeat_contacts_90d"));
    assertEquals(3.0, r.<Double>getAs("touchpoints_90d"), "8 - 5");
    assertEquals(0.0, r.<Double>getAs("assisted_contacts_30d"));
    assertEquals(2.0, r.<Double>getAs("assisted_contacts_180d"), "7 - 5");
  }

  /**
   * repeat_contacts counts journeys by their last touchpoint, assisted_contacts contacts by their
   * start: a journey that began before the window can bring more repeats than the window has
   * contacts. The container never goes below 0.
   */
  @Test
  void aContainingCountIsClampedAtZero(SparkSession spark) {
    Object[] customer = {0L, 3L, 3L, 0L, 2L, 5L, 2L, 0.0, 3.0, 3.0};
    Dataset<Row> rows = Counterfactuals.explode(contacts(spark, customer), contactDrivers());
    Row r = scenario(rows, "c0", "repeat_contacts_90d");
    assertEquals(0.0, r.<Double>getAs("assisted_contacts_90d"), "2 - 3, clamped");
    assertEquals(0.0, r.<Double>getAs("touchpoints_90d"), "2 - 3, clamped");
    assertEquals(2.0, r.<Double>getAs("assisted_contacts_180d"), "5 - 3");
  }

  /**
   * contacts_per_journey is a mean over each window's journeys: the 30-day mean is not part of the
   * 90-day one, so each window is set alone, and its windows are no measure of one count.
   */
  @Test
  void windowsOfAMeanAreSetAloneAndStandAlone(SparkSession spark) {
    Object[] customer = {1L, 3L, 4L, 2L, 5L, 7L, 8L, 2.0, 1.5, 1.2};
    Dataset<Row> rows = Counterfactuals.explode(contacts(spark, customer), contactDrivers());
    Row r = scenario(rows, "c0", "contacts_per_journey_90d");
    assertEquals(0.0, r.<Double>getAs("contacts_per_journey_90d"));
    assertEquals(2.0, r.<Double>getAs("contacts_per_journey_30d"), "not emptied");
    assertEquals(1.2, r.<Double>getAs("contacts_per_journey_180d"), "not 1.2 - 1.5");
    assertEquals(5.0, r.<Double>getAs("assisted_contacts_90d"), "a mean contains no count");
    List<Measures.Measure> measures =
        Measures.group(
            List.of(
                new Measures.Ranked("contacts_per_journey_90d", "effort", 0.0),
                new Measures.Ranked("contacts_per_journey_30d", "effort", 0.0)));
    assertEquals(2, measures.size(), "two measures, not one with the 90-day effect");
  }

  /** Without the repeat window of its length among the columns, a container window is kept. */
  @Test
  void aContainerWindowWithoutItsRepeatWindowIsKept(SparkSession spark) {
    Object[] customer = {1L, 3L, 4L, 2L, 5L, 7L, 8L, 2.0, 1.5, 1.2};
    Dataset<Row> rows =
        Counterfactuals.explode(
            contacts(spark, customer).drop("repeat_contacts_30d"),
            contactDrivers().stream()
                .filter(d -> !d.name().equals("repeat_contacts_30d"))
                .toList());
    Row r = scenario(rows, "c0", "repeat_contacts_90d");
    assertEquals(2.0, r.<Double>getAs("assisted_contacts_30d"), "unknown change: as observed");
    assertEquals(2.0, r.<Double>getAs("assisted_contacts_90d"));
  }

  private static final String[] FAMILY_COLUMNS = {
    "repeat_contacts_30d",
    "repeat_contacts_90d",
    "repeat_contacts_180d",
    "assisted_contacts_90d",
    "assisted_contacts_180d",
    "touchpoints_30d",
    "touchpoints_90d",
    "touchpoints_180d"
  };

  /**
   * Effort: repeat contacts in 90 and 180 days and assisted contacts in 90 and 180 days at 0, the
   * 30-day repeats without a reference; engagement: the touchpoints of 30, 90 and 180 days.
   */
  private static List<Driver> familyDrivers() {
    return List.of(
        new Driver("repeat_contacts_30d", "effort", "", null),
        new Driver("repeat_contacts_90d", "effort", "", 0.0),
        new Driver("repeat_contacts_180d", "effort", "", 0.0),
        new Driver("assisted_contacts_90d", "effort", "", 0.0),
        new Driver("assisted_contacts_180d", "effort", "", 0.0),
        new Driver("touchpoints_30d", "engagement", "", 0.0),
        new Driver("touchpoints_90d", "engagement", "", 0.0),
        new Driver("touchpoints_180d", "engagement", "", 0.0));
  }

  private static Dataset<Row> familyCustomer(SparkSession spark) {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType);
    for (String c : FAMILY_COLUMNS) {
      schema = schema.add(c, DataTypes.LongType);
    }
    // repeats 1 / 3 / 4 of 5 / 9 assisted contacts, among 4 / 8 / 12 touchpoints
    return spark.createDataFrame(
        List.of(RowFactory.create("c0", 1L, 3L, 4L, 5L, 9L, 4L, 8L, 12L)), schema);
  }

  /**
   * The effort family at its references at once: every window of repeats and assisted contacts is
   * empty (the 30-day repeats, without a reference, by the nesting in the 180-day window), and the
   * touchpoints, outside the family, lose per window the largest of the contained changes — the
   * assisted contacts where known (5 of 8, 9 of 12), the repeat where not (1 of 4: no 30-day
   * assisted column) — each event once. Summing the single-driver scenarios instead removes 16
   * touchpoints of 8 in 90 days: 3 (repeats 90d) + 3 (repeats 180d, nesting them) + 5 + 5.
   */
  @Test
  void aFamilyScenarioSetsTheFamilyAtItsReferencesAtOnceRemovingEachEventOnce(SparkSession spark) {
    Dataset<Row> rows = Counterfactuals.explode(familyCustomer(spark), familyDrivers()).cache();
    assertEquals(1 + 7 + 2, rows.count(), "observed, 7 drivers with a reference, 2 families");
    Row effort = scenario(rows, "c0", Counterfactuals.family("effort"));
    for (String c : new String[] {"repeat_contacts_30d", "repeat_contacts_90d"}) {
      assertEquals(0.0, effort.<Double>getAs(c), c);
    }
    assertEquals(0.0, effort.<Double>getAs("assisted_contacts_90d"), "in the family: at 0");
    assertEquals(0.0, effort.<Double>getAs("assisted_contacts_180d"));
    assertEquals(3.0, effort.<Double>getAs("touchpoints_30d"), "4 - the 1 repeat");
    assertEquals(3.0, effort.<Double>getAs("touchpoints_90d"), "8 - max(3 repeats, 5 assisted)");
    assertEquals(3.0, effort.<Double>getAs("touchpoints_180d"), "12 - max(4, 9)");

    double removedBySum = 0;
    for (String d :
        List.of(
            "repeat_contacts_90d",
            "repeat_contacts_180d",
            "assisted_contacts_90d",
            "assisted_contacts_180d")) {
      removedBySum += 8.0 - scenario(rows, "c0", d).<Double>getAs("touchpoints_90d");
    }
    assertEquals(16.0, removedBySum, "the single scenarios each remove the same contacts");

    Row engagement = scenario(rows, "c0", Counterfactuals.family("engagement"));
    assertEquals(0.0, engagement.<Double>getAs("touchpoints_180d"));
    assertEquals(3.0, engagement.<Double>getAs("repeat_contacts_90d"), "contained: as observed");
    assertEquals(9.0, engagement.<Double>getAs("assisted_contacts_180d"));
  }

  /**
   * A family's nested window with a reference that is not 0 is at it; the family's shorter window
   * at 0 empties the windows shorter than itself only.
   */
  @Test
  void aFamilyWindowWithAnInSupportReferenceIsAtItInTheFamilyScenario(SparkSession spark) {
    List<Driver> drivers =
        List.of(
            new Driver("repeat_contacts_30d", "effort", "", null),
            new Driver("repeat_contacts_90d", "effort", "", 0.0),
            new Driver("repeat_contacts_180d", "effort", "", 2.0));
    Row r =
        scenario(
            Counterfactuals.explode(oneCustomer(spark), drivers), Counterfactuals.family("effort"));
    assertEquals(0.0, r.<Double>getAs("repeat_contacts_30d"), "nested in the 90 days at 0");
    assertEquals(0.0, r.<Double>getAs("repeat_contacts_90d"));
    assertEquals(2.0, r.<Double>getAs("repeat_contacts_180d"));
    assertEquals(2L, r.<Long>getAs("transfers_90d"), "not a driver: as observed");
  }
}
