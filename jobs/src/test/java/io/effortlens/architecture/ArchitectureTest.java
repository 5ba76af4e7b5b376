package io.effortlens.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production classes (not the tests) follow the rules of {@link ArchitectureRules}. */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.effortlens");
  }

  @Test
  void storageIsWrittenOnlyByJobsAndTheLake() {
    ArchitectureRules.writesOnlyInJobsAndLake().check(production);
  }

  @Test
  void onlyTheConfigurationReadsTheEnvironment() {
    ArchitectureRules.environmentOnlyInConfig().check(production);
  }

  @Test
  void packagesFormNoCycle() {
    ArchitectureRules.noCycles(ArchitectureRules.AREAS).check(production);
  }

  @Test
  void eachCommandRunsOneJobThroughItsEntryPoint() {
    ArchitectureRules.commandsRunOneJob("io.effortlens.cli..").check(production);
  }

  @Test
  void onlyThePipelineRunsOtherJobs() {
    ArchitectureRules.onlyThePipelineRunsJobs().check(production);
  }

  @Test
  void nothingDependsOnTheGenerator() {
    ArchitectureRules.independentOf(ArchitectureRules.GENERATOR).check(production);
  }
}
