package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.support.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The migrations API around the import: checks, access, status, progress, events, concurrency, restarts. */
@ExtendWith(OutputCaptureExtension.class)
abstract class MigrationApiScenarios extends MigrationTestSupport {

    @Autowired
    MigrationRepository repository;

    @Test
    void badRequestsAreRefusedWith400BeforeAnythingStarts() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path file = Files.writeString(dir.resolve("file.json"), "{}");
        Path centralized = centralized();

        assertInvalid(Map.of(), "source", "is required", "Invalid request: source is required.");
        assertInvalid(Map.of("source", "cache/repos"), "source", "must be an absolute path, was cache/repos",
                "Source must be an absolute path, was cache/repos.");
        assertInvalid(request(dir.resolve("nowhere")), "source", dir.resolve("nowhere") + " does not exist",
                "Source " + dir.resolve("nowhere") + " does not exist.");
        assertInvalid(request(file), "source", file + " is not a directory",
                "Source " + file + " is not a directory.");
        ApiClient.Response notACache = api.post("/api/v1/migrations", request(empty));
        assertThat(notACache.status()).isEqualTo(400);
        assertThat(notACache.json().get("detail").asString()).startsWith("No legacy cache found in " + empty + ": expected");
        ApiClient.Response wrongLayout = api.post("/api/v1/migrations", request(centralized, "layout", "LOCAL"));
        assertThat(wrongLayout.status()).isEqualTo(400);
        assertThat(wrongLayout.json().get("detail").asString()).startsWith("Source " + centralized + " is not a LOCAL legacy cache");
        assertInvalid(request(centralized, "layout", "SIDEWAYS"), "layout", "must be one of AUTO, CENTRALIZED, LOCAL",
                "Invalid request: layout must be one of AUTO, CENTRALIZED, LOCAL.");
        assertInvalid(request(centralized, "dryRun", "yes"), "dryRun", "must be true or false",
                "Invalid request: dryRun must be true or false.");
        assertInvalid(request(centralized, "verify", true, "dryRun", true), "verify",
                "cannot be combined with dryRun: a dry run stores nothing to verify",
                "Invalid request: verify cannot be combined with dryRun: a dry run stores nothing to verify.");
        assertThat(api.get("/api/v1/stats").json().get("totalEntries").asLong()).isZero();
    }

    @Test
    void sourceOutsideTheAllowedRootsIsForbiddenHoweverItIsReached() throws IOException {
        Path outside = Files.createTempDirectory("llmcache-outside-");
        Fixtures.copy("centralized", outside);
        Path link = Files.createSymbolicLink(dir.resolve("link"), outside.resolve("centralized"));

        for (String source : List.of(outside.resolve("centralized").toString(),
                ROOT + "/" + namespace + "/../../" + outside.getFileName() + "/centralized", link.toString(),
                ROOT.getParent().toString())) {
            ApiClient.Response refused = api.post("/api/v1/migrations", Map.of("source", source));
            assertThat(refused.status()).as(source).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/forbidden");
            assertThat(refused.json().get("detail").asString()).isEqualTo("Source " + source + " is outside the "
                    + "directories migrations may read (cache.migration.allowed-roots: [" + ROOT + "]).");
        }
        // outside the roots, a missing directory is forbidden too: the answer tells nothing of what exists there
        assertThat(api.post("/api/v1/migrations", Map.of("source", outside + "/nowhere")).status()).isEqualTo(403);
        dev.llmcache.support.SqliteTestDatabase.delete(outside);
    }

    @Test
    void onlyAdminsStartMigrationsAndReadersFollowThem() throws IOException {
        Path source = centralized();

        ApiClient.Response refused = reader.post("/api/v1/migrations", request(source));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(new ApiClient(port).post("/api/v1/migrations", request(source)).status()).isEqualTo(401);

        String id = start(request(source));
        JsonNode ended = awaitEnd(id);
        assertThat(ended.get("startedBy").asString()).as("the token that started it").isEqualTo("migration-admin");
        assertThat(reader.get("/api/v1/migrations/" + id).json().get("progress")).isEqualTo(ended.get("progress"));
    }

    /**
     * Finding 6 end to end: a reason that quotes a file's content is shown whole to an ADMIN, and to a READ token
     * (status and events) only up to its first colon; a reason without content is the same for both.
     */
    @Test
    void failureDetailsAreWholeForAdminsAndWithoutFileContentForReaders() throws Exception {
        Path source = centralized();
        Fixtures.write(source.resolve("0a1b2c3d/cache/security/leaked.json"), "SECRET_TOKEN_hunter2\n");
        String id = start(request(source));

        Map<String, String> admin = failures(source, awaitEnd(id));
        JsonNode read = reader.get("/api/v1/migrations/" + id).json();
        Map<String, String> shownToReader = failures(source, read);

        assertThat(admin.get("0a1b2c3d/cache/security/broken_invalid.json")).isEqualTo("security | invalid JSON at line 3, "
                + "column 11: Unexpected character ('2' (code 50)): was expecting a colon to separate property name and value");
        assertThat(shownToReader.get("0a1b2c3d/cache/security/broken_invalid.json"))
                .isEqualTo("security | invalid JSON at line 3, column 11 (the details are shown to ADMIN tokens)");
        assertThat(admin.get("0a1b2c3d/cache/security/leaked.json")).startsWith("security | invalid JSON at line 1, column ")
                .contains("SECRET_TOKEN_hunter2");
        assertThat(shownToReader.get("0a1b2c3d/cache/security/leaked.json")).startsWith("security | invalid JSON at line 1, "
                + "column ").endsWith(" (the details are shown to ADMIN tokens)");
        assertThat(shownToReader.get("9f8e7d6c/cache/docs/missing_hash.json")).isEqualTo("docs | missing field file_hash")
                .isEqualTo(admin.get("9f8e7d6c/cache/docs/missing_hash.json"));
        assertThat(shownToReader).hasSameSizeAs(admin);
        assertThat(read.toString()).doesNotContain("hunter2");
        assertThat(subscribe(id).toTheEnd()).singleElement().satisfies(event -> assertThat(event).isEqualTo(read));
    }

    @Test
    void theEndOfAMigrationStartedByATokenIsOnTheAuditLog(CapturedOutput output) throws IOException {
        Path source = centralized();
        String id = start(request(source));
        awaitEnd(id);

        assertThat(output.toString().lines().filter(line -> line.contains("dev.llmcache.audit")
                && line.contains("action=migration-end") && line.contains(id))).singleElement()
                .satisfies(line -> assertThat(line).contains(" INFO ").endsWith("action=migration-end token=migration-admin "
                        + "namespace=" + namespace + " asked=\"migration " + id + " of " + source + " (CENTRALIZED)\" "
                        + "outcome=\"SUCCEEDED: 14 files, 5 migrated, 0 skipped, 9 failed\""));
    }

    @Test
    void unknownForeignOrMalformedIdsAreAnsweredAsProblems() throws IOException {
        String id = start(request(centralized()));
        awaitEnd(id);

        ApiClient.Response unknown = reader.get("/api/v1/migrations/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).isEqualTo("/problems/not-found");
        // a migration belongs to the namespace it imports into
        ApiClient.Response foreign = new ApiClient(port).withHeaders("Authorization", "Bearer " + READER_TOKEN,
                "X-Cache-Namespace", "elsewhere").get("/api/v1/migrations/" + id);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("detail").asString()).isEqualTo("No migration " + id + " in namespace elsewhere.");
        ApiClient.Response malformed = reader.get("/api/v1/migrations/not-an-id");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertThat(reader.get("/api/v1/migrations/" + UUID.randomUUID() + "/events").status()).isEqualTo(404);
    }

    @Test
    void progressAdvancesWhileItRunsAndEveryReplicaCanReadIt() throws IOException {
        try (Gate gate = holdBatches(1)) {
            String id = start(request(centralized()));
            gate.awaitHeld(1);

            JsonNode running = reader.get("/api/v1/migrations/" + id).json();
            assertThat(running.get("status").asString()).isEqualTo("RUNNING");
            assertThat(running.get("result").isNull()).isTrue();
            assertThat(running.get("finishedAt").isNull()).isTrue();
            JsonNode progress = running.get("progress");
            assertThat(progress.get("total").asLong()).isEqualTo(14);
            assertThat(done(progress)).isEqualTo(BATCH_SIZE);
            assertThat(progress.get("currentFile").asString()).startsWith(dir.toString()).endsWith(".json");

            // what another replica reads: the table, written by the heartbeat
            Instant deadline = Instant.now().plus(MigrationJobs.HEARTBEAT.multipliedBy(5));
            MigrationProgress stored = repository.find(id).orElseThrow().migration().progress();
            while (stored.done() != BATCH_SIZE && Instant.now().isBefore(deadline)) {
                sleep(50);
                stored = repository.find(id).orElseThrow().migration().progress();
            }
            assertThat(stored).isEqualTo(JSON.treeToValue(progress, MigrationProgress.class));

            gate.close();
            JsonNode ended = awaitEnd(id);
            assertThat(done(ended.get("progress"))).isEqualTo(14);
            assertThat(ended.get("finishedAt").asString()).isEqualTo("2026-11-21T08:15:00Z");
            assertThat(repository.find(id).orElseThrow().migration().status()).isEqualTo(MigrationStatus.SUCCEEDED);
        }
    }

    @Test
    void eventsStreamTheMigrationWhileItRunsAndEndWithTheFinalObject() throws Exception {
        try (Gate gate = holdBatches(1)) {
            String id = start(request(centralized()));
            gate.awaitHeld(1);
            EventStream stream = subscribe(id);
            stream.awaitEvents(1);

            gate.close();
            List<JsonNode> events = stream.toTheEnd();

            assertThat(stream.names).containsOnly("migration");
            assertThat(events.get(0).get("status").asString()).isEqualTo("RUNNING");
            assertThat(done(events.get(0).get("progress"))).isEqualTo(BATCH_SIZE);
            for (int i = 1; i < events.size(); i++) {
                assertThat(done(events.get(i).get("progress"))).isGreaterThanOrEqualTo(done(events.get(i - 1).get("progress")));
            }
            assertThat(events.subList(0, events.size() - 1)).allMatch(e -> e.get("status").asString().equals("RUNNING"));
            JsonNode last = events.get(events.size() - 1);
            assertThat(last.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(last).isEqualTo(reader.get("/api/v1/migrations/" + id).json());
        }
    }

    @Test
    void eventsOfAMigrationThatHasEndedAreTheFinalObjectThenTheEnd() throws Exception {
        String id = start(request(centralized()));
        awaitEnd(id);
        // the stream is read with a READ token: compare with what that token is shown
        JsonNode ended = reader.get("/api/v1/migrations/" + id).json();

        List<JsonNode> events = subscribe(id).toTheEnd();

        assertThat(events).containsExactly(ended);
    }

    @Test
    void migrationsBeyondTheConcurrencyLimitAreRefusedWith429() throws IOException {
        Path source = centralized();
        try (Gate gate = holdBatches(1)) {
            String first = start(request(source));
            String second = start(request(source, "dryRun", false));
            gate.awaitHeld(2);

            ApiClient.Response refused = api.post("/api/v1/migrations", request(source));

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("30");
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/too-many-requests");
            assertThat(refused.json().get("detail").asString()).isEqualTo("This server already runs 2 migrations "
                    + "(cache.migration.max-concurrent); retry when one has ended.");
            gate.close();
            JsonNode a = awaitEnd(first).get("result");
            JsonNode b = awaitEnd(second).get("result");
            // run side by side on the same source, each entry is stored once: by one of them, skipped by the other
            assertThat(a.get("totalMigrated").asLong() + b.get("totalMigrated").asLong()).isEqualTo(5);
            assertThat(a.get("totalSkipped").asLong() + b.get("totalSkipped").asLong()).isEqualTo(5);
        }
        assertThat(migrate(request(source)).get("result").get("totalSkipped").asLong()).isEqualTo(5);
    }

    @Test
    void runningMigrationWhoseProcessStoppedIsReportedFailedOnceItsHeartbeatIsStale() {
        Migration orphan = new Migration(UUID.randomUUID().toString(), namespace, MigrationStatus.RUNNING,
                dir.toString(), LegacyLayout.CENTRALIZED, false, false, false, clock.instant(), null, null,
                new MigrationProgress(100, 40, 2, 8, dir + "/x.json"), null, null);
        repository.insert(orphan, clock.instant());

        clock.advance(MigrationJobs.STALE_AFTER);
        assertThat(reader.get("/api/v1/migrations/" + orphan.id()).json().get("status").asString()).isEqualTo("RUNNING");

        clock.advance(Duration.ofSeconds(1));
        JsonNode failed = reader.get("/api/v1/migrations/" + orphan.id()).json();

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).isEqualTo("interrupted: the process running it stopped (last heard "
                + "from at 2026-11-21T08:15:00Z); run the same migration again to resume, entries already imported are "
                + "skipped");
        assertThat(failed.get("finishedAt").asString()).isEqualTo("2026-11-21T08:16:01Z");
        assertThat(failed.get("progress").get("currentFile").isNull()).isTrue();
        assertThat(failed.get("result").get("totalEntries").asLong()).isEqualTo(50);
        assertThat(failed.get("result").get("totalMigrated").asLong()).isEqualTo(40);
        assertThat(repository.find(orphan.id()).orElseThrow().migration().status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(reader.get("/api/v1/migrations/" + orphan.id()).json()).isEqualTo(failed);
    }

    private void assertInvalid(Map<String, Object> request, String field, String message, String detail) {
        ApiClient.Response refused = api.post("/api/v1/migrations", request);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(refused.json().get("detail").asString()).isEqualTo(detail);
        assertThat(refused.json().get("errors")).hasSize(1);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(refused.json().get("errors").get(0).get("message").asString()).isEqualTo(message);
    }

    private static long done(JsonNode progress) {
        return progress.get("migrated").asLong() + progress.get("failed").asLong() + progress.get("skipped").asLong();
    }

    private EventStream subscribe(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/migrations/" + id
                        + "/events"))
                .header("Authorization", "Bearer " + READER_TOKEN).header("X-Cache-Namespace", namespace)
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return new EventStream(response.body());
    }

    /** The events of one stream, read in the background until the server completes it. */
    private static final class EventStream {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final List<String> names = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> end;

        EventStream(Stream<String> lines) {
            end = CompletableFuture.runAsync(() -> lines.forEach(line -> {
                if (line.startsWith("data:")) {
                    events.add(JSON.readTree(line.substring("data:".length())));
                } else if (line.startsWith("event:")) {
                    names.add(line.substring("event:".length()));
                }
            }));
        }

        void awaitEvents(int count) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (events.size() < count) {
                assertThat(Instant.now()).as("events arrived").isBefore(deadline);
                sleep(10);
            }
        }

        List<JsonNode> toTheEnd() throws Exception {
            end.get(60, TimeUnit.SECONDS);
            return List.copyOf(events);
        }
    }
}
