package dev.llmcache.security;

import dev.llmcache.web.AuditLog;
import dev.llmcache.web.Audited;
import dev.llmcache.web.Caller;
import dev.llmcache.web.CallerSource;
import dev.llmcache.web.Namespace;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collection;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Around every {@link Audited} controller method: logs the action with its outcome, the answer's
 * status and body (a list by its size), or the status of the error it ended in.
 */
final class AuditInterceptor implements MethodInterceptor {

    private final CallerSource callers;

    AuditInterceptor(CallerSource callers) {
        this.callers = callers;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Audited audited = invocation.getMethod().getAnnotation(Audited.class);
        if (audited == null) {
            return invocation.proceed();
        }
        String asked = asked(invocation);
        Namespace namespace = Arrays.stream(invocation.getArguments()).filter(Namespace.class::isInstance)
                .map(Namespace.class::cast).findFirst().orElse(null);
        String where = namespace == null ? null : namespace.value();
        try {
            Object answer = invocation.proceed();
            AuditLog.record(audited.value(), who(), where, asked, outcome(invocation, answer));
            return answer;
        } catch (Exception | Error failure) {
            AuditLog.record(audited.value(), who(), where, asked, failure instanceof ErrorResponse refused
                    ? refused.getStatusCode().value() + " " + refused.getBody().getDetail()
                    : "failed: " + failure.getClass().getSimpleName());
            throw failure;
        }
    }

    private String who() {
        Caller caller = callers.current();
        return caller.displayName();
    }

    /** The method, path and query, and the request body as the controller received it. */
    private static String asked(MethodInvocation invocation) {
        StringBuilder asked = new StringBuilder();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            asked.append(request.getMethod()).append(' ').append(request.getRequestURI());
            if (request.getQueryString() != null) {
                asked.append('?').append(request.getQueryString());
            }
        }
        Object[] arguments = invocation.getArguments();
        for (int i = 0; i < arguments.length; i++) {
            if (new MethodParameter(invocation.getMethod(), i).hasParameterAnnotation(RequestBody.class)) {
                asked.append(' ').append(arguments[i]);
            }
        }
        return asked.toString();
    }

    private static String outcome(MethodInvocation invocation, Object answer) {
        // a method that answers its body alone says its status by @ResponseStatus (backup: 201)
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(invocation.getMethod(), ResponseStatus.class);
        int status = declared == null ? 200 : declared.code().value();
        Object body = answer;
        if (answer instanceof ResponseEntity<?> entity) {
            status = entity.getStatusCode().value();
            body = entity.getBody();
        }
        String shown = body instanceof Collection<?> items ? items.size() + " items"
                : body == null ? "no body" : body.toString();
        return status + " " + shown;
    }
}
