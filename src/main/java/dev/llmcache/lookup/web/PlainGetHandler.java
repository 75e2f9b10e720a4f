package dev.llmcache.lookup.web;

import dev.llmcache.web.Namespace;
import dev.llmcache.web.RequestNamespaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Answers the plain GETs of entries that {@link PlainGetMapping} picks, by the controller's own
 * {@code get}: the same hit, 404 miss and errors (thrown to the same advice), written with the
 * converter Spring MVC would choose, as Spring MVC writes a returned {@link ResponseEntity}. Only in
 * the server, not in the offline {@code migrate} command, which has no web layer.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PlainGetHandler {

    /** The handler method: the request and response as its only parameters, so that nothing is resolved or negotiated. */
    static final Method METHOD = ReflectionUtils.findMethod(PlainGetHandler.class, "get", HttpServletRequest.class,
            HttpServletResponse.class);

    private final LookupController controller;
    private final RequestNamespaces namespaces;
    private final ObjectProvider<RequestMappingHandlerAdapter> mvc;
    /** By the body's class: an entry is always written as application/json, a problem as application/problem+json. */
    private final Map<Class<?>, HttpMessageConverter<Object>> converters = new ConcurrentHashMap<>();

    PlainGetHandler(LookupController controller, RequestNamespaces namespaces, ObjectProvider<RequestMappingHandlerAdapter> mvc) {
        this.controller = controller;
        this.namespaces = namespaces;
        this.mvc = mvc;
    }

    void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Namespace namespace = namespaces.of(request.getHeaders(Namespace.HEADER));
        Object answer = controller.get(namespace, (String) request.getAttribute(PlainGetMapping.KEY_ATTRIBUTE), null, null, null);
        if (!(answer instanceof ResponseEntity<?> entity)) {
            throw new IllegalStateException("a lookup without wait= is answered before its handler returns");
        }
        write(entity, request, response);
    }

    /** As Spring MVC writes a returned entity: status, headers, then the body, a problem with its {@code instance}. */
    private void write(ResponseEntity<?> entity, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletServerHttpResponse output = new ServletServerHttpResponse(response);
        output.setStatusCode(entity.getStatusCode());
        entity.getHeaders().forEach((name, values) -> output.getHeaders().put(name, values));
        Object body = entity.getBody();
        if (body == null) {
            output.flush();
            return;
        }
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        MediaType type = entity.getHeaders().getContentType() != null ? entity.getHeaders().getContentType() : MediaType.APPLICATION_JSON;
        converters.computeIfAbsent(body.getClass(), kind -> converter(kind, type)).write(body, type, output);
    }

    /** The first of Spring MVC's converters that writes the type as the media type, as its negotiation picks. */
    @SuppressWarnings("unchecked")
    private HttpMessageConverter<Object> converter(Class<?> kind, MediaType type) {
        for (HttpMessageConverter<?> converter : mvc.getObject().getMessageConverters()) {
            if (converter.canWrite(kind, type)) {
                return (HttpMessageConverter<Object>) converter;
            }
        }
        throw new HttpMessageNotWritableException("No converter writes " + kind.getName() + " as " + type);
    }
}
