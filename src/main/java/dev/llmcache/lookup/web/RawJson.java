package dev.llmcache.lookup.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a stored result, JSON already encoded as UTF-8, into an answer as it is. A {@code String}
 * with {@code @JsonRawValue} would decode the bytes to characters only for the generator to encode
 * them back, 2 kB per hit and 200 kB per batch of 100; a UTF-8 generator copies these bytes into its
 * buffer. Other generators (to a {@code Writer}) fall back to the text.
 */
final class RawJson extends StdSerializer<byte[]> {

    RawJson() {
        super(byte[].class);
    }

    @Override
    public void serialize(byte[] json, JsonGenerator generator, SerializationContext context) {
        generator.writeRawValue(new Utf8(json));
    }

    /** The bytes as a string the generators write unquoted; a raw value is never quoted, so the quoted forms refuse. */
    private record Utf8(byte[] bytes) implements SerializableString {

        @Override
        public String getValue() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return bytes;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            return copy(bytes, buffer, offset);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            return put(bytes, buffer);
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String text = getValue();
            if (offset + text.length() > buffer.length) {
                return -1;
            }
            text.getChars(0, text.length(), buffer, offset);
            return text.length();
        }

        @Override
        public char[] asQuotedChars() {
            throw quoted();
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw quoted();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw quoted();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw quoted();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw quoted();
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw quoted();
        }

        private static UnsupportedOperationException quoted() {
            return new UnsupportedOperationException("a raw JSON value is written as it is, never as a quoted string");
        }

        /** As the generators expect: the bytes copied, or -1 (nothing copied) when they do not fit. */
        private static int copy(byte[] from, byte[] buffer, int offset) {
            if (offset + from.length > buffer.length) {
                return -1;
            }
            System.arraycopy(from, 0, buffer, offset, from.length);
            return from.length;
        }

        private static int put(byte[] from, ByteBuffer buffer) {
            if (from.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(from);
            return from.length;
        }
    }
}
