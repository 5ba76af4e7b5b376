package io.effortlens.features;

import static io.effortlens.journey.Touch.action;
import static io.effortlens.journey.Touch.activity;
import static io.effortlens.journey.Touch.contact;
import static io.effortlens.journey.Touch.lifecycle;
import static io.effortlens.journey.Touch.selfService;
import static io.effortlens.journey.Touch.survey;

import io.effortlens.config.ConfigLoader;
import io.effortlens.journey.Touch;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A small lake for job tests: six customers with journeys, CES answers, actions, activity and
 * lifecycle events before 2024-06-01 (T), and a set of future rows: everything a leak could use.
 */
public final class Scenario {
  private Scenario() {}

  /** Rows known before T. Twelve journeys, eight with a CES answer, so the model is fitted. */
  public static List<Touch> past() {
    List<Touch> out = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String customer = "C" + (i % 6);
      String day = "2024-05-%02d".formatted(1 + i * 2);
      String id = "j" + i;
      out.add(
          selfService(id + "w", customer, day + " 09:00", i % 3 == 0 ? "failed" : "success")
              .intent("topic" + i)
              .caseId(i == 3 ? "K3" : null));
      out.add(
          contact(id + "p", customer, day + " 09:30")
              .intent("topic" + i)
              .caseId(i == 3 ? "K3" : null)
              .transfers(i % 3)
              .waitSeconds(60.0 * i)
              .repeatedInfo(i % 4 == 0)
              .resolved(i % 5 != 0));
      if (i % 3 != 2) {
        out.add(
            survey(id + "s", customer, day + " 10:00", day + " 18:00").ces(7 - i % 3 * 2).csat(4));
      }
    }
    out.add(action("g1", "C1", "2024-05-03 10:00", "gift", 15.0));
    out.add(activity("a1", "C2", "2024-05-20 10:00", "login"));
    out.add(activity("a2", "C2", "2024-04-20 10:00", "play"));
    out.add(lifecycle("l1", "C3", "2024-01-05 00:00", "signup"));
    out.add(lifecycle("l2", "C5", "2024-02-01 00:00", "cancel"));
    out.add(lifecycle("l3", "C5", "2024-03-01 00:00", "signup"));
    return out;
  }

  /** Rows that only exist after T, or whose answer is known only from T on. */
  public static List<Touch> future() {
    return List.of(
        contact("f1", "C0", "2024-06-01 00:00").intent("topic0").transfers(5), // exactly at T
        contact("f2", "C0", "2024-06-02 10:00").intent("topic6").resolved(true), // continues j6
        survey("f3", "C3", "2024-05-07 10:30", "2024-06-01 00:00").ces(1), // answered at T
        survey("f4", "C4", "2024-05-09 10:30", "2024-06-20 00:00").ces(1).csat(1), // late answer
        survey("f5", "C2", "2024-05-05 10:30", "2024-07-01 00:00").ces(7).nps(0),
        action("f6", "C3", "2024-06-03 00:00", "refund", 99.0).caseId("K3"), // joins K3's journey
        activity("f7", "C2", "2024-06-05 00:00", "purchase"), // a type unknown before T
        lifecycle("f8", "C1", "2024-07-01 00:00", "cancel"),
        contact("f9", "C99", "2024-06-10 00:00").intent("new"), // a customer only after T
        selfService("f10", "C1", "2024-06-01 00:00:01", "failed").intent("topic1"));
  }

  public static RunContext run(SparkSession spark, Path lake, String runId, String... sets) {
    Path conf = TestLakes.repo().resolve("conf/effortlens.yaml");
    return new RunContext(
        runId,
        Instant.parse("2026-01-15T00:00:00Z"),
        "test",
        List.of(),
        ConfigLoader.load(conf, true, List.of(sets)),
        Lake.at(spark, lake.toString()));
  }

  public static void append(RunContext ctx, List<Touch> touches) {
    ctx.lake().append(Table.INTERACTIONS, Touch.frame(ctx.lake().spark(), touches));
  }

  public static Path tempLake() {
    try {
      return Files.createTempDirectory("lake");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
