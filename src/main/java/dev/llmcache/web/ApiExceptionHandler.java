package dev.llmcache.web;

import dev.llmcache.support.ThrottledLog;

import dev.llmcache.storage.StorageFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns framework and storage failures into RFC 9457 problems: Spring MVC's own (405, 415, ...),
 * malformed input, and database failures (507, 503). Features' errors are {@link ProblemException}s
 * that carry their status, type and headers, answered by the superclass as they are; nothing here
 * knows a feature. Never a stack trace to the client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final Duration WARNING_PERIOD = Duration.ofSeconds(30);
    /** An unreachable database is usually a restart or a failover: seconds, not minutes. */
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private final ThrottledLog cannotWrite = new ThrottledLog(log, WARNING_PERIOD);
    private final ThrottledLog unavailable = new ThrottledLog(log, WARNING_PERIOD);
    private final JsonMapper mapper;
    private final Validator validator;

    ApiExceptionHandler(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Database failures by what they mean for the client (507, 503); anything else is a bug (500). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        String cause = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
        return switch (StorageFailure.classify(e)) {
            case CANNOT_WRITE -> {
                cannotWrite.warn("Write refused by the database on {} {}: {}", request.getMethod(), request.getRequestURI(), cause);
                yield problem(HttpStatus.INSUFFICIENT_STORAGE, ProblemTypes.INSUFFICIENT_STORAGE,
                        "The database cannot store more data right now (disk full or read-only); reads keep working. Free space or evict entries, then retry.");
            }
            case UNAVAILABLE -> {
                unavailable.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), cause);
                yield withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.DATABASE_UNAVAILABLE,
                        "The database cannot be reached right now; retry in a few seconds."));
            }
            case OTHER -> {
                log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
                yield problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR,
                        "The server failed unexpectedly; the failure is logged. Retry, and report it if it persists.");
            }
        };
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Object target = e.getBindingResult().getTarget();
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(AllFieldErrors.inDeclarationOrder(target == null ? Object.class : target.getClass()))
                .toList();
        List<FieldError> all = new ArrayList<>(errors);
        e.getBindingResult().getGlobalErrors().forEach(error -> all.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
        return invalid(new InvalidRequestException(all));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return invalid(new InvalidRequestException(errors));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        String expected = e.getRequiredType() != null ? JsonInputErrors.describe(e.getRequiredType()) : "a valid value";
        return invalid(new InvalidRequestException(field, "must be " + expected));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(new InvalidRequestException(e.getParameterName(), "is required"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return handleExceptionInternal(tooLarge, null, tooLarge.getHeaders(), tooLarge.getStatusCode(), request);
            }
        }
        JsonInputErrors.Described described = JsonInputErrors.describe(e);
        if (described.field() != null) {
            FieldError first = new FieldError(described.field(), described.message());
            return invalid(new InvalidRequestException(request.getAttribute(RequestBodyCapture.TYPE, WebRequest.SCOPE_REQUEST) instanceof Class<?> type
                    ? AllFieldErrors.collect(first, (byte[]) request.getAttribute(RequestBodyCapture.BODY, WebRequest.SCOPE_REQUEST),
                            type, mapper, validator)
                    : List.of(first)));
        }
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_JSON, described.message());
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).collect(Collectors.joining(", "));
        ResponseEntity<Object> answer = problem(HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not supported here" + (allowed.isEmpty() ? "." : "; use " + allowed + "."));
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(answer.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                "The request body must be JSON, sent as Content-Type application/json; got " + sent + ".");
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND,
                "There is no route " + e.getHttpMethod() + " /" + e.getResourcePath() + "; see /swagger-ui.html for the API.");
    }

    /** Every problem is sent as application/problem+json, whatever the client accepts. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (!(body instanceof ProblemDetail)) {
            return super.createResponseEntity(body, headers, status, request);
        }
        HttpHeaders answer = new HttpHeaders();
        answer.putAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, answer, status);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // Spring's own exceptions (406, 415, ...) bring their problem as the exception's body.
        Object problemBody = body == null && e instanceof ErrorResponse response ? response.getBody() : body;
        if (problemBody instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemTypes.forStatus(status.value()));
        }
        if (RefusedBodyValve.closes(status.value()) && request instanceof ServletWebRequest servlet
                && RefusedBodyValve.announcesBody(servlet.getRequest())) {
            // The body will not be read (see RefusedBodyValve): tell the client the connection ends here.
            HttpHeaders closing = new HttpHeaders();
            closing.putAll(headers);
            closing.set(HttpHeaders.CONNECTION, "close");
            return super.handleExceptionInternal(e, body, closing, status, request);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ResponseEntity<Object> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.getBody());
    }

    private static ResponseEntity<Object> problem(HttpStatus status, java.net.URI type, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemTypes.problem(status, type, detail));
    }

    private static ResponseEntity<Object> withRetryAfter(ResponseEntity<Object> answer) {
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(DATABASE_RETRY_AFTER.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(answer.getBody());
    }
}
