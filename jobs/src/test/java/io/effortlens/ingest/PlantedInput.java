package io.effortlens.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small inputs with recognizable personal values (see {@link PersonalDataLeakTest#PLANTED}) in a
 * name column, {@code callerEmail}, a phone column, an address, a free-text note with an e-mail and
 * a phone number, and inside other kept columns; plus the mapping files that keep unmapped columns.
 */
public final class PlantedInput {
  /** Substrings of the planted values; none may appear anywhere in a lake, log or report. */
  public static final java.util.List<String> PLANTED =
      java.util.List.of(
          "Quartermaine",
          "jolene.q@example.com",
          "2345678",
          "jq.private@example.org",
          "9876543",
          "jq.other@example.net",
          "1234 567",
          "Baker Street");

  static final String EMAIL = "jolene.q@example.com";

  private static final String PERSONAL_JSON =
      "\"full_name\":\"Jolene Quartermaine\",\"callerEmail\":\""
          + EMAIL
          + "\",\"mobile_phone\":\"+49 151 2345678\",\"agent_notes\":\"Spoke with Jolene, write"
          + " to jq.private@example.org or ring 0151-9876543\",\"home_address\":\"Baker Street"
          + " 221b\",\"device_info\":\"owner jq.other@example.net tel (030) 1234 567\","
          + "\"device\":{\"os\":\"ios\",\"owner_name\":\"Jolene Quartermaine\"},\"plan\":\"gold\"}";

  private static final String PERSONAL_CSV =
      "Jolene Quartermaine,"
          + EMAIL
          + ",+49 151 2345678,\"Spoke with Jolene, write to jq.private@example.org or ring"
          + " 0151-9876543\",Baker Street 221b,owner jq.other@example.net tel (030) 1234 567,gold";

  private PlantedInput() {}

  /** P1 valid, P2 quarantined (bad timestamp), P3 a truncated line. */
  public static Path jsonLines(Path dir) throws IOException {
    String common = "\"customer_email_id\":\"C1\",\"channel\":\"phone\",\"kind\":\"contact\",";
    return write(
        dir.resolve("contacts.jsonl"),
        "{\"id\":\"P1\","
            + common
            + "\"ts\":\"2024-03-01T09:00:00Z\","
            + PERSONAL_JSON
            + "\n{\"id\":\"P2\","
            + common
            + "\"ts\":\"not-a-time\","
            + PERSONAL_JSON
            + "\n{\"id\":\"P3\",\"full_name\":\"Jolene Quartermaine\",\"agent_notes\":\"ring"
            + " 0151-9876543\",\"callerEmail\":\"jolene.q@exa\n");
  }

  /** W1 valid, W2 quarantined (bad timestamp), W3 a row with the wrong number of fields. */
  public static Path csv(Path dir) throws IOException {
    return write(
        dir.resolve("events.csv"),
        "id,cust,ts,channel,kind,full_name,callerEmail,mobile_phone,agent_notes,home_address,"
            + "device_info,plan\n"
            + "W1,C3,2024-03-01T10:00:00Z,web,self_service,"
            + PERSONAL_CSV
            + "\nW2,C3,not-a-time,web,self_service,"
            + PERSONAL_CSV
            + "\nW3,C3,2024-03-01T10:00:00Z,web,"
            + EMAIL
            + ",0151-9876543\n");
  }

  /** Columns mode; maps the personal column customer_email_id explicitly (to be warned about). */
  public static Path jsonMapping(Path dir) throws IOException {
    return write(
        dir.resolve("privacy-json.yaml"),
        "name: privacy-json\nformat: json\nkeep_unmapped: true\ncolumns:\n"
            + "  interaction_id: id\n  customer_id: customer_email_id\n  started_at: ts\n"
            + "  channel: channel\n  kind: kind\n");
  }

  public static Path csvMapping(Path dir) throws IOException {
    return write(
        dir.resolve("privacy-csv.yaml"),
        "name: privacy-csv\nformat: csv\noptions: {header: \"true\"}\nkeep_unmapped: true\n"
            + "columns:\n  interaction_id: id\n  customer_id: cust\n  started_at: ts\n"
            + "  channel: channel\n  kind: kind\n");
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
