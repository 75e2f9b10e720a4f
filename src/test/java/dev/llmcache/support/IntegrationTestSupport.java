package dev.llmcache.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the integration tests: each test works in a namespace of its own, so tests can share
 * one running server (and its database) without seeing each other's entries or statistics.
 */
public abstract class IntegrationTestSupport {

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    /** A client in this test's own namespace. */
    protected ApiClient api;

    /** This test's namespace. */
    protected String namespace;

    @BeforeEach
    void namespaceOfItsOwn() {
        clock.set(MutableClock.START);
        namespace = "t-" + UUID.randomUUID().toString().substring(0, 12);
        api = new ApiClient(port).inNamespace(namespace);
    }

    /** A valid store request for the given content; tweak the map for variants. */
    protected static Map<String, Object> entry(String content) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("cacheType", "refactor");
        entry.put("repoPath", "/home/ana/proj");
        entry.put("filePath", "src/main.rs");
        entry.put("content", content);
        entry.put("provider", "xai");
        entry.put("model", "grok-beta");
        entry.put("result", Map.of("complexity_score", 50.0, "code_smells", java.util.List.of("long method"), "path", "src/main.rs"));
        entry.put("tokensUsed", 5000);
        return entry;
    }
}
