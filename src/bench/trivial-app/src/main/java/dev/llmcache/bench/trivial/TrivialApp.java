package dev.llmcache.bench.trivial;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor of this stack: one endpoint that decompresses a zstd frame of a JSON file on every
 * request and returns it, which is what a cache hit needs at the least. By default with
 * {@code Zstd.decompress}, a decompression context made and freed per call (issue 12's trivial app);
 * with {@code trivial.reuse-context=true} each thread keeps one, a stricter floor.
 */
@SpringBootApplication
@RestController
public class TrivialApp {

    private final byte[] frame;
    private final int size;
    private final ThreadLocal<ZstdDecompressCtx> context;

    TrivialApp(@Value("${trivial.json}") Path json, @Value("${trivial.reuse-context:false}") boolean reuseContext) {
        this.context = reuseContext ? ThreadLocal.withInitial(ZstdDecompressCtx::new) : null;
        try {
            byte[] bytes = Files.readAllBytes(json);
            this.frame = Zstd.compress(bytes, 3);
            this.size = bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/result")
    ResponseEntity<byte[]> result() {
        byte[] json = context == null ? Zstd.decompress(frame, size) : context.get().decompress(frame, size);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    public static void main(String[] args) {
        SpringApplication.run(TrivialApp.class, args);
    }
}
