package dev.llmcache.web;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of hostile HTTP requests for the property tests: any method on any path of the
 * contract, broken percent-encodings, Unicode of every plane (NUL and lone surrogates included,
 * both as JSON escapes and as raw bytes), huge, negative and fractional numbers, deep nesting,
 * duplicate keys, oversized bodies, headers of any size and charset.
 */
final class HostileRequests {

    /** One request, as the bytes that go on the wire. */
    record Request(String method, String target, List<Header> headers, byte[] body, String what) {

        byte[] bytes(int port) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((method + " ").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(target.getBytes(StandardCharsets.UTF_8));
            out.writeBytes((" HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Header header : headers) {
                out.writeBytes(header.name().getBytes(StandardCharsets.UTF_8));
                out.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(header.value());
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (body != null) {
                out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        Request withHeader(String name, String value) {
            List<Header> all = new ArrayList<>(headers);
            all.add(new Header(name, value.getBytes(StandardCharsets.UTF_8)));
            return new Request(method, target, all, body, what);
        }

        @Override
        public String toString() {
            String shownBody = body == null ? "" : new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
            return what + ": " + method + " " + target + " " + headers + (body == null ? "" : " body(" + body.length + ")=" + shownBody);
        }
    }

    record Header(String name, byte[] value) {
        @Override
        public String toString() {
            String text = new String(value, StandardCharsets.UTF_8);
            return name + ": " + (text.length() > 80 ? text.substring(0, 80) + "...(" + value.length + " bytes)" : text);
        }
    }

    static final List<String> NUMBERS = List.of("0", "-0", "-1", "1", "1.5", "-1.5", "1e400", "-1e400", "1e-400", "1E+400",
            "9007199254740993", "1000000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "1" + "0".repeat(400), "0.1", "1.7976931348623157e308", "4.9e-324", "2.5e-324", "1e2147483648", "00", "01", "-",
            "+1", ".5", "5.", "1e", "NaN", "Infinity", "-Infinity", "2147483648", "3.0", "1e3", "0e0");
    static final List<String> TEXT = List.of("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "\n", "\r\n", "\u2028", "\u2029",
            "team\u2010a", "\uff54\uff45\uff41\uff4d", "\u00fc", "\uD83D\uDE00", "\u202e", "\ufeff", "a".repeat(1025),
            "../../etc/passwd", "%00", "%ZZ", "${jndi:ldap://x/a}", "\\", "\t", "null", "refactor", "REFACTOR", "a".repeat(33),
            "*", ".*", "%", "\u0085", "\u007f", "'; DROP TABLE entries; --");
    static final List<byte[]> RAW = List.of(bytes(0xff), bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90, 0x80, 0x80),
            bytes(0x80), bytes(0xe2, 0x80), bytes(0x00), bytes(0xe2, 0x80, 0x90), bytes(0xef, 0xbd, 0x94), bytes(0xc3, 0xa9));
    static final List<String> PATH_JUNK = List.of("%2F", "%2f", "%00", "%ZZ", "%", "%f", "%ff", "%c0%af", "%e2%80", "%25", "%5C",
            "%2e%2e", ";", ";jsessionid=1", "//", "/../", "/./", "%20", "~", "@", "%u0041", "%E2%80%90", "{}", "[", "|", "^", "\u00e9",
            "\u0000", " ", "\\", "\"");
    static final List<String> TOKEN_FIELDS = List.of("tokensUsed", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens");
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
            "PROPFIND", "FOO", "get");
    private static final List<String> PATHS = List.of("/api/v1/entries", "/api/v1/entries/{key}", "/api/v1/lookup",
            "/api/v1/lookup/batch", "/api/v1/leases/{id}", "/api/v1/stats", "/api/v1/budget", "/api/v1/budget/history",
            "/api/v1/pricing", "/api/v1/pricing/quote", "/api/v1/admin/pricing/reload", "/api/v1/eviction", "/api/v1/migrations",
            "/api/v1/migrations/{id}", "/api/v1/migrations/{id}/events", "/api/v1/admin/backup", "/actuator/health",
            "/actuator/prometheus", "/v3/api-docs", "/error", "/");
    private static final List<String> PARAMETERS = List.of("cacheType", "repoPath", "filePath", "provider", "model", "limit",
            "after", "all", "months", "lease", "wait", "inputTokens", "outputTokens", "x");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json", "application/json",
            "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x", "text/plain", "garbage",
            "\u20ac/\u20ac", "application/json; charset=ISO-8859-1", "application/json; charset=nope", "application/*", "");
    private static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/plain", "image/png", "foo", "",
            "t\u00e9xt/plain", "\uff54ext/plain", "application/json;q=abc", ",,,", "a/b/c", "application/json,".repeat(60));

