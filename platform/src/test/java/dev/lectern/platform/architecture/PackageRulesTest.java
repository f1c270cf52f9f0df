package dev.lectern.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.bind.annotation.RestController;

/**
 * Packages by feature (docs/adr/0018-packages-by-feature.md): no package cycles in any module, controllers
 * speak HTTP and leave SQL to the classes that own a table, aggregates and their members know nothing of the
 * web, and only named classes read the event log's table.
 */
class PackageRulesTest {

    /** The classes that may read or write session_state_events with SQL: the event store and the log's readers. */
    private static final Set<String> EVENT_LOG_READERS = Set.of(
            "platform/src/main/java/dev/lectern/platform/eventstore/CommitSignal.java",
            "platform/src/main/java/dev/lectern/platform/eventstore/CommittedWatermark.java",
            "platform/src/main/java/dev/lectern/platform/eventstore/EventStoreConfiguration.java",
            "platform/src/main/java/dev/lectern/platform/eventstore/SessionStateEventsAppender.java",
            "platform/src/main/java/dev/lectern/platform/eventstore/WatermarkedReads.java",
            "platform/src/main/java/dev/lectern/platform/operator/ProjectionController.java",
            "platform/src/main/java/dev/lectern/platform/operator/RebuildCommand.java",
            "platform/src/main/java/dev/lectern/platform/processing/EventProcessingMonitor.java",
            "query-side/src/main/java/dev/lectern/query/audit/AuditEventLogController.java",
            "query-side/src/main/java/dev/lectern/query/eventlog/EventLogRepository.java",
            "query-side/src/main/java/dev/lectern/query/eventlog/EventRows.java",
            "query-side/src/main/java/dev/lectern/query/replay/ProjectionRebuilds.java",
            "query-side/src/main/java/dev/lectern/query/livestate/SessionLog.java");

    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern STRINGS = Pattern.compile("(?s)\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"");

    private static JavaClasses lectern;

    @BeforeAll
    static void importClasses() {
        lectern = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lectern");
    }

    @ParameterizedTest
    @ValueSource(strings = {"events", "command", "query", "sagas", "platform"})
    void noModuleHasPackageCycles(String module) {
        slices().matching("dev.lectern." + module + ".(*)..")
                .should()
                .beFreeOfCycles()
                .check(lectern);
    }

    @Test
    void controllersDoNotTalkSqlThemselves() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.r2dbc.core.DatabaseClient")
                .because("a controller parses, calls one service or the command gateway, and maps the answer")
                .check(lectern);
    }

    @Test
    void aggregatesAndTheirMembersDoNotSeeTheWeb() {
        noClasses()
                .that(declareHandlersOf(CommandHandler.class, EventSourcingHandler.class))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..web..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "reactor..",
                        "java.sql..",
                        "org.springframework.jdbc..",
                        "org.springframework.r2dbc..")
                .check(lectern);
    }

    @Test
    void onlyNamedClassesReadTheEventLogTable() throws IOException {
        Path root = repositoryRoot();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(
                            f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.startsWith(root.resolve("bench")))
                    .filter(f -> mentionsInCode(f, "session_state_events"))
                    .map(f -> root.relativize(f).toString())
                    .filter(f -> !EVENT_LOG_READERS.contains(f))
                    .toList();
        }
        assertThat(offenders)
                .as("SQL on session_state_events outside the named readers")
                .isEmpty();
    }

    @Test
    void theCommandSideHasNoSqlOverEventPayloads() throws IOException {
        Path commandSide = repositoryRoot().resolve("command-side/src/main/java");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(commandSide)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> mentionsInCode(f, "session_state_events") || mentionsInStrings(f, "payload"))
                    .toList();
        }
        assertThat(offenders)
                .as("command-side code reading stored events with SQL")
                .isEmpty();
    }

    /**
     * SQL is text: a word inside a string literal or text block. (Bean Validation requires every constraint
     * annotation to declare a {@code payload()} attribute, which is no SQL.)
     */
    private static boolean mentionsInStrings(Path file, String word) {
        try {
            Matcher literals =
                    STRINGS.matcher(COMMENTS.matcher(Files.readString(file)).replaceAll(""));
            while (literals.find()) {
                if (literals.group().contains(word)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean mentionsInCode(Path file, String word) {
        try {
            return COMMENTS.matcher(Files.readString(file)).replaceAll("").contains(word);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("shared-events"))) {
            here = here.getParent();
        }
        assertThat(here)
                .as("repository root above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return here;
    }

    @SafeVarargs
    private static DescribedPredicate<JavaClass> declareHandlersOf(
            Class<? extends java.lang.annotation.Annotation>... kinds) {
        return DescribedPredicate.describe(
                "declare command or event sourcing handlers",
                type -> type.getMethods().stream()
                                .anyMatch(method -> Stream.of(kinds).anyMatch(method::isAnnotatedWith))
                        || type.getConstructors().stream()
                                .anyMatch(c -> Stream.of(kinds).anyMatch(c::isAnnotatedWith)));
    }
}
