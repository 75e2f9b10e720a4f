package dev.llmcache.web;

import dev.llmcache.config.CacheProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Shared HTTP plumbing: the namespace parameter, single-valued query parameters and the request size limit (not for the offline command). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(CacheProperties.class)
class WebConfiguration implements WebMvcConfigurer {

    private final RequestNamespaces namespaces;

    WebConfiguration(RequestNamespaces namespaces) {
        this.namespaces = namespaces;
    }

    @Bean
    static RequestNamespaces requestNamespaces(ObjectProvider<CallerSource> callers) {
        // Without security (no CallerSource) everyone is the anonymous administrator.
        // Looked up once, not per request: the bean factory's lookup was 3 % of a hit's CPU.
        SingletonSupplier<CallerSource> source = SingletonSupplier.of(callers::getIfAvailable);
        return new RequestNamespaces(() -> {
            CallerSource found = source.get();
            return found == null ? Caller.ANONYMOUS : found.current();
        });
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new NamespaceArgumentResolver(namespaces));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SingleValuedParameters()).addPathPatterns("/api/v1/**");
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(CacheProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.limits().maxRequestBytes().toBytes(), errors));
        // Before security and everything else: an oversized body is refused before it is read.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
