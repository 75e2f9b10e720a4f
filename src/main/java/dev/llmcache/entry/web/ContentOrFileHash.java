package dev.llmcache.entry.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request that names a file must send its content or its fileHash. Checked with the other field
 * constraints, so that a request missing both hears it in the same answer as its other mistakes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ContentOrFileHash.Check.class)
public @interface ContentOrFileHash {

    String message() default "is required when the other of content and fileHash is not sent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A request with the two ways of naming a file. */
    interface Named {
        String content();

        String fileHash();
    }

    /** Reports the missing pair on both fields, each saying what would satisfy it. */
    class Check implements ConstraintValidator<ContentOrFileHash, Named> {

        @Override
        public boolean isValid(Named request, ConstraintValidatorContext context) {
            if (request == null || request.content() != null || request.fileHash() != null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("is required when fileHash is not sent")
                    .addPropertyNode("content").addConstraintViolation();
            context.buildConstraintViolationWithTemplate("is required when content is not sent")
                    .addPropertyNode("fileHash").addConstraintViolation();
            return false;
        }
    }
}
