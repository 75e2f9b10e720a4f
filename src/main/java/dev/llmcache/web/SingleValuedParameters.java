package dev.llmcache.web;

import dev.llmcache.config.WellFormedText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every query parameter of the API is single-valued, so one given twice is a 400 naming it. Left
 * to Spring, {@code cacheType=a&cacheType=b} became the filter {@code "a,b"}, which matches nothing
 * (a listing that looked empty, a clear that deleted nothing), and {@code limit=5&limit=6} quietly
 * took the first; a {@code lease=} given twice was already refused by its own parsing. A value
 * holding NUL ({@code %00}) is a 400 too: no name has one, and PostgreSQL's text cannot hold it.
 */
final class SingleValuedParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getQueryString() == null) {
            return true;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            int values = parameter.getValue().length;
            if (values > 1) {
                throw new InvalidRequestException(ProblemWriter.quoted(parameter.getKey(), 100),
                        "must be given once, not " + values + " times");
            }
            if (values == 1 && WellFormedText.holdsNul(parameter.getValue()[0])) {
                // %00 in a filter: PostgreSQL's text cannot hold it (a 500 there), and no name has it
                throw new InvalidRequestException(ProblemWriter.quoted(parameter.getKey(), 100),
                        "must not hold the NUL character (%00)");
            }
        }
        return true;
    }
}
