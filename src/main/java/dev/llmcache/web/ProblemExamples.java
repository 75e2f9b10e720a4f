package dev.llmcache.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * One example problem per status for the OpenAPI description, each with the problem type and the kind
 * of detail the server really sends for it, so that Swagger UI does not show a 400 under a 507.
 */
final class ProblemExamples {

    private ProblemExamples() {
    }

    /** The example body of a problem answered with this status. */
    static Map<String, Object> forStatus(int status) {
        Map<String, Object> example = new LinkedHashMap<>();
        URI type = ProblemTypes.forStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        example.put("type", type.toString());
        example.put("title", known != null ? known.getReasonPhrase() : "Error");
        example.put("status", status);
        example.put("detail", detail(status));
        example.put("instance", "/api/v1/entries");
        if (status == 400) {
            example.put("errors", List.of(Map.of("field", "schemaVersion", "message", "must be >= 1")));
        }
        return example;
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "Invalid request: schemaVersion must be >= 1.";
            case 401 -> "Send a token configured on this server: Authorization: Bearer <token>.";
            case 402 -> "The namespace's monthly budget is spent; lookups keep working.";
            case 403 -> "This token may not do this in namespace team-a.";
            case 404 -> "No entry 3f1c… in namespace default.";
            case 406 -> "This answer is application/json (errors application/problem+json); the Accept header allows neither.";
            case 409 -> "The request conflicts with the server's state; see detail.";
            case 413 -> "The request body is over cache.limits.max-request-bytes.";
            case 415 -> "Send the body as application/json.";
            case 429 -> "Too many requests; retry after the seconds in Retry-After.";
            case 503 -> "The database cannot be reached right now; retry in a few seconds.";
            case 507 -> "The database cannot store more data right now (disk full or read-only); reads keep working.";
            default -> "The server failed unexpectedly; the failure is logged.";
        };
    }
}
