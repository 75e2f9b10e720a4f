package dev.llmcache.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel {@code /error} page: errors raised outside Spring MVC (in filters or
 * the container) are answered as problem JSON too, never as HTML.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        HttpStatus resolved = HttpStatus.resolve(status);
        HttpStatus answer = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = answer.is5xxServerError()
                ? "The server failed unexpectedly; the failure is logged. Retry, and report it if it persists."
                : "The request failed: " + answer.getReasonPhrase() + ".";
        return ResponseEntity.status(answer).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemTypes.problem(answer, ProblemTypes.forStatus(answer.value()), detail));
    }
}
