package dev.llmcache.web;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Bad requests refused before they reach a controller get the same problem answers as the rest:
 * an unreadable Accept header, the firewall's refusals, the actuator's empty errors, and what
 * Tomcat refuses on its own. Also the size of the pieces in which Tomcat writes answers to the socket.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HttpEdgeConfiguration {

    @Bean
    FilterRegistrationBean<AcceptHeaderFilter> acceptHeaderFilter() {
        var registration = new FilterRegistrationBean<>(new AcceptHeaderFilter());
        // Before security and MVC, which both read Accept, and on error dispatches too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContentTypeHeaderFilter> contentTypeHeaderFilter() {
        var registration = new FilterRegistrationBean<>(new ContentTypeHeaderFilter());
        // Before the actuator and MVC read the body; requests only (an error dispatch reads no body).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EmptyErrorBodyFilter> emptyErrorBodyFilter() {
        var registration = new FilterRegistrationBean<>(new EmptyErrorBodyFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SingleWriteFilter> singleWriteFilter() {
        var registration = new FilterRegistrationBean<>(new SingleWriteFilter());
        // Outside Spring Security's header writer, which commits the answer when it is flushed.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 7);
        return registration;
    }

    @Bean
    RequestRejectedHandler rejectedRequestHandler(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        return new RejectedRequestHandler(errors);
    }

    /**
     * Tomcat writes an answer to the socket in pieces no larger than its socket write buffer (8 KB by
     * default), each a system call and a TCP segment on loopback: a 16 KB pricing list took three, a
     * batch of 100 results thirty-four. 32 KB takes the pricing list in one and the batch in nine, for
     * 24 KB more per open connection.
     */
    static final int SOCKET_WRITE_BUFFER_BYTES = 32 * 1024;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> socketWriteBuffer() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_WRITE_BUFFER_BYTES)));
    }

    /** Refused requests do not read the rest of their body: see {@link RefusedBodyValve}. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> refusedBodies() {
        return factory -> factory.addContextValves(new RefusedBodyValve());
    }

    /**
     * Replaces the host's error report valve (Boot adds a plain one, and Tomcat adds one when there
     * is none) with ours, just before the host starts, when every other customizer has run.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
            @Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            host.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    install(host, new ProblemErrorReportValve(maxHeaderSize.toBytes()));
                }
            });
        });
    }

    private static void install(Container host, ProblemErrorReportValve valve) {
        Pipeline pipeline = host.getPipeline();
        for (Valve existing : pipeline.getValves()) {
            if (existing instanceof ErrorReportValve) {
                pipeline.removeValve(existing);
            }
        }
        pipeline.addValve(valve);
        if (host instanceof StandardHost standard) {
            // StandardHost adds a valve of this class when none is found: ours is.
            standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
    }
}
