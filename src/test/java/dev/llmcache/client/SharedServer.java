package dev.llmcache.client;

import dev.llmcache.support.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ServerUnderTest} for every client test class ({@code @ExtendWith(SharedServer.class)},
 * then a {@code ServerUnderTest} parameter): started on first use with three tokens, a 4 KB result
 * limit and budget enforcement on; stopped, and its data deleted, when the test run ends. Skips the
 * class when the client's tools are missing.
 */
final class SharedServer implements ParameterResolver {

    static final String WRITER = "writer-token-for-the-client-tests";
    static final String READER = "reader-token-for-the-client-tests";
    static final String ADMIN = "admin-token-for-the-client-tests";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServerUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClientScript.assumeToolsInstalled();
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(), Running.class).server();
    }

    private record Running(ServerUnderTest server, Path dir) implements AutoCloseable {

        static Running start() {
            Path dir;
            try {
                dir = Files.createTempDirectory("llmcache-client-tests-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServerUnderTest server = ServerUnderTest.start(dir.resolve("data"),
                    "--cache.security.tokens[0].name=writer", "--cache.security.tokens[0].sha256=" + Sha256.hex(WRITER),
                    "--cache.security.tokens[0].role=WRITE", "--cache.security.tokens[0].namespaces=*",
                    "--cache.security.tokens[1].name=reader", "--cache.security.tokens[1].sha256=" + Sha256.hex(READER),
                    "--cache.security.tokens[1].role=READ", "--cache.security.tokens[1].namespaces=*",
                    "--cache.security.tokens[2].name=admin", "--cache.security.tokens[2].sha256=" + Sha256.hex(ADMIN),
                    "--cache.security.tokens[2].role=ADMIN", "--cache.security.tokens[2].namespaces=*",
                    "--cache.limits.max-result-bytes=4KB", "--cache.budget.enforce=true");
            System.out.println("llmcache client tests run against " + server.description());
            return new Running(server, dir);
        }

        @Override
        public void close() throws Exception {
            server.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
