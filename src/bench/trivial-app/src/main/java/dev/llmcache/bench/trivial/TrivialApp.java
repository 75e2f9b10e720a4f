package dev.llmcache.bench.trivial;

import com.github.luben.zstd.Zstd;
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
 * request and returns it, which is what a cache hit needs at the least.
 */
@SpringBootApplication
@RestController
public class TrivialApp {

    private final byte[] frame;
    private final int size;

    TrivialApp(@Value("${trivial.json}") Path json) {
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
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Zstd.decompress(frame, size));
    }

    public static void main(String[] args) {
        SpringApplication.run(TrivialApp.class, args);
    }
}
