package dev.llmcache.entry;

import dev.llmcache.support.Sha256;

import com.github.luben.zstd.Zstd;
import dev.llmcache.config.CacheProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes a result to compact JSON and compresses it into a zstd frame, and back. The frame
 * records its content size, so it can be decoded without any side information.
 */
@Component
public class ResultCodec {

    private final JsonMapper json;
    private final int level;
    private final long maxResultBytes;

    public ResultCodec(JsonMapper json, CacheProperties properties) {
        this.json = json;
        this.level = properties.compression().level();
        this.maxResultBytes = properties.limits().maxResultBytes().toBytes();
    }

    /** Compresses a JSON value; a value over the result limit is refused before any work. */
    public EncodedResult encode(JsonNode result) {
        return encode(json.writeValueAsBytes(result));
    }

    /** Compresses an already serialized JSON value. */
    public EncodedResult encode(byte[] resultJson) {
        if (resultJson.length > maxResultBytes) {
            throw new ResultTooLargeException(resultJson.length, maxResultBytes);
        }
        return new EncodedResult(Zstd.compress(resultJson, level), resultJson.length, "\"" + Sha256.hex(resultJson).substring(0, 32) + "\"");
    }

    /** The JSON bytes a frame holds. */
    public byte[] decode(byte[] frame, int resultBytes) {
        return Zstd.decompress(frame, resultBytes);
    }

    /** The JSON value a frame holds, for comparisons (verification) rather than serving. */
    public JsonNode decodeTree(byte[] frame, int resultBytes) {
        return json.readTree(decode(frame, resultBytes));
    }
}
