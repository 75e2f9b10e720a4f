package dev.llmcache.web;

import java.util.function.Supplier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers a validated {@link Namespace} parameter, one the caller may use: the header's,
 * or without the header the caller's default (its token's only namespace, else {@value Namespace#DEFAULT}).
 * Also gives them the {@link Caller} itself.
 */
class NamespaceArgumentResolver implements HandlerMethodArgumentResolver {

    private final Supplier<Caller> callers;

    NamespaceArgumentResolver(Supplier<Caller> callers) {
        this.callers = callers;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Namespace.class || parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Caller caller = callers.get();
        if (parameter.getParameterType() == Caller.class) {
            return caller;
        }
        String header = webRequest.getHeader(Namespace.HEADER);
        Namespace namespace = header == null ? caller.defaultNamespace() : new Namespace(header);
        if (!caller.mayUse(namespace)) {
            throw new ForbiddenException("Token '" + caller.displayName() + "' may not use namespace '" + namespace + "'.");
        }
        return namespace;
    }
}
