package dev.llmcache.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for black-box style tests against the running server: real sockets, real
 * headers, no Spring test magic between the test and Tomcat.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<String> defaultHeaders = new ArrayList<>();

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * A client that sends these headers (name, value, name, value...) on every request, in place of
     * this client's headers of the same names.
     */
    public ApiClient withHeaders(String... headers) {
        ApiClient copy = new ApiClient(URI.create(base).getPort());
        copy.defaultHeaders.addAll(without(defaultHeaders, headers));
        copy.defaultHeaders.addAll(List.of(headers));
        return copy;
    }

    /** The headers (name, value, ...) but those named in {@code replacing}. */
    private static List<String> without(List<String> headers, String... replacing) {
        java.util.Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < replacing.length; i += 2) {
            names.add(replacing[i]);
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < headers.size(); i += 2) {
            if (!names.contains(headers.get(i))) {
                kept.add(headers.get(i));
                kept.add(headers.get(i + 1));
            }
        }
        return kept;
    }

    /** A client working in a namespace. */
    public ApiClient inNamespace(String namespace) {
        return withHeaders("X-Cache-Namespace", namespace);
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response head(String path, String... headers) {
        return send("HEAD", path, null, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    /**
     * Sends a request. A String body goes as is (so tests can send broken JSON), anything else is
     * serialized; Content-Type is application/json unless a header says otherwise. A header given here
     * replaces the client's default of the same name (a request's own namespace, say): the server refuses
     * some headers sent twice.
     */
    public Response send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        boolean contentType = false;
        List<String> all = without(defaultHeaders, headers);
        all.addAll(List.of(headers));
        for (int i = 0; i < all.size(); i += 2) {
            request.header(all.get(i), all.get(i + 1));
            contentType |= all.get(i).equalsIgnoreCase("Content-Type");
        }
        if (body != null && !contentType) {
            request.header("Content-Type", "application/json");
        }
        byte[] bytes = body == null ? null
                : body instanceof byte[] raw ? raw
                : body instanceof String text ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(body);
        request.method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, headers and body, with the body parsed as JSON on demand. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
