package dev.llmcache.security;

import dev.llmcache.web.Audited;
import dev.llmcache.web.ForbiddenException;
import dev.llmcache.web.UnauthorizedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may do what: bearer tokens with a role (READ &lt; WRITE &lt; ADMIN) checked per route
 * ({@link AccessRules}), the per-token rate limit, and 401/403/429 answered as problem JSON through
 * the one exception handler. Only for the web server: the offline {@code migrate} command serves
 * no requests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
            AuthenticationEntryPoint entryPoint, AccessDeniedHandler accessDenied,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> registry) throws Exception {
        BearerTokenFilter tokens = new BearerTokenFilter(properties, entryPoint, errors);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(failures -> failures.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .addFilterBefore(tokens, AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(routes -> AccessRules.apply(routes, properties.publicActuator()));
        // CORS stays off (no Access-Control-* answers: browsers keep other origins out) unless origins are configured.
        if (!properties.cors().allowedOrigins().isEmpty()) {
            http.cors(cors -> cors.configurationSource(corsSource(properties.cors())));
        } else {
            http.cors(AbstractHttpConfigurer::disable);
        }
        if (properties.rateLimit().enabled()) {
            // Slices of the web layer in tests may have neither a Clock nor a registry of their own.
            http.addFilterAfter(new RateLimitFilter(new RateLimiter(properties.rateLimit(), clock.getIfAvailable(Clock::systemUTC)),
                    registry.getIfAvailable(SimpleMeterRegistry::new), errors), BearerTokenFilter.class);
        }
        return http.build();
    }

    private static CorsConfigurationSource corsSource(SecurityProperties.Cors cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Cache-Namespace", "If-None-Match", "Cache-Lease"));
        configuration.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "Cache-Lease", "Cache-Lease-Expires",
                "Cache-Budget-Status"));
        configuration.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }

    /**
     * No observation (timer, span) per security filter and per authorization: the HTTP server
     * observation already times each request, and these cost a hit more than its database read.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Bearer tokens are the only way in; declaring this also keeps Boot from creating a default
     * user with a generated password (and logging it).
     */
    @Bean
    AuthenticationManager authenticationManager() {
        return authentication -> {
            throw new ProviderNotFoundException("only bearer tokens authenticate here");
        };
    }

    /** Logs every {@link dev.llmcache.web.Audited} controller method (the ADMIN actions) on the audit log. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor auditAdvisor() {
        return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Audited.class),
                new AuditInterceptor(new TokenCallers()));
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return new OneRoleHierarchy(roles());
    }

    /** ADMIN implies WRITE, WRITE implies READ. */
    static RoleHierarchy roles() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("ADMIN").implies("WRITE").role("WRITE").implies("READ").build();
    }

    @Bean
    AuthenticationEntryPoint authenticationEntryPoint(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        return (request, response, e) -> errors.resolveException(request, response, null, new UnauthorizedException(
                "A valid token is required: send Authorization: Bearer <token>."));
    }

    @Bean
    AccessDeniedHandler accessDeniedHandler(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        return (request, response, e) -> errors.resolveException(request, response, null, new ForbiddenException(
                AccessRules.isLookupAskingForALease(request)
                        // the lookup itself is allowed: name what is not, and what the client can do instead
                        ? "Taking a lease (lease=) needs a WRITE token; this token may look up without lease=, and may wait= "
                                + "for a lease another client holds."
                        : "This token's role does not allow " + request.getMethod() + " " + request.getRequestURI() + "."));
    }
}
