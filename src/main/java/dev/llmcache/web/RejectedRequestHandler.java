package dev.llmcache.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * What Spring Security's firewall refuses in the filter chain is answered like the same refusal
 * inside Spring MVC ({@link MalformedRequestAdvice}), instead of the default bare 400 through an
 * error dispatch that meets the same firewall again.
 */
class RejectedRequestHandler implements RequestRejectedHandler {

    private final HandlerExceptionResolver errors;

    RejectedRequestHandler(HandlerExceptionResolver errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        if (errors.resolveException(request, response, null, e) == null && !response.isCommitted()) {
            // Not expected (the advice answers every rejection), but never an empty answer.
            ProblemWriter.write(response, HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
                    "The request was refused: " + MalformedRequestAdvice.reason(String.valueOf(e.getMessage())) + ".", null);
        }
    }
}
