package dev.llmcache.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Requests the container or the firewall cannot read, answered as 4xx problems: a query string (or
 * form body) whose percent-encoding is broken or not UTF-8, and what Spring Security's firewall
 * refuses (control or non-ASCII characters in a header, {@code %2F} or {@code ;} in the path...).
 * Ahead of {@link ApiExceptionHandler}, whose catch-all would call them bugs. One DEBUG line each.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedRequestAdvice {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestAdvice.class);
    private static final Pattern HEADER_VALUE = Pattern.compile("header: \"([^\"]{1,80})\" has a value");
    private static final Pattern MALICIOUS = Pattern.compile("malicious String \"([^\"]{1,20})\"");
    private static final Pattern PARAMETER = Pattern.compile("[Pp]arameter \\[([^\\]]{1,64})\\]");

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameters(InvalidParameterException e, HttpServletRequest request) {
        Matcher name = PARAMETER.matcher(String.valueOf(e.getMessage()));
        String which = name.find() ? " (parameter " + ProblemWriter.quoted(name.group(1), 64) + ")" : "";
        log.debug("Refused {} {}: unreadable parameters{}", request.getMethod(), ProblemWriter.quoted(request.getRequestURI(), 200), which);
        HttpStatus status = HttpStatus.resolve(e.getErrorCode()) != null && e.getErrorCode() == 413
                ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        String detail = status == HttpStatus.PAYLOAD_TOO_LARGE
                ? "The request has too many parameters or too large a form body."
                : "The query string or form body cannot be decoded" + which
                        + ": each %XX must be two hex digits and the bytes must be UTF-8 (encode spaces as %20, '%' as %25).";
        return problem(status, detail, request);
    }

    /** Also reached from the filter chain, through {@link RejectedRequestHandler}. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e, HttpServletRequest request) {
        String message = String.valueOf(e.getMessage());
        boolean method = message.contains("HTTP method");
        String reason = reason(message);
        log.debug("Refused {} {}: {}", ProblemWriter.quoted(request.getMethod(), 20), ProblemWriter.quoted(request.getRequestURI(), 200), reason);
        return method
                ? problem(HttpStatus.METHOD_NOT_ALLOWED, "Method " + ProblemWriter.quoted(request.getMethod(), 20)
                        + " is not supported; the API uses GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS.", request)
                : problem(HttpStatus.BAD_REQUEST, "The request was refused: " + reason + ".", request);
    }

    /**
     * The firewall's reason in our words, without the value it quotes: a rejected Authorization
     * header would otherwise put a token in the log and back on the wire.
     */
    static String reason(String message) {
        Matcher header = HEADER_VALUE.matcher(message);
        if (header.find()) {
            return "header " + ProblemWriter.quoted(header.group(1).trim(), 64)
                    + " has characters that are not allowed (control characters, or bytes that are not UTF-8 text)";
        }
        if (message.contains("header name")) {
            return "a header name has characters that are not allowed";
        }
        if (message.contains("parameter")) {
            return "a query parameter has characters that are not allowed (such as NUL or other control characters)";
        }
        if (message.contains("HTTP method")) {
            return "the HTTP method is not supported";
        }
        Matcher fragment = MALICIOUS.matcher(message);
        if (fragment.find()) {
            return "the URL contains \"" + ProblemWriter.quoted(fragment.group(1), 20) + "\", which is not allowed in a path";
        }
        if (message.contains("not normalized")) {
            return "the URL is not normalized (it contains \"//\", \"/./\" or \"/../\")";
        }
        if (message.contains("printable ASCII")) {
            return "the URL has characters that are not printable ASCII; percent-encode them as UTF-8";
        }
        return "the request contains something that is not allowed";
    }

    /** With the instance set here: left to Spring, a path such as "//" fails to parse while the problem is written. */
    private static ResponseEntity<Object> problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemTypes.problem(status, ProblemTypes.forStatus(status.value()), detail);
        problem.setInstance(ProblemWriter.instance(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
