package dev.llmcache.entry;

import dev.llmcache.support.Sha256;

import com.github.luben.zstd.Zstd;
import dev.llmcache.compression.Frames;
import dev.llmcache.compression.Kind;
import dev.llmcache.compression.UnreadableFrameException;
import dev.llmcache.config.CacheProperties;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes a result to compact JSON and compresses it into a zstd frame, and back. The frame
 * records its content size and the dictionary it was compressed with (its kind's current one,
 * {@link Frames}), so it can be decoded without any side information.
 */
@Component
public class ResultCodec {

    private final JsonMapper json;
    private final Frames frames;
    private final Names names;
    private final long maxResultBytes;

    public ResultCodec(JsonMapper json, CacheProperties properties, Frames frames, Names names) {
        this.json = json;
        this.frames = frames;
        this.names = names;
        this.maxResultBytes = properties.limits().maxResultBytes().toBytes();
    }

    /**
     * Compresses a JSON value of a namespace and cache type, with their dictionary when they have one;
     * a value over the result limit is refused before any work.
     */
    public EncodedResult encode(String namespace, String cacheType, JsonNode result) {
        return encode(namespace, cacheType, json.writeValueAsBytes(result));
    }

    /** As {@link #encode(String, String, JsonNode)}, for an already serialized JSON value. */
    public EncodedResult encode(String namespace, String cacheType, byte[] resultJson) {
        checkSize(resultJson);
        return encoded(frames.compress(resultJson, kind(namespace, cacheType).orElse(null)), resultJson);
    }

    /**
     * As {@link #encode(String, String, JsonNode)}, at the bulk level ({@code cache.compression.bulk-level}):
     * for results written in bulk off the request path, such as a migration's.
     */
    public EncodedResult encodeInBulk(String namespace, String cacheType, JsonNode result) {
        byte[] resultJson = json.writeValueAsBytes(result);
        checkSize(resultJson);
        return encoded(frames.compressInBulk(resultJson, kind(namespace, cacheType).orElse(null)), resultJson);
    }

    /** Compresses a JSON value without a dictionary. */
    public EncodedResult encode(JsonNode result) {
        return encode(json.writeValueAsBytes(result));
    }

    /** Compresses an already serialized JSON value without a dictionary. */
    public EncodedResult encode(byte[] resultJson) {
        checkSize(resultJson);
        return encoded(frames.compressAlone(resultJson), resultJson);
    }

    private void checkSize(byte[] resultJson) {
        if (resultJson.length > maxResultBytes) {
            throw new ResultTooLargeException(resultJson.length, maxResultBytes);
        }
    }

    private static EncodedResult encoded(Frames.Frame frame, byte[] resultJson) {
        return new EncodedResult(frame.bytes(), resultJson.length, etagOf(resultJson), frame.dictionaryId());
    }

    /** The kind of a namespace and cache type; empty while either name is unknown (then it has no dictionary). */
    private Optional<Kind> kind(String namespace, String cacheType) {
        Optional<Long> namespaceId = names.find(namespace);
        if (namespaceId.isEmpty()) {
            return Optional.empty();
        }
        return names.find(cacheType).map(cacheTypeId -> new Kind(namespaceId.get(), cacheTypeId));
    }

    /**
     * The JSON bytes of a stored entry, checked against what was stored with it: the frame must
     * declare and decode to the entry's {@code resultBytes}, and the bytes must hash to its ETag.
     * Anything else (a frame overwritten on disk, a cut blob, a damaged size) is a
     * {@link DamagedResultException}, so that damaged data is never served as if it were the result. A
     * copy holding its result as checked ({@link StoredEntry#checkedResult()}) is answered with it.
     */
    public byte[] decodeStored(StoredEntry entry) {
        if (entry.checkedResult() != null) {
            return entry.checkedResult(); // no reader to borrow
        }
        try (Frames.Reader reader = frames.reader()) {
            return decodeStored(entry, reader);
        }
    }

    /** As {@link #decodeStored(StoredEntry)}, with a reader kept for many entries in a row (a batch); see {@link #reader()}. */
    public byte[] decodeStored(StoredEntry entry, Frames.Reader reader) {
        if (entry.checkedResult() != null) {
            return entry.checkedResult(); // a copy in memory of what was checked when read from disk
        }
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
            json = reader.decompress(frame, Math.toIntExact(resultBytes));
        } catch (UnreadableFrameException e) {
            throw new DamagedResultException(e.getMessage());
        }
        if (json.length != resultBytes) {
            throw new DamagedResultException("the frame holds " + json.length + " bytes, the entry " + resultBytes);
        }
        if (!Sha256.isEtagOf(EncodedResult.etagBytes(entry.etag()), json)) {
            throw new DamagedResultException("the result does not match its ETag");
        }
        return json;
    }

    /** A reader of frames for many entries in a row on one thread: close it when done. */
    public Frames.Reader reader() {
        return frames.reader();
    }

    private static String etagOf(byte[] json) {
        return "\"" + Sha256.hex(json).substring(0, 32) + "\"";
    }

    /** The JSON bytes a frame holds. */
    public byte[] decode(byte[] frame, int resultBytes) {
        return frames.decompress(frame, resultBytes);
    }

    /** The JSON value a frame holds, for comparisons (verification) rather than serving. */
    public JsonNode decodeTree(byte[] frame, int resultBytes) {
        return json.readTree(decode(frame, resultBytes));
    }
}
