package dev.llmcache.entry;

import dev.llmcache.config.WellFormedText;
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
 * The contract's input patterns and the messages that explain them, shared by the request records.
 * The two that every lookup and store carries are checked by a loop over the characters
 * ({@link CacheType}, {@link Sha256}) rather than by {@code @Pattern}'s regular expression, which
 * was 4.6 % of a batch lookup's CPU (100 lookups, two patterns each); the OpenAPI document still
 * shows the regular expressions, which say the same.
 */
public final class Patterns {

    public static final String CACHE_TYPE = "^[a-z][a-z0-9_-]{0,31}$";
    public static final String CACHE_TYPE_MESSAGE =
            "must be 1 to 32 lowercase letters, digits, '_' or '-', starting with a letter";
    public static final String SHA256 = "^[0-9a-f]{64}$";
    public static final String SHA256_MESSAGE = "must be 64 lowercase hex characters (a SHA-256)";

    private Patterns() {
    }

    /** Whether the text matches {@link #CACHE_TYPE}. */
    public static boolean isCacheType(String text) {
        int length = text.length();
        if (length < 1 || length > 32 || !lowercaseLetter(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (!lowercaseLetter(c) && !digit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether the text matches {@link #SHA256}. */
    public static boolean isSha256(String text) {
        return isLowercaseHex(text, 64);
    }

    /** Whether the text is {@code length} lowercase hex characters (a SHA-256, a cache or legacy key). */
    static boolean isLowercaseHex(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!digit(c) && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean lowercaseLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@link #CACHE_TYPE}, as {@code @Pattern} would check it; null is valid (with {@code @NotNull} for required). */
    @Documented
    @Constraint(validatedBy = CacheType.Validator.class)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface CacheType {

        String message() default CACHE_TYPE_MESSAGE;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Checks {@link CacheType}. */
        final class Validator implements ConstraintValidator<CacheType, String> {

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || isCacheType(value);
            }
        }
    }

    /** {@link #SHA256}, as {@code @Pattern} would check it; null is valid. */
    @Documented
    @Constraint(validatedBy = Sha256.Validator.class)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Sha256 {

        String message() default SHA256_MESSAGE;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Checks {@link Sha256}. */
        final class Validator implements ConstraintValidator<Sha256, String> {

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || isSha256(value);
            }
        }
    }

    /**
     * No NUL character ({@code \u0000}): PostgreSQL's text cannot hold one (a store answered 500
     * there while SQLite kept it), and no path, provider or model has one. Null is valid.
     */
    @Documented
    @Constraint(validatedBy = NoNul.Validator.class)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface NoNul {

        String message() default "must not hold the NUL character (\\u0000)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Checks {@link NoNul}. */
        final class Validator implements ConstraintValidator<NoNul, String> {

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || !WellFormedText.holdsNul(value);
            }
        }
    }
}
