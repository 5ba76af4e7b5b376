package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.CUSTOMER_ID;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.LIFECYCLE_EVENT;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.effortlens.schema.CustomerSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Who is a customer at an as-of date T: one row per customer in the snapshot, from interactions
 * (and customers when present) in one aggregation over all as-of dates (shuffle by customer_id).
 *
 * <p>A customer is in the snapshot when there is evidence before T (a customers.signup_at, a signup
 * lifecycle event or any interaction started before T) and they have not cancelled at or before T
 * without signing up again after the cancel and before T. A cancel exactly at T counts as gone at
 * T, so a customer is never a non-defector for a cancel at the cutoff. The current spell starts at
 * the earliest evidence, or after a cancel at the first signup after it (a returning customer
 * counts as new from that signup).
 */
public final class CustomerSnapshots {
  public static final String AS_OF = CustomerFeatureSchema.AS_OF;
  public static final String SPELL_STARTED_AT = "spell_started_at";
  public static final String PRIOR_CANCELLATIONS = "prior_cancellations";

  private static final String AT = "_at";
  private static final String EVENT = "_event";
  private static final String FIRST_SEEN = "_first_seen";
  private static final String SIGNUPS = "_signups";
  private static final String LAST_CANCEL = "_last_cancel";
  private static final String RETURNED_AT = "_returned_at";

  private CustomerSnapshots() {}

  /**
   * Customer grain at every as-of date of {@code asOfs} ({@link PointInTime#asOfs}): as_of,
   * _cutoff, customer_id, spell_started_at, prior_cancellations.
   *
   * <p>Only lifecycle events and signups can change a customer's spell, so every other interaction
   * enters as one row per customer, its earliest (the evidence "seen before T" needs no more): the
   * rows tagged with as-of dates are few.
   *
   * @param customers the customers table, or null when there is none
   */
  public static Dataset<Row> toPopulation(
      Dataset<Row> interactions, Dataset<Row> customers, Dataset<Row> asOfs) {
    Column cutoff = col(PointInTime.CUTOFF);
    Column before = col(AT).lt(cutoff);
    Column cancel = col(EVENT).equalTo("cancel");
    Dataset<Row> perCustomer =
        events(interactions, customers)
            .crossJoin(broadcast(asOfs))
            .filter(col(AT).leq(cutoff))
            .groupBy(col(CUSTOMER_ID), col(PointInTime.AS_OF), cutoff)
            .agg(
                min(when(before, col(AT))).as(FIRST_SEEN),
                collect_list(when(before.and(col(EVENT).equalTo("signup")), col(AT))).as(SIGNUPS),
                max(when(cancel, col(AT))).as(LAST_CANCEL),
                count(when(cancel, lit(1))).as(PRIOR_CANCELLATIONS));
    Column returnedAt = array_min(filter(col(SIGNUPS), at -> at.gt(col(LAST_CANCEL))));
    Column spellStart =
        when(col(LAST_CANCEL).isNull(), least(col(FIRST_SEEN), array_min(col(SIGNUPS))))
            .otherwise(col(RETURNED_AT));
    return perCustomer
        .withColumn(RETURNED_AT, returnedAt)
        .filter(col(FIRST_SEEN).isNotNull())
        .filter(col(LAST_CANCEL).isNull().or(col(RETURNED_AT).isNotNull()))
        .select(
            col(PointInTime.AS_OF).as(AS_OF),
            cutoff,
            col(CUSTOMER_ID),
            spellStart.as(SPELL_STARTED_AT),
            col(PRIOR_CANCELLATIONS));
  }

  /**
   * (customer_id, _at, _event); _event is signup, cancel or other. Lifecycle events and signups one
   * row each, every other interaction of a customer as one row at its earliest started_at.
   */
  private static Dataset<Row> events(Dataset<Row> interactions, Dataset<Row> customers) {
    Column lifecycle = col(KIND).equalTo("lifecycle");
    Dataset<Row> lifecycleEvents =
        interactions
            .filter(lifecycle)
            .select(col(CUSTOMER_ID), col(STARTED_AT).as(AT), col(LIFECYCLE_EVENT).as(EVENT));
    Dataset<Row> firstOther =
        interactions
            .filter(not(lifecycle))
            .groupBy(col(CUSTOMER_ID))
            .agg(min(col(STARTED_AT)).as(AT))
            .withColumn(EVENT, lit("other"));
    Dataset<Row> fromInteractions = lifecycleEvents.unionByName(firstOther);
    if (customers == null) {
      return fromInteractions;
    }
    Dataset<Row> registered =
        customers
            .filter(col(CustomerSchema.SIGNUP_AT).isNotNull())
            .select(
                col(CustomerSchema.CUSTOMER_ID).as(CUSTOMER_ID),
                col(CustomerSchema.SIGNUP_AT).as(AT),
                lit("signup").as(EVENT));
    return fromInteractions.unionByName(registered);
  }
}
