package dev.lectern.command.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.ClassObjectCreatedEvent;
import dev.lectern.events.session.ClassScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one authority rule for objects inside a class (docs/adr/0014), kept true for every child aggregate present and
 * future: every aggregate except the class itself (Session) is a child aggregate, and
 * <ul>
 *   <li>every command it handles implements {@link ClassObjectCommand} (carries the class id and the actor);</li>
 *   <li>it holds a {@link ClassScope} set from a created event that implements {@link ClassObjectCreatedEvent};</li>
 *   <li>it has one {@code @CommandHandlerInterceptor} taking {@link ClassObjectCommand} that calls
 *       {@link ClassScope#require}, so no instance handler runs for a command of another class or school.</li>
 * </ul>
 */
class ClassObjectRuleTest {

    /** The class itself: its commands are addressed by the class id, so they cannot name another class's object. */
    private static final Set<String> CLASS_AGGREGATES = Set.of("dev.lectern.command.session.Session");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lectern.command");
    }

    private static List<JavaClass> childAggregates() {
        List<JavaClass> children = classes.stream()
                .filter(c -> c.isAnnotatedWith(Aggregate.class))
                .filter(c -> !CLASS_AGGREGATES.contains(c.getName()))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toList();
        assertThat(children)
                .as("child aggregates found")
                .extracting(JavaClass::getSimpleName)
                .contains("Ballot", "Poll", "Question", "Scene");
        return children;
    }

    @Test
    void everyCommandToAChildAggregateCarriesItsClassAndActor() {
        List<String> violations = new ArrayList<>();
        for (JavaClass aggregate : childAggregates()) {
            List<JavaCodeUnit> handlers = aggregate.getCodeUnits().stream()
                    .filter(u -> u.isAnnotatedWith(CommandHandler.class))
                    .toList();
            assertThat(handlers)
                    .as(aggregate.getSimpleName() + " handles commands")
                    .isNotEmpty();
            for (JavaCodeUnit handler : handlers) {
                JavaClass command = handler.getRawParameterTypes().get(0);
                if (!command.isAssignableTo(ClassObjectCommand.class)) {
                    violations.add(aggregate.getSimpleName() + "." + handler.getName() + " handles "
                            + command.getSimpleName() + ", which does not implement ClassObjectCommand");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyChildAggregateChecksItsScopeBeforeAnyHandler() {
        List<String> violations = new ArrayList<>();
        for (JavaClass aggregate : childAggregates()) {
            List<JavaMethod> interceptors = aggregate.getMethods().stream()
                    .filter(m -> m.isAnnotatedWith(CommandHandlerInterceptor.class))
                    .filter(m -> m.getRawParameterTypes().size() == 1
                            && m.getRawParameterTypes().get(0).isEquivalentTo(ClassObjectCommand.class))
                    .toList();
            if (interceptors.size() != 1) {
                violations.add(aggregate.getSimpleName() + " has " + interceptors.size()
                        + " @CommandHandlerInterceptor methods taking ClassObjectCommand (needs exactly one)");
                continue;
            }
            boolean checks = interceptors.get(0).getMethodCallsFromSelf().stream()
                    .anyMatch(call -> call.getTargetOwner().isEquivalentTo(ClassScope.class)
                            && call.getName().equals("require"));
            if (!checks) {
                violations.add(aggregate.getSimpleName() + "."
                        + interceptors.get(0).getName() + " does not call ClassScope.require");
            }
            if (!interceptors.get(0).getRawReturnType().isEquivalentTo(void.class)) {
                violations.add(aggregate.getSimpleName()
                        + "'s scope interceptor must return void (then Axon proceeds by itself)");
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyChildAggregateTakesItsScopeFromItsCreatedEvent() {
        List<String> violations = new ArrayList<>();
        for (JavaClass aggregate : childAggregates()) {
            boolean holdsScope =
                    aggregate.getFields().stream().anyMatch(f -> f.getRawType().isEquivalentTo(ClassScope.class));
            List<JavaMethod> fromCreated = aggregate.getMethods().stream()
                    .filter(m -> m.isAnnotatedWith(EventSourcingHandler.class))
                    .filter(m -> m.getRawParameterTypes().get(0).isAssignableTo(ClassObjectCreatedEvent.class))
                    .filter(m -> m.getMethodCallsFromSelf().stream()
                            .anyMatch(call -> call.getTargetOwner().isEquivalentTo(ClassScope.class)
                                    && call.getName().equals("of")))
                    .toList();
            if (!holdsScope || fromCreated.isEmpty()) {
                violations.add(aggregate.getSimpleName()
                        + " must hold a ClassScope set by ClassScope.of(created) in the "
                        + "@EventSourcingHandler of an event implementing ClassObjectCreatedEvent; found field: "
                        + holdsScope
                        + ", handlers: "
                        + fromCreated.stream().map(JavaMethod::getFullName).collect(Collectors.joining(", ")));
            }
        }
        assertThat(violations).isEmpty();
    }
}
