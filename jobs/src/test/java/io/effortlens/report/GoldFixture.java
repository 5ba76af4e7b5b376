package io.effortlens.report;

import static io.effortlens.journey.Touch.contact;
import static io.effortlens.journey.Touch.lifecycle;
import static io.effortlens.journey.Touch.selfService;
import static io.effortlens.journey.Touch.survey;

import io.effortlens.journey.JourneyJob;
import io.effortlens.journey.Touch;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.testing.TestLakes;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Five customers' hand-built journeys around the as-of date 2024-04-01 (horizon 30 days, rules
 * window 10 days), stitched by the real journeys job, then the gold job run once:
 *
 * <ul>
 *   <li>A (billing, ends 01-11): failed web self-service, phone with a transfer (queue Q1), a
 *       repeat phone contact that resolves; CSAT 5 then 4; cancels 01-20 (defected, observed).
 *   <li>B: billing solved in one web self-service on 01-10, then refund by phone (Q2) on 01-15.
 *   <li>C: billing by phone (Q1) on 01-10, resolved, CSAT 2 (dissatisfied, stays); refund (Q2) on
 *       01-14.
 *   <li>D: billing by phone (Q1) on 03-25: ended before as_of but its horizon is not observed; a
 *       refund contact on 04-02 and a cancel on 04-10 lie after as_of and must not count.
 *   <li>E: a journey on 04-05, after as_of: in no gold table.
 * </ul>
 */
final class GoldFixture {
  static final LocalDate AS_OF = LocalDate.of(2024, 4, 1);
  static final String DATABASE = "effortlens_test";
  static final String[] SETS = {
    "labels.horizon-days=30", "gold.rules-window-days=10", "gold.catalog-database=" + DATABASE
  };

  private static RunContext ctx;
  private static GoldJob.Result result;

  private GoldFixture() {}

  static List<Touch> touches() {
    return List.of(
        selfService("a1", "A", "2024-01-10 08:00", "failed").intent("billing"),
        contact("a2", "A", "2024-01-10 09:00")
            .intent("billing")
            .transfers(1)
            .resolved(false)
            .set(InteractionSchema.QUEUE, "Q1"),
        survey("a3", "A", "2024-01-10 09:30", "2024-01-10 12:00").csat(5).ces(6),
        contact("a4", "A", "2024-01-11 09:00")
            .intent("billing")
            .resolved(true)
            .set(InteractionSchema.QUEUE, "Q1"),
        survey("a5", "A", "2024-01-11 09:30", "2024-01-11 12:00").csat(4),
        lifecycle("a6", "A", "2024-01-20 00:00", "cancel"),
        selfService("b1", "B", "2024-01-10 10:00", "success").intent("billing"),
        contact("b2", "B", "2024-01-15 10:00")
            .intent("refund")
            .resolved(true)
            .set(InteractionSchema.QUEUE, "Q2"),
        contact("c1", "C", "2024-01-10 11:00")
            .intent("billing")
            .resolved(true)
            .set(InteractionSchema.QUEUE, "Q1"),
        survey("c2", "C", "2024-01-10 11:30", "2024-01-10 13:00").csat(2).ces(2),
        contact("c3", "C", "2024-01-14 11:00")
            .intent("refund")
            .resolved(true)
            .set(InteractionSchema.QUEUE, "Q2"),
        contact("d1", "D", "2024-03-25 10:00")
            .intent("billing")
            .resolved(true)
            .set(InteractionSchema.QUEUE, "Q1"),
        contact("d2", "D", "2024-04-02 10:00")
            .intent("refund")
            .resolved(true)
            .set(InteractionSchema.QUEUE, "Q2"),
        lifecycle("d3", "D", "2024-04-10 00:00", "cancel"),
        contact("e1", "E", "2024-04-05 10:00").intent("billing").resolved(true));
  }

  /** The lake after journeys and one gold run (built once per test JVM). */
  static synchronized RunContext ctx(SparkSession spark) {
    if (ctx == null) {
      ctx = TestLakes.newRun(spark, SETS);
      Lake lake = ctx.lake();
      lake.append(Table.INTERACTIONS, Touch.frame(spark, touches()));
      JourneyJob.run(ctx);
      result = GoldJob.run(ctx, AS_OF);
    }
    return ctx;
  }

  static GoldJob.Result result(SparkSession spark) {
    ctx(spark);
    return result;
  }
}
