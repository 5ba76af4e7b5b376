package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.config.ConfigKeys;
import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the default pattern catches, and what redaction replaces and leaves alone. */
@ExtendWith(SparkSessionExtension.class)
class PersonalDataTest {
  private static final PrivacyPolicy DEFAULTS =
      new PrivacyPolicy(
          ConfigKeys.PRIVACY_PERSONAL_COLUMN_PATTERN.defaultValue(), Set.of(), false, null);

  @Test
  void defaultPatternCatchesTheUsualSuspectsWithAnyPrefixAndCase() {
    for (String name :
        List.of(
            "callerEmail",
            "e_mail",
            "FullName",
            "first_name",
            "agent_notes",
            "mobile",
            "msisdn",
            "PhoneNumber",
            "home_address",
            "Street",
            "zip",
            "post_code",
            "Comments",
            "call_transcript")) {
      assertTrue(DEFAULTS.isPersonal(name), name);
    }
    for (String name : List.of("channel", "ts", "plan", "device_info", "queue", "amount")) {
      assertFalse(DEFAULTS.isPersonal(name), name);
    }
  }

  @Test
  void defaultPatternMatchesWholeNamePartsAndRunTogetherWords() {
    for (String name :
        List.of(
            "email",
            "E-Mail",
            "EMail",
            "mail",
            "customer_email_id",
            "callerMail",
            "agentNotes",
            "firstname",
            "lastName",
            "username",
            "Phone number",
            "phonenumber",
            "zipcode",
            "postalCode",
            "address2")) {
      assertTrue(DEFAULTS.isPersonal(name), name);
    }
    for (String name :
        List.of(
            "Voice mail plan",
            "voice_mail",
            "VoiceMailPlan",
            "Number vmail messages",
            "mailing_list",
            "hostname",
            "filename",
            "notebook",
            "International plan",
            "Area code",
            "State")) {
      assertFalse(DEFAULTS.isPersonal(name), name);
    }
  }

  @Test
  void theShippedConfigurationKeepsTheDefaultPattern() {
    assertEquals(
        DEFAULTS.pattern(),
        io.effortlens.testing.TestLakes.settings().get(ConfigKeys.PRIVACY_PERSONAL_COLUMN_PATTERN));
  }

  @Test
  void aPatternMatchesNamePartsNotTheInsideOfWords() {
    PrivacyPolicy mail = new PrivacyPolicy("mail", Set.of(), false, null);
    for (String name : List.of("mail", "caller_mail", "callerMail", "MAIL_TO", "Voice mail plan")) {
      assertTrue(mail.isPersonal(name), name);
    }
    for (String name : List.of("email", "gmail", "mailbox", "vmail_count")) {
      assertFalse(mail.isPersonal(name), name);
    }
  }

  @Test
  void anAllowedColumnIsNotPersonal() {
    PrivacyPolicy policy = new PrivacyPolicy(DEFAULTS.pattern(), Set.of("plan_name"), false, null);
    assertFalse(policy.isPersonal("plan_name"));
    assertTrue(policy.isPersonal("Plan_Name"), "allowed names are exact");
  }

  @Test
  void emailsAndPhonesAreRedactedButTimesDatesAmountsAndIdsAreNot(SparkSession spark) {
    List<String> in =
        List.of(
            "mail me at a.b-c@mail.example.co.uk please",
            "call +49 151 2345678, 0049 30 1234567 or 0151-9876543",
            "office (030) 1234 567 / 555-123-4567",
            "2024-03-01T09:15:00+01:00",
            "05.03.2024 09:15:00",
            "1709388100000",
            "C9000001 T-000123 12.50 01:23 v1.2.3");
    List<String> out = redact(spark, in, DEFAULTS);
    assertEquals("mail me at [redacted-email] please", out.get(0));
    assertEquals("call [redacted-phone], [redacted-phone] or [redacted-phone]", out.get(1));
    assertEquals("office [redacted-phone] / [redacted-phone]", out.get(2));
    assertEquals(in.subList(3, 7), out.subList(3, 7), "not phone numbers");
  }

  @Test
  void personalJsonFieldsAreRedactedAtAnyDepthAndInTruncatedLines(SparkSession spark) {
    PrivacyPolicy policy = new PrivacyPolicy(DEFAULTS.pattern(), Set.of("plan_name"), false, null);
    List<String> out =
        redact(
            spark,
            List.of(
                "{\"id\":\"1\",\"Full_Name\" : \"Ann Lee\",\"phone\":4915112345678,"
                    + "\"c\":{\"home_address\":\"Elm St 1\",\"notes\":[\"x\",\"y\"]},"
                    + "\"plan_name\":\"gold\"}",
                "{\"id\":\"2\",\"callerEmail\":\"ann@exa",
                "{\"Voice mail plan\":\"yes\",\"vmail_count\":2,\"E-Mail\":\"x\"}"),
            policy);
    assertEquals(
        "{\"id\":\"1\",\"Full_Name\" : \"[redacted]\",\"phone\":\"[redacted]\","
            + "\"c\":{\"home_address\":\"[redacted]\",\"notes\":\"[redacted]\"},"
            + "\"plan_name\":\"gold\"}",
        out.get(0));
    assertEquals("{\"id\":\"2\",\"callerEmail\":\"[redacted]\"", out.get(1));
    assertEquals(
        "{\"Voice mail plan\":\"yes\",\"vmail_count\":2,\"E-Mail\":\"[redacted]\"}",
        out.get(2),
        "keys are judged on whole name parts, as column names are");
  }

  private static List<String> redact(SparkSession spark, List<String> in, PrivacyPolicy policy) {
    return spark
        .createDataset(in, Encoders.STRING())
        .select(PersonalData.redactText(col("value"), policy))
        .as(Encoders.STRING())
        .collectAsList();
  }
}
