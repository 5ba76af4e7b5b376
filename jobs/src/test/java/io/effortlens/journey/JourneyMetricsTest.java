package io.effortlens.journey;

import static io.effortlens.journey.Touch.action;
import static io.effortlens.journey.Touch.contact;
import static io.effortlens.journey.Touch.selfService;
import static io.effortlens.journey.Touch.survey;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.schema.InteractionSchema;
import io.effortlens.testing.Frames;
import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each journey metric of {@link JourneyMetrics}, on hand-built journeys. */
@ExtendWith(SparkSessionExtension.class)
class JourneyMetricsTest {
  @Test
  void measuresEveryMetricOfAWebToPhoneJourney(SparkSession spark) {
    Row j =
        single(
            grain(
                spark,
                "2024-03-20 00:00",
                selfService("w1", "C1", "2024-03-01 09:00", "abandoned").intent("billing"),
                contact("p1", "C1", "2024-03-01 09:10")
                    .intent("billing")
                    .endedAt("2024-03-01 09:40")
                    .transfers(2)
                    .repeatedInfo(true)
                    .waitSeconds(120)
                    .handleSeconds(300)
                    .resolved(false),
                survey("s1", "C1", "2024-03-01 09:40", "2024-03-04 12:00").ces(3).csat(2),
                contact("p2", "C1", "2024-03-02 10:00")
                    .intent("billing")
                    .endedAt("2024-03-02 11:00")
                    .waitSeconds(60)
                    .resolved(true),
                survey("s2", "C1", "2024-03-02 11:00", "2024-03-02 11:05").ces(5),
                action("r1", "C1", "2024-03-02 11:00", "refund", 20.0),
                action("a1", "C1", "2024-03-02 11:01", "apology", 0.0)));
    assertEquals("billing", j.getAs(JourneySchema.INTENT));
    assertEquals(3L, (long) j.getAs(JourneySchema.TOUCHPOINTS));
    assertEquals(2L, (long) j.getAs(JourneySchema.ASSISTED_CONTACTS));
    assertEquals(1L, (long) j.getAs(JourneySchema.REPEAT_CONTACTS));
    assertEquals(2, (int) j.getAs(JourneySchema.CHANNELS_USED));
    assertEquals(1L, (long) j.getAs(JourneySchema.CHANNEL_SWITCHES));
    assertEquals(1L, (long) j.getAs(JourneySchema.SELF_SERVICE_FAILURES));
    assertEquals(1L, (long) j.getAs(JourneySchema.SELF_SERVICE_TO_ASSISTED));
    assertEquals(2L, (long) j.getAs(JourneySchema.TRANSFERS));
    assertEquals(1L, (long) j.getAs(JourneySchema.RE_EXPLANATIONS), "one per contact, not per leg");
    assertEquals(180.0, j.getAs(JourneySchema.WAIT_SECONDS), 1e-9);
    assertEquals(300.0, j.getAs(JourneySchema.HANDLE_SECONDS), 1e-9);
    assertEquals(26.0, j.getAs(JourneySchema.DURATION_HOURS), 1e-9);
    assertTrue((boolean) j.getAs(JourneySchema.IS_RESOLVED));
    assertFalse((boolean) j.getAs(JourneySchema.IS_OPEN_AT_END));
    assertEquals(2L, (long) j.getAs(JourneySchema.DELIGHT_ACTIONS));
    assertEquals(1L, (long) j.getAs(JourneySchema.actionsOf("refund")));
    assertEquals(20.0, j.getAs(JourneySchema.amountOf("refund")), 1e-9);
    assertEquals(0L, (long) j.getAs(JourneySchema.actionsOf("gift")));
    assertEquals(2L, (long) j.getAs(JourneySchema.SURVEY_ANSWERS));
    assertEquals(3, (int) j.getAs(JourneySchema.FIRST_CES));
    assertEquals(5, (int) j.getAs(JourneySchema.LAST_CES));
    assertEquals(2, (int) j.getAs(JourneySchema.FIRST_CSAT));
    assertEquals(2, (int) j.getAs(JourneySchema.LAST_CSAT));
    assertEquals("web>phone>phone", j.getAs(JourneySchema.CHANNEL_PATH));
    assertEquals("intent_gap", j.getAs(JourneySchema.STITCH_RULE));
    assertEquals(Journeys.RULE_VERSION, j.getAs(JourneySchema.RULE_VERSION));
    assertEquals(Touch.at("2024-03-02 10:00"), j.getAs(JourneySchema.LAST_TOUCHPOINT_AT));
  }

