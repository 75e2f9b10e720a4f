package dev.llmcache.compression;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The dictionary job's log: a line every few seconds while a kind's frames are re-compressed (a
 * migrated cache has all of its frames to do), and one when a kind is done.
 */
@Component
class JobProgress {

    private static final Logger log = LoggerFactory.getLogger(DictionaryJob.class);
    private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final DictionaryRepository repository;

    JobProgress(DictionaryRepository repository) {
        this.repository = repository;
    }

    /** "namespace X, cache type Y", for the log. */
    String describe(Kind kind) {
        return repository.kindNames(kind);
    }

    Tracker start(Kind kind) {
        return new Tracker(describe(kind), System.nanoTime());
    }

    /** Progress of one kind's re-compression. */
    final class Tracker implements Recompressor.Progress {

        private final String kind;
        private final long started;
        private long lastLogged;

        private Tracker(String kind, long started) {
            this.kind = kind;
            this.started = started;
            this.lastLogged = started;
        }

        @Override
        public void batchDone(long rewritten, long bytesBefore, long bytesAfter) {
            long now = System.nanoTime();
            if (now - lastLogged >= EVERY_NANOS) {
                lastLogged = now;
                log.info("Re-compressing {} with its dictionary: {} frames so far, {} -> {} bytes", kind, rewritten,
                        bytesBefore, bytesAfter);
            }
        }

        void done(Recompressor.Pass pass) {
            if (pass.rewritten() > 0 || pass.interrupted()) {
                log.info("Re-compressed {} frames of {} with its dictionary in {} ms: {} -> {} bytes{}", pass.rewritten(),
                        kind, (System.nanoTime() - started) / 1_000_000, pass.bytesBefore(), pass.bytesAfter(),
                        pass.interrupted() ? " (interrupted; the next run goes on)" : "");
            }
        }
    }
}
