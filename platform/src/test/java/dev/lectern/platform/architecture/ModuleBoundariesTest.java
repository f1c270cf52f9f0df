package dev.lectern.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of STYLE.md, checked on the compiled classes of all modules:
 * shared-events is plain Java; the sides never import each other; aggregates know nothing of the web.
 */
class ModuleBoundariesTest {

    private static JavaClasses lectern;

    @BeforeAll
    static void importClasses() {
        lectern = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lectern");
    }

    @Test
    void sharedEventsIsPlainJavaWithoutSpring() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.events..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .check(lectern);
    }

    @Test
    void sharedEventsDependsOnNoSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.events..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lectern.command..", "dev.lectern.query..", "dev.lectern.sagas..", "dev.lectern.platform..")
                .check(lectern);
    }

    @Test
    void theCommandSideDoesNotImportOtherSides() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.lectern.query..", "dev.lectern.sagas..", "dev.lectern.platform..")
                .check(lectern);
    }

    @Test
    void theQuerySideDoesNotImportOtherSides() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.lectern.command..", "dev.lectern.sagas..", "dev.lectern.platform..")
                .check(lectern);
    }

    @Test
    void sagasDoNotImportOtherSides() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.sagas..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.lectern.command..", "dev.lectern.query..", "dev.lectern.platform..")
                .check(lectern);
    }

    @Test
    void aggregatesDoNotSeeTheWeb() {
        noClasses()
                .that()
                .areAnnotatedWith(Aggregate.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..web..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "reactor..",
                        "java.sql..",
                        "org.springframework.jdbc..")
                .check(lectern);
    }

    /**
     * A rollback hook alone misses checked rejections (Axon commits on them): every undo of an
     * allocation goes through Compensation, which also runs on an exceptional result (ADR 0016).
     */
    @Test
    void undoingAnAllocationGoesThroughCompensation() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern..")
                .and()
                .doNotHaveFullyQualifiedName("dev.lectern.command.unitofwork.Compensation")
                .should()
                .callMethod(
                        org.axonframework.messaging.unitofwork.UnitOfWork.class,
                        "onRollback",
                        java.util.function.Consumer.class)
                .check(lectern);
    }

    @Test
    void aggregatesArePackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith(Aggregate.class)
                .should()
                .notBePublic()
                .check(lectern);
    }

    @Test
    void eventsAreRecords() {
        classes()
                .that()
                .resideInAPackage("dev.lectern.events..")
                .and()
                .haveSimpleNameEndingWith("Event")
                .and()
                .areNotInterfaces()
                .should()
                .beRecords()
                .check(lectern);
    }
}
