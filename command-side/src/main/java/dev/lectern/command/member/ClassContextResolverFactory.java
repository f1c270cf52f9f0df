package dev.lectern.command.member;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregate;

/**
 * Resolves a handler parameter of type {@link ClassContext} to the root of the aggregate whose handler runs: Axon
 * runs every aggregate handler (the root's and its members') inside the aggregate's scope, so the class a member
 * belongs to is known without a field pointing back at it (docs/adr/0019-session-members-and-snapshots.md).
 * Registered through META-INF/services, so Spring and AggregateTestFixture both find it.
 */
public final class ClassContextResolverFactory implements ParameterResolverFactory {

    private static final ParameterResolver<ClassContext> FROM_SCOPE = new ParameterResolver<>() {
        @Override
        public ClassContext resolveParameterValue(Message<?> message) {
            return current();
        }

        /** Always: handler selection also happens outside the aggregate's scope (on the command bus). */
        @Override
        public boolean matches(Message<?> message) {
            return true;
        }
    };

    @Override
    public ParameterResolver<ClassContext> createInstance(Executable executable, Parameter[] parameters, int index) {
        return parameters[index].getType() == ClassContext.class ? FROM_SCOPE : null;
    }

    static ClassContext current() {
        Scope scope;
        try {
            scope = Scope.getCurrentScope();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "A ClassContext is only known while a Session aggregate handles a message", e);
        }
        if (scope instanceof AnnotatedAggregate<?> aggregate
                && aggregate.getAggregateRoot() instanceof ClassContext context) {
            return context;
        }
        throw new IllegalStateException(
                "A ClassContext is only known while a Session aggregate handles a message, not in "
                        + scope.describeScope());
    }
}
