package io.effortlens.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.effortlens.architecture.fixtures.FixtureJob;
import io.effortlens.architecture.fixtures.OtherFixtureJob;
import io.effortlens.architecture.fixtures.ReadsEnvironment;
import io.effortlens.architecture.fixtures.StrayWrites;
import io.effortlens.architecture.fixtures.UsesTheTool;
import io.effortlens.architecture.fixtures.cli.OneJobCommand;
import io.effortlens.architecture.fixtures.cli.OrchestratingCommand;
import io.effortlens.architecture.fixtures.cycle.a.Upper;
import io.effortlens.architecture.fixtures.cycle.b.Lower;
import io.effortlens.architecture.fixtures.tool.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureRules} fails when broken: it is run on deliberately violating
 * fixture classes (test scope, {@code io.effortlens.architecture.fixtures}) and must report each
 * violation, so a green {@link ArchitectureTest} means the production code obeys the rule, not that
 * the rule matches nothing.
 */
class ArchitectureRulesFailTest {
  private static JavaClasses fixtures(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  @Test
  void ioRuleReportsEveryKindOfWriteOutsideJobsAndTheLake() {
    EvaluationResult result =
        ArchitectureRules.writesOnlyInJobsAndLake().evaluate(fixtures(StrayWrites.class));
    String report = String.join("\n", result.getFailureReport().getDetails());
    for (String method :
        List.of(
            "nioWrite",
            "fileOutputStream",
            "hadoopDelete",
            "datasetWrite",
            "deltaDelete",
            "modelSave")) {
      assertTrue(
          report.contains("StrayWrites." + method + "("), method + " not reported:\n" + report);
    }
  }

  @Test
  void ioRuleLetsAJobWrite() {
    EvaluationResult result =
        ArchitectureRules.writesOnlyInJobsAndLake()
            .evaluate(fixtures(FixtureJob.class, StrayWrites.class));
    String report = String.join("\n", result.getFailureReport().getDetails());
    assertTrue(report.contains("StrayWrites"), report);
    assertFalse(report.contains("FixtureJob"), report);
  }

  @Test
  void environmentRuleReportsGetenvOutsideConfig() {
    EvaluationResult result =
        ArchitectureRules.environmentOnlyInConfig().evaluate(fixtures(ReadsEnvironment.class));
    List<String> details = result.getFailureReport().getDetails();
    assertEquals(1, details.size(), String.join("\n", details));
    assertTrue(details.get(0).contains("ReadsEnvironment.home()"), details.get(0));
  }

  @Test
  void cycleRuleReportsTwoPackagesThatUseEachOther() {
    EvaluationResult result =
        ArchitectureRules.noCycles("io.effortlens.architecture.fixtures.cycle.(*)..")
            .evaluate(fixtures(Upper.class, Lower.class));
    String report = String.join("\n", result.getFailureReport().getDetails());
    assertTrue(result.hasViolation(), "no cycle reported");
    assertTrue(report.contains("Slice a") && report.contains("Slice b"), report);
  }

  @Test
  void commandRuleReportsACommandThatRunsTwoJobsOrCallsAJobsHelper() {
    EvaluationResult result =
        ArchitectureRules.commandsRunOneJob("io.effortlens.architecture.fixtures.cli..")
            .evaluate(
                fixtures(
                    OrchestratingCommand.class,
                    OneJobCommand.class,
                    FixtureJob.class,
                    OtherFixtureJob.class));
    String report = String.join("\n", result.getFailureReport().getDetails());
    assertEquals(2, result.getFailureReport().getDetails().size(), report);
    assertTrue(report.contains("OrchestratingCommand calls 2 jobs"), report);
    assertTrue(report.contains("FixtureJob.helper()"), report);
    assertTrue(report.contains("not the job's entry point run"), report);
    assertFalse(report.contains("OneJobCommand"), report);
  }

  @Test
  void pipelineRuleReportsAJobThatRunsAnotherJob() {
    EvaluationResult result =
        ArchitectureRules.onlyThePipelineRunsJobs()
            .evaluate(fixtures(FixtureJob.class, OtherFixtureJob.class));
    List<String> details = result.getFailureReport().getDetails();
    assertEquals(1, details.size(), String.join("\n", details));
    assertTrue(details.get(0).contains("OtherFixtureJob.run()"), details.get(0));
    assertTrue(details.get(0).contains("FixtureJob.run()"), details.get(0));
  }

  @Test
  void generatorRuleReportsAClassThatUsesTheTool() {
    EvaluationResult result =
        ArchitectureRules.independentOf("io.effortlens.architecture.fixtures.tool..")
            .evaluate(fixtures(UsesTheTool.class, Simulation.class));
    String report = String.join("\n", result.getFailureReport().getDetails());
    assertTrue(result.hasViolation(), "no dependency reported");
    assertTrue(report.contains("UsesTheTool"), report);
    assertFalse(report.contains("Method <io.effortlens.architecture.fixtures.tool"), report);
  }
}
