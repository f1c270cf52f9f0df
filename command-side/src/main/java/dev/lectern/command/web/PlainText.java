package dev.lectern.command.web;

import dev.lectern.events.input.FreeText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A free-text field of a request body: at most {@link #max()} characters, and the one text rule
 * ({@link FreeText}, docs/adr/0013-one-input-rule.md) with newline and tab allowed only when
 * {@link #multiLine()}. Null passes (say {@code @NotNull} or {@code @NotBlank} when the field is required).
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE,
    ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    int min() default 0;

    int max();

    boolean multiLine() default false;

    String message() default "must be plain text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<PlainText, CharSequence> {

        private int min;
        private int max;
        private boolean multiLine;

        @Override
        public void initialize(PlainText annotation) {
            this.min = annotation.min();
            this.max = annotation.max();
            this.multiLine = annotation.multiLine();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem = value.length() < min || value.length() > max
                    ? "must be " + (min > 0 ? min + " to " + max : "at most " + max) + " characters"
                    : FreeText.problem(value, multiLine);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            problem.replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }
    }
}
