package dev.llmcache.pricing;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Input the pricing cannot take, answered as a 400 problem whose {@code errors} name the fields at
 * fault; the exception carries its own status, so it needs no handler of its own.
 */
public class InvalidPricingInputException extends ErrorResponseException {

    /** The web layer's type for invalid input, named here so that pricing does not depend on the web package. */
    private static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");

    private final transient List<InvalidField> errors;

    protected InvalidPricingInputException(String detail, List<InvalidField> errors) {
        super(HttpStatus.BAD_REQUEST, problem(detail, errors), null);
        this.errors = List.copyOf(errors);
    }

    /** The fields at fault, each with what is wrong with it. */
    public List<InvalidField> errors() {
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

    private static ProblemDetail problem(String detail, List<InvalidField> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID_REQUEST);
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("errors", List.copyOf(errors));
        return problem;
    }
}
