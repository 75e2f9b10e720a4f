package dev.llmcache.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
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
 * the container) are answered as problem JSON too, never as HTML. Asked for directly,
 * {@code /error} is a route like any other that does not exist: 404.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return answer(HttpStatus.NOT_FOUND, "There is no route " + ProblemWriter.quoted(request.getMethod(), 20) + " " + ProblemWriter.quoted(request.getRequestURI(), 200)
                    + "; see /swagger-ui.html for the API.", request.getRequestURI());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus resolved = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        HttpStatus status = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String text ? text : null;
        // On an error dispatch Tomcat may report another method than the client's (GET for a TRACE): not named here.
        String detail = switch (status) {
            case NOT_FOUND -> "There is no route " + ProblemWriter.quoted(path, 200) + "; see /swagger-ui.html for the API.";
            case METHOD_NOT_ALLOWED -> "The method is not supported on " + ProblemWriter.quoted(path, 200)
                    + "; the API uses GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS.";
            default -> status.is5xxServerError()
                    ? "The server failed unexpectedly; the failure is logged. Retry, and report it if it persists."
                    : "The request failed: " + status.getReasonPhrase() + ".";
        };
        return answer(status, detail, path);
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String detail, String instance) {
        ProblemDetail problem = ProblemTypes.problem(status, ProblemTypes.forStatus(status.value()), detail);
        if (instance != null) {
            problem.setInstance(ProblemWriter.instance(instance));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
