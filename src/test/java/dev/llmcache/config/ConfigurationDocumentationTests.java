package dev.llmcache.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration table of docs/configuration.md says what the configuration processor generated
 * from the properties records: the same {@code cache.*} names, the same defaults, and every property
 * described. A property added without its row, or a default changed in one place only, fails here.
 */
class ConfigurationDocumentationTests {

    private static final Path DOCUMENT = Path.of("docs/configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(cache\\.[a-z0-9.-]+)` \\| `([^`]*)` \\| (.+) \\|$");

    @Test
    void everyCachePropertyIsDocumentedWithItsDefault() throws IOException {
        Map<String, String> generated = new TreeMap<>();
        Map<String, String> undescribed = new TreeMap<>();
        for (JsonNode property : metadata().get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("cache.")) {
                generated.put(name, defaultOf(property.get("defaultValue")));
                if (!property.has("description") || property.get("description").asString().isBlank()) {
                    undescribed.put(name, "no description: add a @param to its properties record");
                }
            }
        }
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(DOCUMENT)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                documented.put(row.group(1), row.group(2));
            }
        }

        assertThat(undescribed).as("properties without a description").isEmpty();
        assertThat(documented).as("the table of %s against the generated metadata", DOCUMENT).isEqualTo(generated);
    }

    private static String defaultOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return "none";
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(item -> joined.append(joined.isEmpty() ? "" : ",").append(item.asString()));
            return joined.toString();
        }
        return value.asString();
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in = ConfigurationDocumentationTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata on the classpath").isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }
}
