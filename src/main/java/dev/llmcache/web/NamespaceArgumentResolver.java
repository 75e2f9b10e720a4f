package dev.llmcache.web;

import java.util.function.Consumer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers a validated {@link Namespace} parameter, and lets security veto namespaces a
 * token may not use.
 */
class NamespaceArgumentResolver implements HandlerMethodArgumentResolver {

    private final Consumer<Namespace> accessCheck;

    NamespaceArgumentResolver(Consumer<Namespace> accessCheck) {
        this.accessCheck = accessCheck;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Namespace.class;
    }

    @Override
    public Namespace resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Namespace namespace = Namespace.fromHeader(webRequest.getHeader(Namespace.HEADER));
        accessCheck.accept(namespace);
        return namespace;
    }
}
