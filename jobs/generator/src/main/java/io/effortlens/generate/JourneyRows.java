package io.effortlens.generate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The generator's canonical journey rows (one per simulated journey, with its true intent and
 * effort facts), the ground truth the calibration shares are measured on. Internal.
 */
final class JourneyRows {
  static final String CUSTOMER_ID = "customer_id";
  static final String YEAR = "year";
  static final String ASSISTED_CONTACTS = "assisted_contacts";
  static final String TRANSFERS = "transfers";
  static final String REPEATED_INFO_CONTACTS = "repeated_info_contacts";
  static final String CHANNEL_SWITCHES = "channel_switches";
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField(CUSTOMER_ID, StringType, false),
              createStructField("journey_id", StringType, false),
              createStructField("intent", StringType, false),
              createStructField("journey_start_ms", LongType, false),
              createStructField(YEAR, IntegerType, false),
              createStructField(ASSISTED_CONTACTS, IntegerType, false),
              createStructField(TRANSFERS, IntegerType, false),
              createStructField(REPEATED_INFO_CONTACTS, IntegerType, false),
              createStructField(CHANNEL_SWITCHES, IntegerType, false),
              createStructField("has_self_service", BooleanType, false),
              createStructField("is_resolved", BooleanType, false),
              createStructField("is_given_up", BooleanType, false)));

  private JourneyRows() {}

  static List<Row> of(CustomerHistory history) {
    String ref = history.profile.customerRef();
    long index = history.profile.index();
    return JourneySummaries.of(history).stream()
        .map(
            s ->
                RowFactory.create(
                    ref,
                    Ids.of("T", index, s.journey(), 3),
                    s.intent().code(),
                    s.startMs(),
                    Horizon.toDate(s.startMs()).getYear(),
                    s.assistedContacts(),
                    s.transfers(),
                    s.repeatedInfoContacts(),
                    s.channelSwitches(),
                    s.hasSelfService(),
                    s.resolved(),
                    s.gaveUp()))
        .toList();
  }
}
