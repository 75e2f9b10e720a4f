package dev.llmcache.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Corrects what springdoc infers from the Java types where generated clients would go wrong: a
 * result that may be any JSON value gets an unconstrained schema (a type list, or the type springdoc
 * guesses, becomes a union of scalars in openapi-generator), and a required string that the server
 * refuses when empty ({@code @NotBlank} beside {@code @Size(max)}) gets {@code minLength: 1}.
 */
@Component
public class SchemaCorrections implements OpenApiCustomizer {

    /** The start of the description of every property that holds any JSON value. */
    public static final String ANY_JSON = "Any JSON value";

    @Override
    public void customise(OpenAPI openApi) {
        for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            for (var property : schema.getProperties().entrySet()) {
                correct(property.getValue(), required.contains(property.getKey()));
            }
        }
    }

    private static void correct(Schema<?> property, boolean required) {
        if (property.getDescription() != null && property.getDescription().startsWith(ANY_JSON)) {
            property.setType(null);
            property.setTypes(null);
            property.setFormat(null); // a result held as UTF-8 bytes is still JSON, not base64
        }
        if (required && Integer.valueOf(0).equals(property.getMinLength())) {
            property.setMinLength(1);
        }
    }
}
