package io.effortlens.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The architecture of EffortLens as ArchUnit rules, checked on the compiled classes by {@link
 * ArchitectureTest} and proven to fail on violating fixtures by {@link ArchitectureRulesFailTest}:
 *
 * <ol>
 *   <li>{@link #writesOnlyInJobsAndLake()}: storage is written (files, Hadoop file systems,
 *       DataFrame writers, Delta tables, saved MLlib models) only by the {@code lake} package and
 *       by classes named {@code *Job}, plus the packages of {@link #WRITES_ALLOWED}, each with its
 *       reason;
 *   <li>{@link #environmentOnlyInConfig()}: {@code System.getenv} only in {@code config};
 *   <li>{@link #noCycles(String)}: the top-level packages ({@code cli}, {@code model}, {@code
 *       lake}, …) form no dependency cycle;
 *   <li>{@link #commandsRunOneJob(String)}: a command of the CLI calls one job, through its entry
 *       point {@code run} only (never a job's other methods);
 *   <li>{@link #onlyThePipelineRunsJobs()}: no job runs another, except {@link #PIPELINE}, which
 *       owns the order of the stages and their as-of dates;
 *   <li>{@link #independentOf(String)}: no class depends on the data generator ({@link #GENERATOR},
 *       module {@code jobs/generator}), so the cluster jar runs without it.
 * </ol>
 *
 * Reads (listing, opening, {@code exists}) are free everywhere: a stage may look, only jobs and the
 * lake may change storage.
 */
final class ArchitectureRules {
  private ArchitectureRules() {}

  /** The one allow-list of packages that may write besides {@code lake} and {@code *Job}. */
  static final Map<String, String> WRITES_ALLOWED =
      Map.of(
          "io.effortlens.lake..",
          "the lake owns storage: table writes, model folders, reports, MLflow artifacts");

  /** Root packages of the production code whose top-level packages must not form cycles. */
  static final String AREAS = "io.effortlens.(*)..";

  private static final Set<String> NIO_WRITES =
      Set.of(
          "write",
          "writeString",
          "newBufferedWriter",
          "newOutputStream",
          "createFile",
          "createDirectory",
          "createDirectories",
          "createTempFile",
          "createTempDirectory",
          "createLink",
          "createSymbolicLink",
          "copy",
          "move",
          "delete",
          "deleteIfExists",
          "setAttribute",
          "setLastModifiedTime",
          "setPosixFilePermissions");
  private static final Set<String> FILE_WRITES =
      Set.of("delete", "deleteOnExit", "mkdir", "mkdirs", "renameTo", "createNewFile");
  private static final Set<String> WRITING_CONSTRUCTORS =
      Set.of("java.io.FileOutputStream", "java.io.FileWriter", "java.io.RandomAccessFile");
  private static final Set<String> HADOOP_WRITES =
      Set.of(
          "create",
          "createNewFile",
          "append",
          "delete",
          "rename",
          "mkdirs",
          "truncate",
          "concat",
          "copyFromLocalFile",
          "copyToLocalFile",
          "moveFromLocalFile",
          "moveToLocalFile",
          "setPermission");
  private static final Set<String> DATASET_WRITES = Set.of("write", "writeTo", "writeStream");
  private static final Set<String> DELTA_WRITES =
      Set.of(
          "merge",
          "delete",
          "update",
          "updateExpr",
          "vacuum",
          "optimize",
          "restoreToVersion",
          "restoreToTimestamp",
          "upgradeTableProtocol",
          "addFeatureSupport",
          "generate",
          "convertToDelta",
          "create",
          "createIfNotExists",
          "createOrReplace",
          "replace");

  /** A call that changes storage. */
  static final DescribedPredicate<JavaCall<?>> STORAGE_WRITE =
      DescribedPredicate.describe(
          "a write to storage (java.nio.file.Files, java.io.File, FileOutputStream/FileWriter,"
              + " Hadoop FileSystem, Dataset.write(), DeltaTable, MLWriter.save, RDD.saveAs*)",
          ArchitectureRules::writesStorage);

  private static boolean writesStorage(JavaCall<?> call) {
    JavaClass owner = call.getTargetOwner();
    String name = call.getName();
    if (call.getTarget().getName().equals("<init>")) {
      return WRITING_CONSTRUCTORS.contains(owner.getName());
    }
    return owner.isEquivalentTo(java.nio.file.Files.class) && NIO_WRITES.contains(name)
        || owner.isEquivalentTo(java.io.File.class) && FILE_WRITES.contains(name)
        || owner.isAssignableTo("org.apache.hadoop.fs.FileSystem") && HADOOP_WRITES.contains(name)
        || owner.isAssignableTo("org.apache.spark.sql.Dataset") && DATASET_WRITES.contains(name)
        || owner.isAssignableTo("io.delta.tables.DeltaTable") && DELTA_WRITES.contains(name)
        || owner.isAssignableTo("io.delta.tables.DeltaTableBuilder") && name.equals("execute")
        || owner.isAssignableTo("io.delta.tables.DeltaMergeBuilder") && name.equals("execute")
        || owner.isAssignableTo("org.apache.spark.ml.util.MLWriter") && name.equals("save")
        || owner.isAssignableTo("org.apache.spark.ml.util.MLWritable") && name.equals("save")
        || owner.isAssignableTo("org.apache.spark.rdd.RDD") && name.startsWith("saveAs")
        || owner.isAssignableTo("org.apache.spark.api.java.JavaRDDLike")
            && name.startsWith("saveAs");
  }

  /**
   * Classes that may write: {@code *Job} (and their nested classes) and {@link #WRITES_ALLOWED}.
   */
  static final DescribedPredicate<JavaClass> MAY_WRITE =
      DescribedPredicate.describe(
          "named *Job or in " + WRITES_ALLOWED.keySet(),
          c ->
              c.getName().matches(".*Job(\\$.*)?")
                  || WRITES_ALLOWED.keySet().stream()
                      .anyMatch(p -> JavaClass.Predicates.resideInAPackage(p).test(c)));

  static ArchRule writesOnlyInJobsAndLake() {
    return noClasses()
        .that(DescribedPredicate.not(MAY_WRITE))
        .should()
        .callCodeUnitWhere(STORAGE_WRITE)
        .because(
            "storage is changed by jobs and the lake only; stages are pure (house rules 1 and 9)");
  }

  static ArchRule environmentOnlyInConfig() {
    return noClasses()
        .that()
        .resideOutsideOfPackage("io.effortlens.config..")
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "System.getenv",
                call ->
                    call.getTargetOwner().isEquivalentTo(System.class)
                        && call.getName().equals("getenv")))
        .because("the environment is read by the configuration loader only (house rule 7)");
  }

  /**
   * The one exception to {@link #noCycles}: the table catalogue {@code lake.Table} names the schema
   * of every lake table, and each schema ({@code *Schema}, constants only) is declared in the
   * package of the stage that owns the table's grain, which itself uses the lake. Moving the
   * schemas into {@code io.effortlens.schema} removes this entry.
   */
  static final String CATALOGUE = "io.effortlens.lake.Table";

  /** No cycle among the packages that {@code pattern}'s capture group names. */
  static ArchRule noCycles(String pattern) {
    return SlicesRuleDefinition.slices()
        .matching(pattern)
        .should()
        .beFreeOfCycles()
        .ignoreDependency(
            com.tngtech.archunit.core.domain.properties.HasName.Predicates.name(CATALOGUE),
            JavaClass.Predicates.simpleNameEndingWith("Schema"))
        .because("the layers go one way: cli → jobs and stages → lake → config");
  }

  /** The one job that runs other jobs: the order of the stages and their dates are its own. */
  static final String PIPELINE = "io.effortlens.pipeline.PipelineJob";

  /** A top-level class named {@code *Job} (not its nested result and request records). */
  private static boolean isJob(JavaClass c) {
    return c.getName().matches("[\\w.]*Job");
  }

  /** The top-level class a class is nested in, or itself. */
  private static String topLevel(JavaClass c) {
    return c.getName().replaceFirst("\\$.*", "");
  }

  /**
   * Each class in {@code cliPackage} calls of jobs only their entry point {@code run}, and of one
   * job at most: a command that ran stages one after the other would own an order that belongs to
   * {@link #PIPELINE}.
   */
  static ArchRule commandsRunOneJob(String cliPackage) {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAPackage(cliPackage)
        .should(
            new ArchCondition<JavaClass>("call one job, through its entry point run only") {
              @Override
              public void check(JavaClass command, ConditionEvents events) {
                Set<String> jobs = new TreeSet<>();
                for (JavaMethodCall call : command.getMethodCallsFromSelf()) {
                  if (!isJob(call.getTargetOwner())) {
                    continue;
                  }
                  jobs.add(call.getTargetOwner().getName());
                  if (!call.getName().equals("run")) {
                    events.add(
                        SimpleConditionEvent.violated(
                            call, call.getDescription() + ", not the job's entry point run"));
                  }
                }
                if (jobs.size() > 1) {
                  events.add(
                      SimpleConditionEvent.violated(
                          command, command.getName() + " calls " + jobs.size() + " jobs " + jobs));
                }
              }
            })
        .because("the order of the stages is the pipeline's (" + PIPELINE + ")");
  }

  static ArchRule onlyThePipelineRunsJobs() {
    return noClasses()
        .that(
            DescribedPredicate.describe(
                "are jobs other than " + PIPELINE,
                c -> c.getName().matches(".*Job(\\$.*)?") && !topLevel(c).equals(PIPELINE)))
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "run of another job",
                call ->
                    isJob(call.getTargetOwner())
                        && call.getName().equals("run")
                        && !call.getTargetOwner()
                            .getName()
                            .equals(topLevel(call.getOriginOwner()))))
        .because("a stage job does one stage; the order of the stages is the pipeline's");
  }

  /**
   * The data generator's packages: a separate tool in its own module ({@code jobs/generator}),
   * whose command the CLI finds as a {@code CommandPlugin}; not in the cluster jar.
   */
  static final String GENERATOR = "io.effortlens.generate..";

  /** No class outside {@code toolPackages} depends on a class inside them. */
  static ArchRule independentOf(String toolPackages) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(toolPackages)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(toolPackages)
        .because(
            "the generator is a tool of its own module (jobs/generator), found by the CLI through"
                + " io.effortlens.cli.CommandPlugin; the cluster jar does not carry it");
  }
}
