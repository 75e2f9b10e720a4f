package dev.llmcache.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents the RFC 9457 error answers on every API operation, so that Swagger UI shows what can
 * go wrong and what the body looks like, without repeating it on each controller method.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        openApi.getComponents().addSchemas("FieldError", new ObjectSchema()
                .description("One invalid field, query parameter or header.")
                .addProperty("field", new StringSchema().example("schemaVersion"))
                .addProperty("message", new StringSchema().example("must be >= 1")));
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperationsMap().forEach((method, operation) -> document(path, method, operation));
            }
        });
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean hasBody = operation.getRequestBody() != null;
        boolean writes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
                && !path.startsWith("/api/v1/lookup");
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Invalid input: malformed JSON, a missing or invalid field, parameter or X-Cache-Namespace header, "
                + "or two Authorization headers. Validation failures list each field in errors.");
        errors.put("401", "No token, or an unknown one (only when tokens are configured).");
        errors.put("403", "The token's role or namespaces do not allow this (or, without tokens, the Host is not a loopback name).");
        if (hasBody) {
            errors.put("413", "The request body is over cache.limits.max-request-bytes, or the result over cache.limits.max-result-bytes.");
            errors.put("415", "The body is not sent as application/json.");
        }
        errors.put("429", "Over the token's rate limit (cache.security.rate-limit); Retry-After says in how many seconds to retry.");
        errors.put("503", "The database cannot be reached; retry later.");
        if (writes) {
            errors.put("507", "The database cannot write (disk full, read-only); reads keep working.");
        }
        errors.forEach((status, description) -> responses.computeIfAbsent(status, s -> new ApiResponse().description(description)));
        // an error a controller documents itself (404, 429, ...) answers with a problem too, not its return type
        responses.replaceAll((status, response) -> status.startsWith("4") || status.startsWith("5")
                ? withProblemBody(status, response) : response);
        // 304 and the answers to HEAD carry no body, whatever the method's return type says
        responses.forEach((status, response) -> {
            if (status.equals("304") || method == PathItem.HttpMethod.HEAD) {
                response.setContent(null);
            }
        });
    }

    private static ApiResponse withProblemBody(String status, ApiResponse response) {
        return response.content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)).example(ProblemExamples.forStatus(Integer.parseInt(status)))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem. type names the kind of failure (see the README); detail says what to do.")
                .addProperty("type", new StringSchema().description("The kind of failure, one of the /problems/... types of the README."))
                .addProperty("title", new StringSchema().description("The status's reason phrase."))
                .addProperty("status", new IntegerSchema().description("The HTTP status."))
                .addProperty("detail", new StringSchema().description("What went wrong and what to do about it, in a sentence."))
                .addProperty("instance", new StringSchema().description("The path of the request."))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("For validation failures: each invalid field and why."));
    }
}
