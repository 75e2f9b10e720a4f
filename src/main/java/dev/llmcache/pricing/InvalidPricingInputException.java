package dev.llmcache.pricing;

import dev.llmcache.web.FieldError;
import dev.llmcache.web.ProblemTypes;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Input the pricing cannot take, answered as a 400 problem whose {@code errors} name the fields at
 * fault; the exception carries its own status, so it needs no handler of its own.
 */
public class InvalidPricingInputException extends ErrorResponseException {

    private final transient List<FieldError> errors;

    protected InvalidPricingInputException(String detail, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(detail, errors), null);
        this.errors = List.copyOf(errors);
    }

    /** The fields at fault, each with what is wrong with it. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The first field at fault, for callers that prefix it (such as {@code usage}). */
    public String field() {
        return errors.get(0).field();
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail problem(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, detail);
        problem.setProperty("errors", List.copyOf(errors));
        return problem;
    }
}
