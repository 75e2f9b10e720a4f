package dev.llmcache.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem straight to the response, for the places where Spring MVC's content negotiation
 * cannot be trusted or does not run: a filter refusing an unreadable {@code Accept}, and Tomcat's
 * error report for requests refused before they reach the application.
 */
final class ProblemWriter {

    private ProblemWriter() {
    }

    /** The problem as JSON: type, title, status, detail and, when known, instance. */
    static String json(HttpStatus status, URI type, String detail, URI instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance.toString());
        }
        return JsonMapper.shared().writeValueAsString(problem);
    }

    static void write(HttpServletResponse response, HttpStatus status, URI type, String detail, URI instance)
            throws IOException {
        byte[] body = json(status, type, detail, instance).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The request's path as a problem's {@code instance}: a relative URI even when the raw path is
     * not one (a leading "//" would read as a host; a stray '%' or a space as a syntax error).
     */
    static URI instance(String rawPath) {
        StringBuilder safe = new StringBuilder();
        String path = rawPath == null ? "/" : rawPath;
        for (int i = 0; i < path.length() && safe.length() < 2000; i++) {
            char c = path.charAt(i);
            boolean escape = c == '%' ? !(i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2)))
                    : c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}#?[]".indexOf(c) >= 0 || (c == '/' && i == 1 && path.charAt(0) == '/');
            if (escape) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    safe.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            } else {
                safe.append(c);
            }
        }
        try {
            return new URI(safe.toString());
        } catch (URISyntaxException e) {
            return URI.create("/");
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Client-supplied text made safe to quote in a detail or a log line: printable, and short. */
    static String quoted(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 3));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > max ? out.append("...").toString() : out.toString();
    }
}
