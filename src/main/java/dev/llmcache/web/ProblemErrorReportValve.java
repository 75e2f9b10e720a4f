package dev.llmcache.web;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, as a problem instead of an HTML page. It answers what Tomcat refuses before
 * the application sees it (a URL with {@code %2F}, {@code %00} or a broken {@code %XX}, headers over
 * the size limit, a malformed request line or header) and, as a last resort, any error the
 * application left without a body. Protocol refusals that Tomcat answers with a 5xx (an unknown
 * transfer coding, an unsupported HTTP version, CONNECT) are client errors here: 400, or 405.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);
    private static final String HEADERS_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");

    private final long maxHeaderBytes;

    ProblemErrorReportValve(long maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String method = request.getMethod();
        String tomcatReason = ProblemWriter.quoted(reason(response, throwable), 160);
        HttpStatus status;
        String detail;
        if (code == 400 && throwable != null && HEADERS_TOO_LARGE.equals(throwable.getMessage())) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            detail = "The request line and headers are over the server's limit of " + maxHeaderBytes
                    + " bytes (server.max-http-request-header-size); send smaller headers.";
        } else if ("CONNECT".equals(method) && code == 501) {
            status = HttpStatus.METHOD_NOT_ALLOWED;
            detail = "Method CONNECT is not supported; the API uses GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS.";
        } else if (code == 400 || code == 501 || code == 505) {
            status = HttpStatus.BAD_REQUEST;
            detail = "The request is malformed and was not processed" + (tomcatReason.isEmpty() ? "" : " (" + tomcatReason + ")")
                    + ". Check the request line (a URL's %XX must be two hex digits of UTF-8; %2F, %5C and %00 are refused),"
                    + " the headers and the transfer coding; the server speaks HTTP/1.1.";
        } else {
            HttpStatus known = HttpStatus.resolve(code);
            status = known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR;
            detail = status.is5xxServerError()
                    ? "The server failed unexpectedly; the failure is logged. Retry, and report it if it persists."
                    : "The request failed: " + status.getReasonPhrase() + (tomcatReason.isEmpty() ? "." : " (" + tomcatReason + ").");
        }
        log.debug("Refused a request Tomcat could not process ({} {}): {}", code, status.value(), tomcatReason);
        write(response, status, detail);
    }

    private static void write(Response response, HttpStatus status, String detail) {
        try {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemWriter.json(status, ProblemTypes.forStatus(status.value()), detail, null));
                response.finishResponse();
            }
        } catch (Exception e) {
            // The client is gone or the connection is closing: nothing more can be said to it.
            log.debug("Could not write the error report", e);
        }
    }

    private static final Pattern QUOTED_LINE = Pattern.compile("header line \\[([^\\]]*)\\]");
    /** A token of RFC 9110's field-name, directly followed by the colon. */
    private static final Pattern HEADER_NAME = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}):");

    private static String reason(Response response, Throwable throwable) {
        if (response.getMessage() != null && !response.getMessage().isBlank()) {
            return withoutHeaderValues(response.getMessage());
        }
        return throwable == null || throwable.getMessage() == null ? ""
                : withoutHeaderValues(throwable.getMessage().lines().findFirst().orElse(""));
    }

    /**
     * Tomcat quotes a refused header line whole ({@code The HTTP header line [Authorization:Bearer <token>]
     * does not conform ...}), also a line without a colon or a piece of one split by a bare line feed:
     * the name is kept where the line starts with one, the rest never shown, as a bearer token may be in it.
     */
    static String withoutHeaderValues(String reason) {
        return QUOTED_LINE.matcher(reason).replaceAll(match -> {
            Matcher name = HEADER_NAME.matcher(match.group(1));
            return Matcher.quoteReplacement("header line [" + (name.lookingAt() ? name.group(1) + ": " : "") + "(value not shown)]");
        });
    }
}
