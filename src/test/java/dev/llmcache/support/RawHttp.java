package dev.llmcache.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, byte for byte: for requests that {@link ApiClient}'s HttpClient
 * refuses to send (a broken {@code %XX}, raw non-UTF-8 bytes, NUL, CONNECT, headers of any size or
 * charset). Every request is sent with {@code Connection: close} and read to the end.
 */
public final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** A request line, headers (name, value, ...; values may hold any character, sent as UTF-8) and an optional body. */
    public Answer send(String method, String target, byte[] body, String... headers) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            write(request, headers[i] + ": " + headers[i + 1] + "\r\n");
        }
        if (body != null) {
            write(request, "Content-Length: " + body.length + "\r\n");
        }
        write(request, "\r\n");
        if (body != null) {
            request.writeBytes(body);
        }
        return sendRaw(request.toByteArray(), "HEAD".equals(method));
    }

    public Answer send(String method, String target, String... headers) {
        return send(method, target, null, headers);
    }

    /** Exactly these bytes; the answer is read until the server closes the connection. */
    public Answer sendRaw(byte[] request, boolean head) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedEarly) {
                // the server may answer (413, 431) and close before reading everything
            }
            return Answer.parse(readAll(socket.getInputStream()), head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a reset after the answer was sent: keep what arrived
        }
        return all.toByteArray();
    }

    /** Status (-1 when no status line came back), headers (lower-case names) and body as UTF-8. */
    public record Answer(int status, Map<String, String> headers, String body) {

        static Answer parse(byte[] bytes, boolean head) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                return new Answer(-1, Map.of(), text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            byte[] body = head ? new byte[0] : "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(byte[] data) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int at = 0;
            while (at < data.length) {
                int lineEnd = indexOf(data, at);
                if (lineEnd < 0) {
                    break;
                }
                String size = new String(data, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
                int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
                if (length == 0) {
                    break;
                }
                body.write(data, lineEnd + 2, Math.min(length, data.length - lineEnd - 2));
                at = lineEnd + 2 + length + 2;
            }
            return body.toByteArray();
        }

        private static int indexOf(byte[] data, int from) {
            for (int i = from; i + 1 < data.length; i++) {
                if (data[i] == '\r' && data[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** An RFC 9457 problem whose status is the HTTP status, with type, title and detail. */
        public Answer isProblem(int expectedStatus) {
            assertThat(status).as("status of %s", this).isEqualTo(expectedStatus);
            return isProblem();
        }

        /** A 4xx problem whose body states the status it was sent with. */
        public Answer isProblem() {
            assertThat(status).as("status of %s", this).isBetween(400, 499);
            assertThat(header("content-type")).as("Content-Type of %s", this).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.get("status").asInt()).as("the problem's status in %s", this).isEqualTo(status);
            for (String field : new String[] {"type", "title", "detail"}) {
                assertThat(problem.path(field).asString("")).as("%s of %s", field, this).isNotBlank();
            }
            return this;
        }

        public String detail() {
            return json().path("detail").asString("");
        }

        @Override
        public String toString() {
            return status + " " + headers.get("content-type") + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }
}
