package io.effortlens.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated data set (3000 customers, 12 months, JSONL) read back with Spark: the vendor
 * extracts parse with the documented fields, the counts in the result match the files, churn stays
 * in the intended band, and the planted confounding of delight is visible.
 */
@ExtendWith(SparkSessionExtension.class)
class GeneratorTest {
  @TempDir static Path out;
  private static GeneratorResult result;

  @BeforeAll
  static void generate(SparkSession spark) {
    GeneratorOptions options =
        new GeneratorOptions(
            3000, 12, 42L, GeneratorOptions.START_DEFAULT, OutputFormat.JSONL, out.toString());
    result = Generator.run(spark, options);
  }

  @Test
  void contactCenterJsonParsesWithTheVendorFieldsAndTypes(SparkSession spark) {
    Dataset<Row> records = contactCenter(spark);

    assertEquals(
        "struct<action:string,agent_notes:string,channel_code:string,contact_id:string,"
            + "cust_ref:string,customer_repeated_info:boolean,end_time:string,event:string,"
            + "legs:array<struct<agent:string,queue:string,talk_s:double,wait_s:double>>,"
            + "reason:string,record_type:string,resolved_flag:string,start_time:string,"
            + "survey:struct<answered:bigint,ces:bigint,csat:bigint,nps:bigint>,ticket:string,"
            + "value:double>",
        records.schema().simpleString());
    assertEquals(
        Set.of("contact", "ivr", "action", "account_event"), distinct(records, "record_type"));
    assertEquals(records.count(), records.select("contact_id").distinct().count());
    assertEquals(
        Set.of("PHONE", "CHAT", "EMAIL", "SOCIAL"),
        distinct(records.filter("record_type = 'contact'"), "channel_code"));
    assertEquals(
        Set.of("CANCEL", "SIGNUP", "UPGRADE_PLAN", "DOWNGRADE"),
        distinct(records.filter("record_type = 'account_event'"), "event"));
  }

  @Test
  void ivrRecordsHaveOneLegWithoutAgent(SparkSession spark) {
    Dataset<Row> ivr = contactCenter(spark).filter("record_type = 'ivr'");

    assertTrue(ivr.count() > 0);
    assertEquals(Set.of("IVR"), distinct(ivr, "channel_code"));
    assertEquals(0, ivr.filter("size(legs) <> 1 OR legs[0].agent IS NOT NULL").count());
  }

  @Test
  void contactsMixTicketsReasonCasingsAndTimeZones(SparkSession spark) {
    Dataset<Row> contacts = contactCenter(spark).filter("record_type = 'contact'");
    double withoutTicket = contacts.filter("ticket IS NULL").count() / (double) contacts.count();
    Set<String> offsets =
        distinct(contacts.selectExpr("substring(start_time, 20) AS offset"), "offset");

    assertTrue(
        withoutTicket > 0.25 && withoutTicket < 0.35, "share without ticket " + withoutTicket);
    assertTrue(contacts.filter("reason IS NULL").count() > 0);
    assertTrue(distinct(contacts, "reason").containsAll(Set.of("Billing", "BILLING", "billing")));
    assertTrue(
        offsets.containsAll(Set.of("Z", "+01:00", "+02:00", "-05:00", "-04:00")),
        offsets.toString());
    assertTrue(contacts.filter("survey IS NOT NULL AND survey.answered > 0").count() > 0);
  }

