package dev.llmcache.web;

import java.util.List;

/** Input that passed parsing but breaks a rule of the contract; answered with 400 and the errors. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.size() == 1
                ? "Invalid request: " + errors.get(0).field() + " " + errors.get(0).message() + "."
                : "Invalid request: " + errors.size() + " fields are invalid, see errors.");
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** The same errors with their fields prefixed, e.g. {@code lookups[3].} for an item of a list. */
    public InvalidRequestException prefixed(String prefix) {
        return new InvalidRequestException(errors.stream().map(e -> new FieldError(prefix + e.field(), e.message())).toList());
    }

    public List<FieldError> errors() {
        return errors;
    }
}
