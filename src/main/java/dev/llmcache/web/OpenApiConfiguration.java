package dev.llmcache.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description's frame: title, bearer security, and the namespace header that every
 * operation taking a {@link Namespace} accepts. Error answers are added by {@link ProblemResponses}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerToken";

    static {
        // The namespace comes from a header, not from query parameters: documented per operation below.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Namespace.class, Caller.class)
                // An event stream is documented by its events' schema, not by Spring's emitter class.
                .addResponseTypeToIgnore(SseEmitter.class)
                // A result is any JSON value, not Jackson's JsonNode bean: an unconstrained schema, which
                // generated clients map to their "any" type (a type list becomes a union they cannot build).
                .replaceWithSchema(JsonNode.class, new Schema<>().description("Any JSON value."));
    }

    @Bean
    OpenAPI llmCacheOpenApi() {
        return new OpenAPI()
                .info(new Info().title("llm-cache-server").version("v1")
                        .description("""
                                A shared cache of LLM code-analysis results. Clients look a result up by key or by the \
                                key's factors; on a miss they call their LLM and store the result with the tokens it cost. \
                                The server prices every write, tracks spend against a monthly budget per namespace and \
                                reports hits, misses and savings.

                                Every error is an RFC 9457 problem (application/problem+json).""")
                        .license(new License().name("Apache License 2.0").identifier("Apache-2.0"))
                        .contact(new Contact().name("llm-cache-server maintainers")))
                .servers(List.of(new Server().url("/").description("This server")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A token configured in cache.security.tokens (only its SHA-256 is stored). "
                                + "Not needed when the server runs without tokens on loopback.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OperationCustomizer namespaceHeader() {
        return (operation, handler) -> {
            boolean namespaced = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.getParameterType() == Namespace.class);
            if (namespaced) {
                operation.addParametersItem(new HeaderParameter().name(Namespace.HEADER).required(false)
                        .description("The namespace to work in; nothing in one namespace is visible from another. Without it: "
                                + "the token's namespace when the token names exactly one, else default.")
                        // no example: Swagger UI's "Try it out" would send it, and a first entry would land in a namespace
                        // nobody chose; the default is what a request without the header gets.
                        .schema(new StringSchema().pattern(Namespace.PATTERN)._default(Namespace.DEFAULT)));
            }
            return operation;
        };
    }
}