  /**
   * The IVR is the phone line's automated front door and the app is the website's twin: reaching an
   * agent through the IVR is neither a repeat contact nor a channel switch, and moving from the
   * website to the app is not a switch; a chat after the call is both.
   */
  @Test
  void countsTheIvrAsThePhoneLineAndTheAppAsTheWeb(SparkSession spark) {
    Row j =
        single(
            grain(
                spark,
                "2024-03-20 00:00",
                selfService("w", "C1", "2024-03-01 09:00", "failed").intent("billing"),
                selfService("a", "C1", "2024-03-01 09:05", "abandoned")
                    .intent("billing")
                    .channel("app"),
                contact("i", "C1", "2024-03-01 09:10").intent("billing").channel("ivr"),
                contact("p", "C1", "2024-03-01 09:12")
                    .intent("billing")
                    .transfers(1)
                    .repeatedInfo(true)
                    .resolved(false),
                contact("c", "C1", "2024-03-01 10:00").intent("billing").channel("chat")));
    assertEquals(5L, (long) j.getAs(JourneySchema.TOUCHPOINTS));
    assertEquals(2L, (long) j.getAs(JourneySchema.ASSISTED_CONTACTS), "phone and chat");
    assertEquals(1L, (long) j.getAs(JourneySchema.REPEAT_CONTACTS), "the chat");
    assertEquals(3, (int) j.getAs(JourneySchema.CHANNELS_USED), "web, phone, chat");
    assertEquals(2L, (long) j.getAs(JourneySchema.CHANNEL_SWITCHES), "app to ivr, phone to chat");
    assertEquals(1L, (long) j.getAs(JourneySchema.SELF_SERVICE_TO_ASSISTED), "app to ivr");
    assertEquals(1L, (long) j.getAs(JourneySchema.RE_EXPLANATIONS));
    assertEquals("web>app>ivr>phone>chat", j.getAs(JourneySchema.CHANNEL_PATH));
  }

  /**
   * A contact is with a person on phone, chat, email, social or store, or on another channel when
   * an agent is recorded; never on the IVR, even with an agent id, and not on the web without one.
   */
  @Test
  void countsAContactWithAPersonByItsChannelOrARecordedAgent(SparkSession spark) {
    Row j =
        single(
            grain(
                spark,
                "2024-03-20 00:00",
                contact("s", "C1", "2024-03-01 09:00").intent("billing").channel("store"),
                contact("w", "C1", "2024-03-01 09:10").intent("billing").channel("web"),
                contact("o", "C1", "2024-03-01 09:20")
                    .intent("billing")
                    .channel("other")
                    .set(InteractionSchema.AGENT_ID, "A1"),
                contact("i", "C1", "2024-03-01 09:30")
                    .intent("billing")
                    .channel("ivr")
                    .set(InteractionSchema.AGENT_ID, "IVR-7"),
                contact("x", "C1", "2024-03-01 09:40").intent("billing").channel("social")));
    assertEquals(5L, (long) j.getAs(JourneySchema.TOUCHPOINTS));
    assertEquals(3L, (long) j.getAs(JourneySchema.ASSISTED_CONTACTS), "store, other+agent, social");
    assertEquals(2L, (long) j.getAs(JourneySchema.REPEAT_CONTACTS));
  }

