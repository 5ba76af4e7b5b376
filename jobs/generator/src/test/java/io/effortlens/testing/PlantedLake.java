package io.effortlens.testing;

import io.effortlens.ExitCodes;
import io.effortlens.cli.EffortLensCommand;
import io.effortlens.generate.Generator;
import io.effortlens.generate.GeneratorOptions;
import io.effortlens.generate.OutputFormat;
import io.effortlens.lake.Lake;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lake built from generated data with planted truth, through the real CLI: generate → ingest →
 * features for monthly snapshots. Built once per JVM and shape, so every model test of a test run
 * shares it (the build dominates their cost). Tests must treat it as read-only, or copy it.
 *
 * @param lakeDir the lake root
 * @param dataDir the generator's output (with {@code truth.json} and the truth tables)
 * @param asOfs the monthly snapshots written to {@code customer_features} and {@code
 *     defection_labels}
 */
public record PlantedLake(Shape shape, Path lakeDir, Path dataDir, List<LocalDate> asOfs) {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedLake.class);
  private static final Map<Shape, PlantedLake> BUILT = new ConcurrentHashMap<>();

  /**
   * What to generate: {@code customers} customers for {@code months} months from 2024-01-01, with
   * {@code seed}; snapshots on every first of a month from {@code firstSnapshotMonth} (1-based
   * month index, so 3 = the first of March) through the month after the last simulated one; {@code
   * delightRateScale} multiplies the generator's chance of a delight action (1 = standard).
   */
  public record Shape(
      long customers, int months, long seed, int firstSnapshotMonth, double delightRateScale) {
    public Shape(long customers, int months, long seed, int firstSnapshotMonth) {
      this(
          customers, months, seed, firstSnapshotMonth, GeneratorOptions.DELIGHT_RATE_SCALE_DEFAULT);
    }

    /** The same shape with another seed. */
    public Shape withSeed(long other) {
      return new Shape(customers, months, other, firstSnapshotMonth, delightRateScale);
    }
  }

  /** The default shape for model tests: a few thousand customers, as CI affords. */
  public static final Shape MODEL_TESTS = new Shape(2500, 15, 11, 4);

  /**
   * The shape for the delight estimate: {@link #MODEL_TESTS} with delight granted 4 times as often.
   * In the standard scenario (seed 11) 2,500 customers give 509 treated uncensored snapshots with a
   * 25% 90-day defection rate, so the treated mean alone has a standard error of 1.9 points, as
   * wide as the 2-point tolerance of the planted-effect test. 4 times the grant rate (capped at 50%
   * per contact, one action per journey) gives 1,201 treated (standard error 1.2 points) without a
   * lake of 10,000 customers. A lake of its own: the other model tests keep the standard scenario.
   */
  public static final Shape DELIGHT_TESTS = new Shape(2500, 15, 11, 4, 4.0);

  /** The lake of this shape, building it on first use. */
  public static synchronized PlantedLake of(SparkSession spark, Shape shape) {
    PlantedLake lake = BUILT.get(shape);
    if (lake == null) {
      lake = build(spark, shape);
      BUILT.put(shape, lake);
    }
    return lake;
  }

  public Lake lake(SparkSession spark) {
    return Lake.at(spark, lakeDir.toString());
  }

  public Path truthJson() {
    return dataDir.resolve("truth.json");
  }

  /**
   * With {@code -Deffortlens.planted.reuse=true} (for local iterations only; CI never sets it) the
   * lake is kept under {@code target/planted/<shape>-c<code>} and reused by later JVMs when
   * complete. {@code <code>} is the {@link CodeFingerprint} of the application classes and {@code
   * conf/}: after any change to the code or configuration that builds it the lake is rebuilt (and
   * the folders of the same shape built by other code are removed), so a stale lake cannot make a
   * test pass.
   */
  private static PlantedLake build(SparkSession spark, Shape shape) {
    long start = System.nanoTime();
    LocalDate first = GeneratorOptions.START_DEFAULT;
    boolean reuse = Boolean.getBoolean("effortlens.planted.reuse");
    Path root = reuse ? reusedRoot(shape) : null;
    LocalDate from0 = first.plusMonths(shape.firstSnapshotMonth() - 1L);
    LocalDate to0 = first.plusMonths(shape.months());
    if (reuse && Files.exists(root.resolve("COMPLETE"))) {
      LOG.info("planted lake reused from {}", root);
      return new PlantedLake(
          shape, root.resolve("lake"), root.resolve("data"), monthly(from0, to0));
    }
    Path data = reuse ? fresh(root.resolve("data")) : TestLakes.tempDir("planted-data");
    Path lakeDir = reuse ? fresh(root.resolve("lake")) : TestLakes.tempDir("planted-lake");
    Generator.run(
        spark,
        new GeneratorOptions(
            shape.customers(),
            shape.months(),
            shape.seed(),
            first,
            OutputFormat.JSONL,
            data.toString(),
            shape.delightRateScale()));
    cli(
        "--lake",
        lakeDir.toString(),
        "--set",
        "ingest.max-quarantine-ratio=1.0",
        "ingest",
        "--source",
        "contact-center",
        "--input",
        data.resolve("contact_center").toString(),
        "--customers",
        data.resolve("customers").toString(),
        "--source",
        "web-events",
        "--input",
        data.resolve("web_events").toString());
    LocalDate from = first.plusMonths(shape.firstSnapshotMonth() - 1L);
    LocalDate to = first.plusMonths(shape.months());
    cli(
        "--lake",
        lakeDir.toString(),
        "features",
        "--snapshots",
        "monthly",
        "--from",
        from.toString(),
        "--to",
        to.toString());
    List<LocalDate> asOfs = monthly(from, to);
    if (reuse) {
      try {
        Files.writeString(root.resolve("COMPLETE"), "built\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    LOG.info(
        "stage=planted-lake customers={} months={} snapshots={} seconds={}",
        shape.customers(),
        shape.months(),
        asOfs.size(),
        (System.nanoTime() - start) / 1_000_000_000L);
    return new PlantedLake(shape, lakeDir, data, List.copyOf(asOfs));
  }

  /**
   * {@code target/planted/<shape>-c<code>}; folders of the same shape and other code are removed.
   */
  private static Path reusedRoot(Shape shape) {
    String key =
        shape.customers()
            + "x"
            + shape.months()
            + "-s"
            + shape.seed()
            + "-f"
            + shape.firstSnapshotMonth()
            + (shape.delightRateScale() == GeneratorOptions.DELIGHT_RATE_SCALE_DEFAULT
                ? ""
                : "-d" + shape.delightRateScale());
    Path planted = Path.of("target", "planted").toAbsolutePath();
    Path root = planted.resolve(key + "-c" + CodeFingerprint.current());
    if (Files.isDirectory(planted)) {
      try (var siblings = Files.list(planted)) {
        siblings
            .filter(p -> isOtherBuild(p.getFileName().toString(), key) && !p.equals(root))
            .forEach(PlantedLake::remove);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** A folder of the shape {@code key}: built by other code, or before builds were keyed by it. */
  private static boolean isOtherBuild(String folder, String key) {
    return folder.equals(key) || folder.startsWith(key + "-c");
  }

  private static List<LocalDate> monthly(LocalDate from, LocalDate to) {
    List<LocalDate> asOfs = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusMonths(1)) {
      asOfs.add(d);
    }
    return List.copyOf(asOfs);
  }

  private static Path fresh(Path dir) {
    try {
      remove(dir);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void remove(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    LOG.info("planted lake folder removed: {}", dir);
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void cli(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--conf", TestLakes.repo().resolve("conf/effortlens.yaml").toString()));
    all.addAll(List.of(args));
    args = all.toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EffortLensCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    if (code != ExitCodes.OK) {
      throw new IllegalStateException(
          "planted lake: 'effortlens "
              + String.join(" ", args)
              + "' exited "
              + code
              + "\n"
              + out
              + err);
    }
  }
}
