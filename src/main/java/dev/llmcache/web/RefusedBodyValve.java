package dev.llmcache.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection after a request refused by security (401, 403, 429) whose body was not
 * read, instead of letting Tomcat read and drop up to {@code server.tomcat.max-swallow-size} of
 * it: without a token, a client that announces a large body and sends it a byte at a time would
 * otherwise hold a worker thread for as long as it likes. Other errors (a 413 for one) still
 * swallow the body, so that an honest client reads its answer instead of a reset connection.
 */
class RefusedBodyValve extends ValveBase {

    RefusedBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (closes(response.getStatus()) && hasUnreadBody(request)) {
            // The answer (which says Connection: close, see ApiExceptionHandler) is written out in
            // full first; then Tomcat neither drains the input nor keeps the connection alive.
            response.finishResponse();
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            // Tomcat marks a response whose input it stops swallowing as an error, which would make the host
            // valve include the error page (Spring Boot's /error) into this closed, complete answer: a second,
            // failed write and a WARN for every refused upload. The answer is the report.
            response.setErrorReported();
        }
    }

    /** The statuses of a request refused before its body is read. */
    static boolean closes(int status) {
        return status == 401 || status == 403 || status == 429;
    }

    static boolean announcesBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean hasUnreadBody(Request request) {
        if (!announcesBody(request)) {
            return false;
        }
        AtomicBoolean fullyRead = new AtomicBoolean();
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        return !fullyRead.get();
    }
}