  @Test
  void jsonLinesCarryOnlyTheFieldsOfTheirRecordType() throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("contact_center/part-00000.jsonl"));
    String action =
        lines.stream()
            .filter(l -> l.contains("\"record_type\":\"action\""))
            .findFirst()
            .orElseThrow();
    String contact =
        lines.stream()
            .filter(l -> l.contains("\"record_type\":\"contact\""))
            .findFirst()
            .orElseThrow();

    assertTrue(action.startsWith("{\"record_type\":\"action\",\"contact_id\":\"AC"), action);
    assertFalse(action.contains("\"legs\""), action);
    assertTrue(contact.contains("\"ticket\":") && contact.contains("\"survey\":"), contact);
  }

  @Test
  void csvExtractsHaveTheExactHeaders() throws IOException {
    assertEquals(
        "customer_ref,signup_date,plan,monthly_fee,segment,region,contract,full_name,email,phone",
        Files.readAllLines(out.resolve("customers/part-00000.csv")).get(0));
    assertEquals(
        "event_id,user_id,ts_epoch_ms,platform,event_name,topic,status,session_id,count",
        Files.readAllLines(out.resolve("web_events/part-00000.csv")).get(0));
  }

  @Test
  void webEventsHoldSelfServiceAttemptsAndWeeklyActivity(SparkSession spark) {
    Dataset<Row> events = csv(spark, "web_events");
    Dataset<Row> selfService = events.filter("topic IS NOT NULL");
    Dataset<Row> activity = events.filter("topic IS NULL");

    assertEquals(Set.of("ok", "error", "abandoned"), distinct(selfService, "status"));
    assertEquals(0, selfService.filter("count <> 1").count());
    assertEquals(Set.of("login", "play", "purchase"), distinct(activity, "event_name"));
    assertEquals(0, activity.filter("count < 1 OR status <> 'ok'").count());
    assertEquals(Set.of("web", "ios", "android"), distinct(events, "platform"));
  }

  @Test
  void resultCountsMatchTheFiles(SparkSession spark) {
    assertEquals(3000, result.customers());
    assertEquals(3000, result.customerRows());
    assertEquals(csv(spark, "customers").count(), result.customerRows());
    assertEquals(contactCenter(spark).count(), result.contactCenterRecords());
    assertEquals(csv(spark, "web_events").count(), result.webEvents());
  }

  @Test
  void monthlyChurnStaysWithinTheIntendedBand(SparkSession spark) {
    Dataset<Row> months =
        spark.read().parquet(out.resolve("truth/monthly_probabilities").toString());
    List<Row> rates =
        months
            .groupBy("month_start")
            .agg(org.apache.spark.sql.functions.avg(col("defected").cast("double")).as("rate"))
            .collectAsList();
    double overall = months.filter("defected").count() / (double) months.count();

    assertEquals(
        "struct<customer_id:string,month_start:date,p_defect:double,defected:boolean>",
        months.schema().simpleString());
    assertEquals(12, rates.size());
    assertTrue(overall > 0.02 && overall < 0.04, "overall monthly churn " + overall);
    rates.forEach(r -> assertTrue(r.getDouble(1) > 0.015 && r.getDouble(1) < 0.05, r.toString()));
  }

  @Test
  void delightedCustomersDefectMoreOftenAlthoughDelightIsPlantedAsProtective(SparkSession spark)
      throws IOException {
    Dataset<Row> flags =
        contactCenter(spark)
            .groupBy(col("cust_ref").as("customer_ref"))
            .agg(
                max(when(col("record_type").equalTo("action"), 1).otherwise(0)).as("delighted"),
                max(when(col("event").equalTo("CANCEL"), 1).otherwise(0)).as("defected"));
    Dataset<Row> perCustomer =
        csv(spark, "customers")
            .select("customer_ref")
            .join(flags, "customer_ref", "left")
            .na()
            .fill(0);
    List<Row> rates =
        perCustomer.groupBy("delighted").avg("defected").orderBy("delighted").collectAsList();
    var delight = TruthJson.read(out).path("delight_effect");

    assertTrue(rates.get(1).getDouble(1) > rates.get(0).getDouble(1) + 0.03, rates.toString());
    assertTrue(delight.path("log_odds_coefficient").asDouble() < 0);
    assertTrue(delight.path("avg_effect_on_p_defect_90d_pp").asDouble() < 0);
  }

  private static Dataset<Row> contactCenter(SparkSession spark) {
    return spark.read().json(out.resolve("contact_center").toString());
  }

  private static Dataset<Row> csv(SparkSession spark, String dir) {
    return spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(out.resolve(dir).toString());
  }

  private static Set<String> distinct(Dataset<Row> rows, String column) {
    return rows.select(column).distinct().collectAsList().stream()
        .map(r -> r.getString(0))
        .filter(v -> v != null)
        .collect(Collectors.toSet());
  }
}
