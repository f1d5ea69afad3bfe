package dev.aqueduct.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of the style guide, checked on the compiled classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.aqueduct");
    }

    @Test
    void featurePackagesDoNotDependOnEachOtherInCycles() {
        slices().matching("dev.aqueduct.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheCommandLineAndDaemonWiringSeeEverything() {
        noClasses().that().resideOutsideOfPackages("dev.aqueduct.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.aqueduct.cli..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.aqueduct.server..", "dev.aqueduct.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.aqueduct.server..")
                .check(classes);
    }

    @Test
    void storageAndAccountingNeverReachIntoHttpHandling() {
        noClasses().that().resideInAnyPackage("dev.aqueduct.store..", "dev.aqueduct.keys..",
                        "dev.aqueduct.identity..", "dev.aqueduct.usage..", "dev.aqueduct.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "okhttp3..",
                        "dev.aqueduct.relay..", "dev.aqueduct.http..")
                .check(classes);
    }

    @Test
    void singleSignOnNeverReachesIntoHttpHandling() {
        noClasses().that().resideInAPackage("dev.aqueduct.oidc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "dev.aqueduct.relay..",
                        "dev.aqueduct.http..")
                .check(classes);
    }

    @Test
    void theSimulatorStandsAlone() {
        noClasses().that().resideInAPackage("dev.aqueduct.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.aqueduct.relay..", "dev.aqueduct.server..",
                        "dev.aqueduct.store..", "dev.aqueduct.keys..", "dev.aqueduct.usage..")
                .check(classes);
    }
}
