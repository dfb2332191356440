package org.sparkrnnlm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package dependencies run one way: the equations know nothing of files or Spark, the generic
 * training code nothing of either model, distribution nothing of workflows, and only the command
 * line knows picocli. {@code tools/package-graph} prints the graph these rules hold.
 */
class PackageDependenciesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.sparkrnnlm");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.sparkrnnlm.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreNeverUsesTheJobs() {
        noClasses().that().resideInAPackage("org.sparkrnnlm.core..").should().dependOnClassesThat()
                .resideInAPackage("org.sparkrnnlm.jobs..").check(classes);
    }

    @Test
    void theEquationsUseNoFilesAndNoSpark() {
        noClasses().that().resideInAnyPackage("..core.tensor..", "..core.rnn..", "..core.lm..", "..core.regression..", "..core.train..")
                .should().dependOnClassesThat().resideInAnyPackage("..core.store..", "..core.model..", "org.apache.spark..",
                        "org.apache.hadoop..")
                .check(classes);
    }

    @Test
    void genericTrainingKnowsNeitherModel() {
        noClasses().that().resideInAPackage("..core.train..").should().dependOnClassesThat()
                .resideInAnyPackage("..core.lm..", "..core.regression..", "..core.text..").check(classes);
    }

    @Test
    void distributionKnowsNoWorkflowNoInputFormatAndNoModelKind() {
        noClasses().that().resideInAPackage("..jobs.distributed..").should().dependOnClassesThat()
                .resideInAnyPackage("..jobs.workflow..", "..jobs.cli..", "..jobs.preprocess..", "..jobs.regression..",
                        "..jobs.corpus..", "..core.lm..", "..core.regression..", "..core.model..")
                .check(classes);
    }

    @Test
    void sharedInputHandlingKnowsNoDataset() {
        noClasses().that().resideInAPackage("..jobs.hadoop..").should().dependOnClassesThat()
                .resideInAnyPackage("..jobs.preprocess..", "..jobs.regression..", "..jobs.corpus..", "..jobs.distributed..",
                        "..jobs.workflow..", "..jobs.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineUsesPicocliAndNothingUsesTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("..jobs.cli..").should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("..jobs.cli..").should().dependOnClassesThat().resideInAPackage("..jobs.cli..")
                .check(classes);
    }

    @Test
    void onlyTheSparkMlStagesUseSparkMlAndNothingUsesThem() {
        noClasses().that().resideOutsideOfPackage("..jobs.ml..").should().dependOnClassesThat().resideInAPackage("org.apache.spark.ml..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("..jobs.ml..").should().dependOnClassesThat().resideInAPackage("..jobs.ml..")
                .check(classes);
    }

    @Test
    void workflowsRunWithoutTheBenchmarks() {
        noClasses().that().resideInAPackage("..jobs.workflow..").should().dependOnClassesThat().resideInAPackage("..jobs.bench..")
                .check(classes);
    }
}
