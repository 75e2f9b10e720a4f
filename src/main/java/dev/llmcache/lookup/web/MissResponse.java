package dev.llmcache.lookup.web;

import dev.llmcache.budget.BudgetService;
import dev.llmcache.lookup.LookupAnswer;
import dev.llmcache.web.ProblemException;
import dev.llmcache.web.ProblemTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A miss: 404 with {@code Cache-Budget-Status}, and either the lease granted to this client
 * ({@code Cache-Lease}, {@code Cache-Lease-Expires}, {@code "lease"}) or the expiry of the lease
 * another client holds ({@code "leaseHeldUntil"}, {@code Retry-After}).
 *
 * <p>A response the handler returns, not an exception: a miss is an ordinary answer of a cache, and
 * throwing it cost a stack trace and the exception resolvers on every miss (the problem written is the
 * same, {@code instance} included, which the converter adds to any problem it writes).
 */
final class MissResponse {

    static final String LEASE_HEADER = "Cache-Lease";
    static final String LEASE_EXPIRES_HEADER = "Cache-Lease-Expires";

    private MissResponse() {
    }

    static ResponseEntity<ProblemDetail> of(String namespace, String key, LookupAnswer.Miss miss, Instant now) {
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, detail(namespace, key, miss));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.set(BudgetService.STATUS_HEADER, miss.budget().name());
        if (miss.granted() != null) {
            String expires = miss.granted().expiresAt().toString();
            headers.set(LEASE_HEADER, miss.granted().id());
            headers.set(LEASE_EXPIRES_HEADER, expires);
            Map<String, String> lease = new LinkedHashMap<>();
            lease.put("id", miss.granted().id());
            lease.put("expiresAt", expires);
            problem.setProperty("lease", lease);
        } else if (miss.leaseHeldUntil() != null) {
            problem.setProperty("leaseHeldUntil", miss.leaseHeldUntil().toString());
            ProblemException.retryAfter(headers, Duration.between(now, miss.leaseHeldUntil()).plusMillis(999));
        }
        return new ResponseEntity<>(problem, headers, HttpStatus.NOT_FOUND);
    }

    private static String detail(String namespace, String key, LookupAnswer.Miss miss) {
        String miss404 = "No entry " + key + " in namespace " + namespace + ": a miss.";
        if (miss.granted() != null) {
            return miss404 + " You hold its lease until " + miss.granted().expiresAt() + ": compute the result and store it "
                    + "with the header Cache-Lease, or release the lease (DELETE /api/v1/leases/" + miss.granted().id() + ").";
        }
        if (miss.leaseHeldUntil() != null) {
            return miss404 + " Another client holds its lease until " + miss.leaseHeldUntil()
                    + ": look up again later, or with wait= to be answered when it stores.";
        }
        return miss404;
    }
}
