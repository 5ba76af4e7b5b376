package io.effortlens.journey;

import static io.effortlens.journey.Touch.action;
import static io.effortlens.journey.Touch.activity;
import static io.effortlens.journey.Touch.contact;
import static io.effortlens.journey.Touch.lifecycle;
import static io.effortlens.journey.Touch.selfService;
import static io.effortlens.journey.Touch.survey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each stitching rule of {@link Journeys}, on hand-built fixtures. */
@ExtendWith(SparkSessionExtension.class)
class JourneysTest {
  @Test
  void startsNewJourneyAfterSevenQuietDays(SparkSession spark) {
    Stitched s =
        Stitched.of(
            spark,
            contact("a", "C1", "2024-03-01 10:00").intent("billing"),
            contact("b", "C1", "2024-03-08 10:00").intent("billing"), // exactly 7 days: continues
            contact("c", "C1", "2024-03-15 10:01").intent("billing")); // 7 days + 1 minute: new
    assertTrue(s.together("a", "b"));
    assertFalse(s.together("b", "c"));
    assertEquals("intent_gap", s.ruleOf.get("a"));
  }

  @Test
  void keepsOneCaseTogetherAcrossTheGap(SparkSession spark) {
    Stitched s =
        Stitched.of(
            spark,
            contact("a", "C1", "2024-03-01 10:00").caseId("K1").intent("billing"),
            contact("b", "C1", "2024-04-20 10:00").caseId("K1"), // 50 days later, same case
            contact("c", "C1", "2024-04-21 10:00").caseId("K2").intent("billing"));
    assertTrue(s.together("a", "b"));
    assertFalse(s.together("b", "c"));
    assertEquals("case_id", s.ruleOf.get("b"));
  }

  @Test
  void separatesTwoIssuesInterleaved(SparkSession spark) {
    Stitched s =
        Stitched.of(
            spark,
            contact("a", "C1", "2024-03-01 10:00").intent("billing"),
            contact("b", "C1", "2024-03-02 10:00").intent("delivery"),
            contact("c", "C1", "2024-03-03 10:00").intent("billing"),
            contact("d", "C1", "2024-03-04 10:00").intent("delivery"),
            contact("e", "C2", "2024-03-02 11:00").intent("billing")); // other customer
    assertTrue(s.together("a", "c"));
    assertTrue(s.together("b", "d"));
    assertFalse(s.together("a", "b"));
    assertFalse(s.together("a", "e"));
    assertEquals(3, s.journeys());
  }

  @Test
  void attachesTouchpointWithoutIntentToTheOpenJourneyElseStartsItsOwn(SparkSession spark) {
    Stitched s =
        Stitched.of(
            spark,
            contact("a", "C1", "2024-03-01 10:00").intent("billing"),
            contact("b", "C1", "2024-03-03 10:00").channel("email"), // no intent, 2 days later
            contact("c", "C1", "2024-03-20 10:00").channel("email"), // no intent, 17 days later
            contact("d", "C1", "2024-03-22 10:00").channel("chat")); // joins c's journey
    assertTrue(s.together("a", "b"));
    assertTrue(s.together("c", "d"));
    assertFalse(s.together("b", "c"));
    assertEquals("intent_gap", s.ruleOf.get("b"));
    assertEquals("gap_only", s.ruleOf.get("d"));
  }

  @Test
  void joinsCaselessTouchpointToTheCaseOfTheSameIntent(SparkSession spark) {
    Stitched s =
        Stitched.of(
            spark,
            selfService("w", "C1", "2024-03-01 09:00", "failed").intent("billing"),
            contact("p", "C1", "2024-03-01 09:30").caseId("K7").intent("billing"),
            contact("e", "C1", "2024-03-04 09:00").channel("email").intent("billing"),
            contact("x", "C1", "2024-03-02 09:00").intent("delivery"));
    assertTrue(s.together("w", "p", "e"));
    assertFalse(s.together("w", "x"));
    assertEquals("case_id", s.ruleOf.get("w"));
  }

  @Test
  void breaksTiesOnTheSameInstantByTheUniqueKey(SparkSession spark) {
    List<Touch> touches =
        new ArrayList<>(
            List.of(
                contact("b2", "C1", "2024-03-01 10:00").intent("billing").source("ivr"),
                contact("a1", "C1", "2024-03-01 10:00").intent("billing").source("ivr"),
                contact("z9", "C1", "2024-03-01 10:00").intent("billing").source("crm"),
                // no intent, same instant: ordered after (crm, z9), so it joins that journey
                contact("zz", "C1", "2024-03-01 10:00")));
    Stitched forward = Stitched.of(spark, 7, touches);
    Collections.reverse(touches);
    Stitched reversed = Stitched.of(spark, 7, touches);
    assertTrue(forward.together("a1", "b2", "z9", "zz"));
    // the first touchpoint is (crm, z9): source sorts before interaction_id
    assertEquals(sha256("C1|crm|z9"), forward.journeyOf.get("a1"));
    assertEquals(forward.journeyOf, reversed.journeyOf);
  }

  @Test
  void keepsJourneyAcrossMidnightAndMeasuresGapsInExactHoursAcrossDst(SparkSession spark) {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Stitched s =
        Stitched.of(
            spark,
            contact("m1", "C1", "2024-01-10 23:30").intent("login"),
            contact("m2", "C1", "2024-01-11 00:30").intent("login"),
            // spring forward: 7 local days = 6 days 23 hours, continues
            contact("s1", "C2", utc("2024-03-25 10:00", berlin)).intent("billing"),
            contact("s2", "C2", utc("2024-04-01 10:00", berlin)).intent("billing"),
            // fall back: 7 local days = 7 days 1 hour, a new journey
            contact("f1", "C3", utc("2024-10-21 10:00", berlin)).intent("billing"),
            contact("f2", "C3", utc("2024-10-28 10:00", berlin)).intent("billing"));
    assertTrue(s.together("m1", "m2"));
    assertTrue(s.together("s1", "s2"));
    assertFalse(s.together("f1", "f2"));
  }

  @Test
  void attachesSurveysAndActionsToTheJourneyTheyFollow(SparkSession spark) {
    Stitched s =
        Stitched.of(
            spark,
            contact("a", "C1", "2024-03-01 10:00").caseId("K1").intent("billing"),
            contact("b", "C1", "2024-03-02 10:00").intent("delivery"),
            survey("s1", "C1", "2024-03-02 10:00", "2024-03-05 08:00").ces(2), // same instant as b
            action("r1", "C1", "2024-03-03 10:00", "refund", 10.0).caseId("K1"), // K1, not latest
            action("g1", "C1", "2024-04-30 10:00", "gift", 5.0), // 58 quiet days: no journey
            lifecycle("l1", "C1", "2024-03-02 12:00", "renew"),
            activity("v1", "C1", "2024-03-02 13:00", "login"));
    assertTrue(s.together("b", "s1"));
    assertTrue(s.together("a", "r1"));
    assertNull(s.journeyOf.get("g1"));
    assertFalse(s.journeyOf.containsKey("l1"), "lifecycle rows are not journey rows");
    assertFalse(s.journeyOf.containsKey("v1"), "activity rows are not journey rows");
  }

  private static String utc(String local, ZoneId zone) {
    LocalDateTime time = LocalDateTime.parse(local.replace(' ', 'T'));
    return time.atZone(zone)
        .withZoneSameInstant(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