    private final String namespace;

    HostileRequests(String namespace) {
        this.namespace = namespace;
    }

    // ---------------------------------------------------------------- values

    static Gen<String> text() {
        return Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(3, arbitrary().pick(TEXT)),
                org.quicktheories.api.Pair.of(3, strings().betweenCodePoints(0, 0x10FFFF).ofLengthBetween(0, 12)),
                org.quicktheories.api.Pair.of(2, strings().ascii().ofLengthBetween(0, 20))));
    }

    static Gen<String> number() {
        Gen<String> longs = longs().all().map((Long value) -> Long.toString(value));
        Gen<String> small = integers().between(-5, 5).map((Integer value) -> Integer.toString(value));
        return arbitrary().pick(NUMBERS).mix(longs).mix(small);
    }

    /** Any JSON value, as text (hostile numbers are not always valid JSON: that is the point). */
    static Gen<String> jsonValue(int depth) {
        Gen<String> scalar = Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(3, number()),
                org.quicktheories.api.Pair.of(3, text().map(HostileRequests::quote)),
                org.quicktheories.api.Pair.of(1, arbitrary().pick("true", "false", "null", "[]", "{}")),
                org.quicktheories.api.Pair.of(1, integers().between(1, 1200).map(HostileRequests::deep)),
                org.quicktheories.api.Pair.of(1, arbitrary().constant("{\"a\": 1, \"a\": 2}"))));
        if (depth == 0) {
            return scalar;
        }
        Gen<String> array = lists().of(jsonValue(depth - 1)).ofSizeBetween(0, 4).map(items -> "[" + String.join(", ", items) + "]");
        Gen<String> object = lists().of(text().zip(jsonValue(depth - 1), (k, v) -> quote(k) + ": " + v)).ofSizeBetween(0, 4)
                .map(members -> "{" + String.join(", ", members) + "}");
        return Generate.frequency(List.of(org.quicktheories.api.Pair.of(4, scalar), org.quicktheories.api.Pair.of(1, array),
                org.quicktheories.api.Pair.of(1, object)));
    }

    /** A store request: each field valid, absent or hostile; the whole body sometimes broken further. */
    Gen<Request> stores() {
        List<String> fields = List.of("cacheType", "repoPath", "filePath", "content", "fileHash", "fileSize", "provider", "model",
                "promptHash", "schemaVersion", "result", "tokensUsed", "inputTokens", "outputTokens", "cachedInputTokens",
                "cacheWriteTokens", "usage", "unknown");
        Gen<List<String[]>> changes = lists().of(integers().between(0, fields.size() - 1).zip(jsonValue(2), integers().between(0, 3),
                        (index, hostile, choice) -> member(fields.get(index), hostile, choice)))
                .ofSizeBetween(0, 6);
        return changes.zip(bodyDamage(), integers().between(0, 9), (list, damage, duplicate) -> {
            java.util.Map<String, String> members = new java.util.LinkedHashMap<>();
            members.put("cacheType", "\"refactor\"");
            members.put("filePath", "\"src/p.rs\"");
            members.put("content", "\"fn p() {}\"");
            members.put("provider", "\"xai\"");
            members.put("model", "\"grok-beta\"");
            members.put("result", "{\"ok\": true}");
            list.forEach(member -> {
                if (member[1] == null) {
                    members.remove(member[0]);
                } else {
                    members.put(member[0], member[1]);
                }
            });
            String json = members.entrySet().stream().map(e -> quote(e.getKey()) + ": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", duplicate == 0 ? ", \"model\": \"again\"}" : "}"));
            return json(namespace, "POST", "/api/v1/entries", damage.apply(json), "store");
        });
    }

    /** A field and its new value: hostile, valid, or absent (null). */
    private static String[] member(String field, String hostile, int choice) {
        String value = switch (choice) {
            case 0 -> hostile;
            case 1 -> validValue(field);
            case 2 -> null;
            default -> hostile;
        };
        return new String[] {field, value};
    }

    private static String validValue(String field) {
        return switch (field) {
            case "cacheType" -> "\"docs\"";
            case "fileHash" -> "\"" + "ab".repeat(32) + "\"";
            case "fileSize", "tokensUsed", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens" -> "12";
            case "schemaVersion" -> "2";
            case "result" -> "{\"a\": [1, 2.5, \"x\"]}";
            case "usage" -> "{\"prompt_tokens\": 10, \"completion_tokens\": 5}";
            default -> "\"value\"";
        };
    }

    /** Leaves the body alone, or breaks it: raw non-UTF-8 bytes, a cut, trailing garbage, a BOM, deep nesting, an oversize. */
    static Gen<java.util.function.Function<String, byte[]>> bodyDamage() {
        return integers().between(0, 12).zip(integers().between(0, 10_000), arbitrary().pick(RAW), (kind, at, raw) -> json -> {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            int cut = Math.min(at, bytes.length);
            return switch (kind) {
                case 0 -> concat(java.util.Arrays.copyOf(bytes, cut), raw, java.util.Arrays.copyOfRange(bytes, cut, bytes.length));
                case 1 -> java.util.Arrays.copyOf(bytes, cut);
                case 2 -> concat(bytes, "}x".getBytes(StandardCharsets.UTF_8));
                case 3 -> concat(bytes(0xef, 0xbb, 0xbf), bytes);
                case 4 -> json.replaceFirst("\\{", "{\"result\": " + deep(at % 3000) + ", ").getBytes(StandardCharsets.UTF_8);
                case 5 -> json.replaceFirst("\\{", "{\"pad\": \"" + "z".repeat(70_000) + "\", ").getBytes(StandardCharsets.UTF_8);
                default -> bytes;
            };
        });
    }

    // ---------------------------------------------------------------- requests

    /** A JSON body to a JSON endpoint: any JSON value, or one broken as above. */
    Gen<Request> jsonBodies() {
        List<String> endpoints = List.of("POST /api/v1/entries", "POST /api/v1/lookup", "POST /api/v1/lookup/batch",
                "PUT /api/v1/budget", "POST /api/v1/eviction", "POST /api/v1/migrations", "POST /api/v1/admin/pricing/reload",
                "POST /api/v1/admin/backup");
        return arbitrary().pick(endpoints).zip(jsonValue(3), bodyDamage(), (endpoint, value, damage) -> {
            String[] parts = endpoint.split(" ");
            return json(namespace, parts[0], parts[1], damage.apply(value), "json body");
        });
    }

    /** Any method on any path (with hostile segments), hostile query, headers and content type. */
    Gen<Request> anything() {
        Gen<String> targets = arbitrary().pick(PATHS).zip(arbitrary().pick(PATH_JUNK), integers().between(0, 5), (path, junk, how) -> {
            String key = switch (how) {
                case 0 -> "ab".repeat(32);
                case 1 -> junk;
                case 2 -> "x" + junk + "y";
                default -> "1";
            };
            return path.replace("{key}", key).replace("{id}", key) + (how == 1 && !path.contains("{") ? "/" + junk : "");
        }).zip(lists().of(arbitrary().pick(PARAMETERS).zip(text().mix(number()), integers().between(0, 5), HostileRequests::parameter))
                .ofSizeBetween(0, 4), (path, params) -> params.isEmpty() ? path : path + "?" + String.join("&", params));
        Gen<List<Header>> headers = lists().of(header()).ofSizeBetween(0, 4);
        Gen<byte[]> bodies = Generate.frequency(List.of(org.quicktheories.api.Pair.of(2, arbitrary().constant((byte[]) null)),
                org.quicktheories.api.Pair.of(2, jsonValue(1).zip(bodyDamage(), (v, d) -> d.apply(v))),
                org.quicktheories.api.Pair.of(1, arbitrary().pick("a=%zz", "a=%", "a=%ff&b=\u00e9", "x".repeat(100))
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)))));
        return arbitrary().pick(METHODS).zip(targets, headers, bodies, (method, target, hs, body) -> {
            List<Header> all = new ArrayList<>(hs);
            all.add(new Header("X-Cache-Namespace", namespace.getBytes(StandardCharsets.US_ASCII)));
            return new Request(method, noLineBreaks(target), all, body, "anything");
        }).zip(arbitrary().pick(CONTENT_TYPES), (request, type) -> request.body() == null ? request : request.withHeader("Content-Type", type));
    }

    private static String parameter(String name, String value, int encoding) {
        return switch (encoding) {
            case 1 -> name + "=" + value.replace("&", "%26").replace("#", "%23");
            case 2 -> name + "=" + percentEncode(value) + "%";
            case 3 -> percentEncode(name) + "=%" + HexFormat.of().toHexDigits((byte) value.length()) + "%ZZ";
            default -> name + "=" + percentEncode(value);
        };
    }

    private static Gen<Header> header() {
        Gen<byte[]> values = text().zip(arbitrary().pick(RAW), integers().between(0, 4), integers().between(0, 12_000), (text, raw, how, size) ->
                switch (how) {
                    case 0 -> noLineBreaks(text).getBytes(StandardCharsets.UTF_8);
                    case 1 -> concat(noLineBreaks(text).getBytes(StandardCharsets.UTF_8), raw);
                    case 2 -> "v".repeat(size).getBytes(StandardCharsets.US_ASCII);
                    default -> noLineBreaks(text).getBytes(StandardCharsets.ISO_8859_1);
                });
        Gen<String> names = arbitrary().pick("X-Cache-Namespace", "Accept", "Authorization", "If-None-Match", "Content-Type",
                "Accept-Charset", "X-Custom", "Range", "Expect", "Content-Length");
        return names.zip(values, arbitrary().pick(ACCEPTS), (name, value, accept) -> name.equals("Accept") && value.length % 2 == 0
                ? new Header(name, accept.getBytes(StandardCharsets.UTF_8))
                : new Header(name, name.equals("Content-Length") ? "-1".getBytes(StandardCharsets.US_ASCII) : value));
    }

    static Request json(String namespace, String method, String path, byte[] body, String what) {
        return new Request(method, path, List.of(new Header("Content-Type", "application/json".getBytes(StandardCharsets.US_ASCII)),
                new Header("X-Cache-Namespace", namespace.getBytes(StandardCharsets.US_ASCII))), body, what);
    }

    // ---------------------------------------------------------------- helpers

    /** A JSON string literal; control characters and lone surrogates become \\u escapes. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(text.charAt(i - 1)))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String deep(int levels) {
        return levels % 2 == 0 ? "[".repeat(levels) + "1" + "]".repeat(levels) : "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }

    private static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return out.toString();
    }

    /** CR and LF would end the request line or a header: a different probe (framing), not this one. */
    private static String noLineBreaks(String text) {
        return text.replace("\r", "%0D").replace("\n", "%0A");
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
