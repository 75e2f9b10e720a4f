package dev.llmcache.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** Input that breaks a rule of the contract: a 400 whose {@code errors} name each field at fault. */
public class InvalidRequestException extends ProblemException {

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        this(detail(errors), errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** A 400 with a detail of its own (a sentence) beside the errors. */
    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, detail);
        this.errors = List.copyOf(errors);
        getBody().setProperty("errors", this.errors);
    }

    /** The same errors with their fields prefixed, e.g. {@code lookups[3].} for an item of a list. */
    public InvalidRequestException prefixed(String prefix) {
        return new InvalidRequestException(errors.stream().map(e -> new FieldError(prefix + e.field(), e.message())).toList());
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String detail(List<FieldError> errors) {
        return errors.size() == 1
                ? "Invalid request: " + errors.get(0).field() + " " + errors.get(0).message() + "."
                : "Invalid request: " + errors.size() + " fields are invalid, see errors.";
    }
}
