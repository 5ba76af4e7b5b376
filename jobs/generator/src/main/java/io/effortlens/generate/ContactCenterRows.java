package io.effortlens.generate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Renders one customer's contacts, IVR calls, delight actions and account events as contact-centre
 * records in the vendor's field names: one union schema, record types told apart by {@code
 * record_type}, times as ISO-8601 strings in the zone of the system that logged them.
 */
final class ContactCenterRows {
  static final StructType LEG =
      createStructType(
          List.of(
              createStructField("queue", StringType, true),
              createStructField("agent", StringType, true),
              createStructField("wait_s", DoubleType, true),
              createStructField("talk_s", DoubleType, true)));
  static final StructType SURVEY =
      createStructType(
          List.of(
              createStructField("ces", IntegerType, true),
              createStructField("csat", IntegerType, true),
              createStructField("nps", IntegerType, true),
              createStructField("answered", LongType, true)));
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("record_type", StringType, false),
              createStructField("contact_id", StringType, false),
              createStructField("cust_ref", StringType, false),
              createStructField("channel_code", StringType, true),
              createStructField("start_time", StringType, false),
              createStructField("end_time", StringType, true),
              createStructField("ticket", StringType, true),
              createStructField("reason", StringType, true),
              createStructField("legs", createArrayType(LEG, false), true),
              createStructField("resolved_flag", StringType, true),
              createStructField("customer_repeated_info", BooleanType, true),
              createStructField("survey", SURVEY, true),
              createStructField("agent_notes", StringType, true),
              createStructField("action", StringType, true),
              createStructField("value", DoubleType, true),
              createStructField("event", StringType, true)));

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId UTC = ZoneId.of("UTC");

  private ContactCenterRows() {}

  static List<Row> of(CustomerHistory history) {
    List<Keyed> rows = new ArrayList<>();
    String ref = history.profile.customerRef();
    long index = history.profile.index();
    history.contacts.forEach(
        c -> rows.add(new Keyed(c.startMs(), c.seq(), contact(c, ref, index))));
    history.actions.forEach(a -> rows.add(new Keyed(a.ms(), a.seq(), action(a, ref, index))));
    history.events.forEach(e -> rows.add(new Keyed(e.ms(), e.seq(), event(e, ref, index))));
    return Keyed.sorted(rows);
  }

  private static Row contact(Touches.Contact c, String ref, long index) {
    ZoneId zone = zone(c.channel());
    List<Row> legs = new ArrayList<>(c.legs().size());
    c.legs()
        .forEach(
            l ->
                legs.add(
                    RowFactory.create(l.queue(), l.agent(), l.waitSeconds(), l.talkSeconds())));
    Touches.Survey s = c.survey();
    Row survey = s == null ? null : RowFactory.create(s.ces(), s.csat(), s.nps(), s.answeredMs());
    return RowFactory.create(
        c.isIvr() ? "ivr" : "contact",
        Ids.of("CC", index, c.seq(), 5),
        ref,
        c.channel().name(),
        render(c.startMs(), zone),
        render(c.endMs(), zone),
        c.ticket(),
        c.reason(),
        JavaConverters.asScalaBuffer(legs),
        c.resolved() ? "Y" : "N",
        c.repeatedInfo(),
        survey,
        c.notes(),
        null,
        null,
        null);
  }

  private static Row action(Touches.Action a, String ref, long index) {
    return RowFactory.create(
        "action",
        Ids.of("AC", index, a.seq(), 5),
        ref,
        null,
        render(a.ms(), BERLIN),
        null,
        a.ticket(),
        a.reason(),
        null,
        null,
        null,
        null,
        null,
        a.type().name(),
        a.value(),
        null);
  }

  private static Row event(Touches.AccountEvent e, String ref, long index) {
    return RowFactory.create(
        "account_event",
        Ids.of("EV", index, e.seq(), 5),
        ref,
        null,
        render(e.ms(), UTC),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        e.type());
  }

  /** Each system logs in its own zone: telephony in Berlin, chat in New York, the rest in UTC. */
  private static ZoneId zone(Channel channel) {
    return switch (channel) {
      case PHONE, IVR -> BERLIN;
      case CHAT -> NEW_YORK;
      default -> UTC;
    };
  }

  static String render(long ms, ZoneId zone) {
    return ISO.format(Instant.ofEpochMilli(ms).atZone(zone));
  }
}
