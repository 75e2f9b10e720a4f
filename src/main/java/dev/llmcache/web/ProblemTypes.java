package dev.llmcache.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The {@code type} URIs of our RFC 9457 problems, one per kind of failure, documented in the
 * README so that clients can branch on them rather than on the title.
 */
public final class ProblemTypes {

    public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
    public static final URI MALFORMED_JSON = URI.create("/problems/malformed-json");
    public static final URI UNAUTHORIZED = URI.create("/problems/unauthorized");
    public static final URI FORBIDDEN = URI.create("/problems/forbidden");
    public static final URI NOT_FOUND = URI.create("/problems/not-found");
    public static final URI METHOD_NOT_ALLOWED = URI.create("/problems/method-not-allowed");
    public static final URI NOT_ACCEPTABLE = URI.create("/problems/not-acceptable");
    public static final URI CONFLICT = URI.create("/problems/conflict");
    public static final URI PAYLOAD_TOO_LARGE = URI.create("/problems/payload-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("/problems/unsupported-media-type");
    public static final URI TOO_MANY_REQUESTS = URI.create("/problems/too-many-requests");
    public static final URI INSUFFICIENT_STORAGE = URI.create("/problems/insufficient-storage");
    public static final URI DATABASE_UNAVAILABLE = URI.create("/problems/database-unavailable");
    public static final URI INTERNAL_ERROR = URI.create("/problems/internal-error");

    private ProblemTypes() {
    }

    /** A problem with the given type, the status's reason phrase as title, and the detail. */
    public static ProblemDetail problem(HttpStatusCode status, URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        return problem;
    }

    /** The type that goes with a status when no more specific one applies. */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> DATABASE_UNAVAILABLE;
            case 507 -> INSUFFICIENT_STORAGE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
