package dev.lectern.platform.operator;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Platform operators: the people who run Lectern itself, across schools. Not a tenant role (a school's
 * admin must not be able to grant it, and a rebuild touches every school's read models): a fixed list
 * {@code LECTERN_OPERATORS} of {@code tenant/subject} identities from the deployment's configuration.
 */
@Component
public class Operators {

    private final Set<String> identities;

    Operators(@Value("${lectern.operators:}") String configured) {
        this.identities = Arrays.stream(configured.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isOperator(Actor actor) {
        return identities.contains(actor.tenantId().value() + "/" + actor.subject());
    }

    public void require(Actor actor) {
        if (!isOperator(actor)) {
            throw new RequestRejectedException(
                    ErrorCode.FORBIDDEN, "Only platform operators (LECTERN_OPERATORS) may do this");
        }
    }
}
