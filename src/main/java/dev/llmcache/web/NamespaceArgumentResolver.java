package dev.llmcache.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers a validated {@link Namespace} parameter, one the caller may use
 * ({@link RequestNamespaces}), and the {@link Caller} itself.
 */
class NamespaceArgumentResolver implements HandlerMethodArgumentResolver {

    private final RequestNamespaces namespaces;

    NamespaceArgumentResolver(RequestNamespaces namespaces) {
        this.namespaces = namespaces;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Namespace.class || parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        if (parameter.getParameterType() == Caller.class) {
            return namespaces.caller();
        }
        return namespaces.of(webRequest.getNativeRequest(HttpServletRequest.class).getHeaders(Namespace.HEADER));
    }
}
