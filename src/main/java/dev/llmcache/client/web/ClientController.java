package dev.llmcache.client.web;

import dev.llmcache.support.Sha256;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the {@code llmcache} shell client packaged with the server, so that a CI job fetches the
 * client that matches the server it talks to. Public: the script holds no secret.
 */
@RestController
@Tag(name = "Client", description = "The llmcache command-line client for CI jobs (see docs/client.md)")
class ClientController {

    private static final String RESOURCE = "client/llmcache";

    private static final String TEXT = "text/plain;charset=UTF-8";

    private final byte[] script;
    private final String etag;

    ClientController() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.script = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the packaged client " + RESOURCE + " cannot be read", e);
        }
        this.etag = "\"" + Sha256.hex(script) + "\"";
    }

    @GetMapping(path = "/client/llmcache", produces = TEXT)
    @SecurityRequirements
    @Operation(operationId = "getClient", summary = "Download the llmcache client",
            description = """
                    The POSIX sh client (needs curl, jq and sha256sum): `curl -fsS $LLMCACHE_URL/client/llmcache -o llmcache \
                    && chmod +x llmcache`. Needs no token: the script holds no secret. A strong ETag (the script's \
                    SHA-256); If-None-Match with it answers 304.""")
    @ApiResponse(responseCode = "200", description = "The script.",
            headers = @Header(name = "ETag", description = "The script's SHA-256, quoted.", schema = @Schema(type = "string")),
            content = @Content(mediaType = TEXT, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match named the current ETag.", content = @Content)
    ResponseEntity<byte[]> client() {
        // Spring answers If-None-Match with a 304 from these headers. no-cache: a proxy may keep the
        // script but must revalidate it, so a job never runs an outdated client.
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache())
                .contentType(MediaType.parseMediaType(TEXT)).body(script);
    }
}
