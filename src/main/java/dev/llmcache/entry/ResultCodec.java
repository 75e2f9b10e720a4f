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
        return new EncodedResult(Zstd.compress(resultJson, level), resultJson.length, etagOf(resultJson));
    }

    /**
     * The JSON bytes of a stored entry, checked against what was stored with it: the frame must
     * declare and decode to the entry's {@code resultBytes}, and the bytes must hash to its ETag.
     * Anything else (a frame overwritten on disk, a cut blob, a damaged size) is a
     * {@link DamagedResultException}, so that damaged data is never served as if it were the result.
     */
    public byte[] decodeStored(StoredEntry entry) {
        byte[] frame = entry.frame();
        long resultBytes = entry.metadata().resultBytes();
        if (frame == null || frame.length == 0) {
            throw new DamagedResultException("no result frame is stored");
        }
        long declared = Zstd.getFrameContentSize(frame);
        if (declared != resultBytes) {
            throw new DamagedResultException("the frame declares " + declared + " bytes, the entry " + resultBytes);
        }
        byte[] json;
        try {
            json = Zstd.decompress(frame, Math.toIntExact(resultBytes));
        } catch (RuntimeException e) {
            throw new DamagedResultException("the frame does not decompress: " + e.getMessage());
        }
        if (json.length != resultBytes) {
            throw new DamagedResultException("the frame holds " + json.length + " bytes, the entry " + resultBytes);
        }
        if (!etagOf(json).equals(entry.etag())) {
            throw new DamagedResultException("the result does not match its ETag");
        }
        return json;
    }

    private static String etagOf(byte[] json) {
        return "\"" + Sha256.hex(json).substring(0, 32) + "\"";
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
