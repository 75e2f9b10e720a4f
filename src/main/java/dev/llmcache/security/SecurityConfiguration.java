package dev.llmcache.security;

import dev.llmcache.web.ForbiddenException;
import dev.llmcache.web.UnauthorizedException;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may do what: bearer tokens with a role (READ &lt; WRITE &lt; ADMIN) checked per route, and
 * 401/403 answered as problem JSON through the one exception handler. Only for the web server: the
 * offline {@code migrate} command serves no requests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final String API = "/api/v1";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
            AuthenticationEntryPoint entryPoint, AccessDeniedHandler accessDenied) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .addFilterBefore(new BearerTokenFilter(properties, entryPoint), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(routes -> {
                    if (properties.publicActuator()) {
                        routes.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll();
                    }
                    // The async dispatch that ends a stream (server-sent events) belongs to a request
                    // already authorised; with no session it would carry no authentication to check.
                    routes.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    routes.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                                    "/swagger-ui/**", "/error", "/problems/**").permitAll()
                            // The llmcache client script holds no secret: a CI job fetches it before it has a token in use.
                            .requestMatchers(HttpMethod.GET, "/client/llmcache").permitAll()
                            .requestMatchers(HttpMethod.HEAD, "/client/llmcache").permitAll()
                            .requestMatchers(HttpMethod.DELETE, API + "/entries").hasRole("ADMIN")
                            // Eviction applies across every namespace: only an ADMIN of all namespaces may run it.
                            .requestMatchers(HttpMethod.POST, API + "/eviction").access(TokenAuthorizations.adminOfAllNamespaces())
                            .requestMatchers(HttpMethod.POST, API + "/admin/pricing/reload").access(TokenAuthorizations.adminOfAllNamespaces())
                            .requestMatchers(HttpMethod.POST, API + "/migrations").hasRole("ADMIN")
                            .requestMatchers(HttpMethod.PUT, API + "/budget").hasRole("ADMIN")
                            .requestMatchers(HttpMethod.POST, API + "/entries").hasRole("WRITE")
                            .requestMatchers(HttpMethod.DELETE, API + "/entries/*").hasRole("WRITE")
                            // Taking and releasing miss leases writes; a READ token may only wait.
                            .requestMatchers(HttpMethod.DELETE, API + "/leases/*").hasRole("WRITE")
                            .requestMatchers(LeaseParameterMatcher.INSTANCE).hasRole("WRITE")
                            .requestMatchers(HttpMethod.POST, API + "/lookup", API + "/lookup/batch").hasRole("READ")
                            .requestMatchers(HttpMethod.GET, API + "/**").hasRole("READ")
                            .requestMatchers(HttpMethod.HEAD, API + "/**").hasRole("READ")
                            // Anything else under the API (unknown routes, wrong methods) needs at least
                            // a valid token before it learns it is a 404 or 405.
                            .requestMatchers(API + "/**").hasRole("READ")
                            .anyRequest().hasRole("ADMIN");
                });
        return http.build();
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

    @Bean
    static RoleHierarchy roleHierarchy() {
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
                "This token's role does not allow " + request.getMethod() + " " + request.getRequestURI() + "."));
    }
}
