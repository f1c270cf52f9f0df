package dev.lectern.command;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link DomainException} with a given code, for {@code expectException(...)}. */
public final class DomainExceptionMatcher extends TypeSafeMatcher<DomainException> {

    private final ErrorCode code;

    private DomainExceptionMatcher(ErrorCode code) {
        this.code = code;
    }

    public static DomainExceptionMatcher rejectedWith(ErrorCode code) {
        return new DomainExceptionMatcher(code);
    }

    @Override
    protected boolean matchesSafely(DomainException exception) {
        return exception.code() == code;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a DomainException with code ").appendValue(code);
    }
}