  @Test
  void keepsAJourneyOpenOnlyWhileUnresolvedAndWithinTheGapOfTheEnd(SparkSession spark) {
    Dataset<Row> journeys =
        grain(
            spark,
            "2024-03-20 00:00",
            contact("open", "C1", "2024-03-18 10:00").intent("a").resolved(false),
            contact("done", "C2", "2024-03-18 10:00").intent("a").resolved(true),
            contact("quiet", "C3", "2024-03-10 10:00").intent("a").resolved(false),
            contact("unknown", "C4", "2024-03-19 10:00").intent("a"));
    List<Row> rows =
        journeys
            .orderBy(col(JourneySchema.CUSTOMER_ID))
            .select(JourneySchema.IS_RESOLVED, JourneySchema.IS_OPEN_AT_END)
            .collectAsList();
    assertEquals(
        List.of(false, true), List.of(rows.get(0).getBoolean(0), rows.get(0).getBoolean(1)));
    assertEquals(
        List.of(true, false), List.of(rows.get(1).getBoolean(0), rows.get(1).getBoolean(1)));
    assertEquals(
        List.of(false, false), List.of(rows.get(2).getBoolean(0), rows.get(2).getBoolean(1)));
    assertEquals(
        List.of(false, true), List.of(rows.get(3).getBoolean(0), rows.get(3).getBoolean(1)));
  }

  @Test
  void takesResolutionFromTheLastSignalIncludingSelfServiceOutcomes(SparkSession spark) {
    Row j =
        single(
            grain(
                spark,
                "2024-04-01 00:00",
                contact("p", "C1", "2024-03-01 10:00").intent("pw").resolved(false),
                selfService("w", "C1", "2024-03-01 11:00", "success").intent("pw"),
                contact("e", "C1", "2024-03-01 12:00").intent("pw").channel("email")));
    assertTrue((boolean) j.getAs(JourneySchema.IS_RESOLVED), "success after the failed call");
    assertEquals(0L, (long) j.getAs(JourneySchema.SELF_SERVICE_TO_ASSISTED));
    assertEquals(2L, (long) j.getAs(JourneySchema.CHANNEL_SWITCHES));
    assertEquals(0L, (long) j.getAs(JourneySchema.RE_EXPLANATIONS));
  }

  @Test
  void measuredGivesTheSameJourneysSortBasedAndPutsTheSettingBack(SparkSession spark) {
    String key = "spark.sql.execution.replaceHashWithSortAgg";
    spark.conf().set(key, "false"); // a value the user chose stays
    Touch[] touches = {
      selfService("w1", "C1", "2024-03-01 09:00", "failed").intent("billing"),
      contact("p1", "C1", "2024-03-01 09:10").intent("billing").resolved(false),
      contact("e1", "C1", "2024-03-01 12:00").intent("billing").channel("email"),
      survey("s1", "C1", "2024-03-01 12:30", "2024-03-02 08:00").ces(2),
      contact("p2", "C1", "2024-03-20 10:00").intent("move").resolved(true),
      contact("p3", "C2", "2024-03-05 10:00").caseId("K9"),
      selfService("w2", "C2", "2024-03-06 10:00", "success").caseId("K9"),
      action("r1", "C2", "2024-03-06 11:00", "refund", 15.0)
    };
    try {
      Dataset<Row> measured =
          JourneyMetrics.measured(
              Touch.frame(spark, touches), lit(Touch.at("2024-04-01 00:00")), 7);
      try {
        assertEquals("false", spark.conf().get(key));
        Dataset<Row> expected = grain(spark, "2024-04-01 00:00", touches);
        assertEquals(3, expected.count());
        Frames.assertNoOrderEquals(expected, measured);
        String plan = measured.queryExecution().executedPlan().toString();
        assertTrue(plan.contains("SortAggregate"), plan);
        assertFalse(plan.contains("ObjectHashAggregate"), plan);
      } finally {
        measured.unpersist();
      }
    } finally {
      spark.conf().unset(key);
    }
  }

  static Dataset<Row> grain(SparkSession spark, String end, Touch... touches) {
    Dataset<Row> stitched =
        Journeys.withJourneyId(Journeys.filterJourneyRows(Touch.frame(spark, touches)), 7);
    return JourneyMetrics.toJourneyGrain(stitched, lit(Touch.at(end)), 7);
  }

  private static Row single(Dataset<Row> journeys) {
    List<Row> rows = journeys.collectAsList();
    assertEquals(1, rows.size());
    return rows.get(0);
  }
}
