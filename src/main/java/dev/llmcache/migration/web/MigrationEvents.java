package dev.llmcache.migration.web;

import dev.llmcache.migration.Migration;
import dev.llmcache.migration.MigrationStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams migrations as server-sent events. Each stream looks at its migration every
 * {@link #LOCAL_TICK} (from memory when it runs here) or {@link #REMOTE_TICK} (from the database when
 * another process runs it) and sends it when it has changed: so events are rate-limited by design and a
 * slow migration costs no traffic. Streams are completed when the migration ends, and when the server
 * stops, so they never hold up a graceful shutdown. An idle stream gets a comment every
 * {@link #KEEP_ALIVE}. Time is the scheduler's clock, so tests drive the ticks and the clock together.
 */
@Component
class MigrationEvents implements SmartLifecycle {

    static final String EVENT = "migration";
    static final Duration LOCAL_TICK = Duration.ofMillis(250);
    static final Duration REMOTE_TICK = Duration.ofSeconds(1);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final TaskScheduler ticker;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    MigrationEvents(TaskScheduler ticker) {
        this.ticker = ticker;
    }

    /** One client's stream. */
    private final class Stream {
        final SseEmitter emitter = newEmitter();
        final Supplier<Migration> current;
        Migration sent;
        Instant lastSent = now();
        volatile ScheduledFuture<?> schedule;

        Stream(Supplier<Migration> current) {
            this.current = current;
        }

        synchronized void tick() {
            if (!streams.contains(this)) {
                if (schedule != null) {
                    schedule.cancel(false); // ended between two ticks
                }
                return;
            }
            try {
                Migration latest = current.get();
                if (!latest.equals(sent)) {
                    send(latest);
                } else if (!now().isBefore(lastSent.plus(KEEP_ALIVE))) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastSent = now();
                }
            } catch (IOException | RuntimeException e) {
                end(); // the client went away, or the migration can no longer be read: the client reconnects
            }
        }

        synchronized void send(Migration migration) throws IOException {
            emitter.send(SseEmitter.event().name(EVENT).data(migration, MediaType.APPLICATION_JSON));
            sent = migration;
            lastSent = now();
            if (migration.status() != MigrationStatus.RUNNING) {
                end();
            }
        }

        void end() {
            if (streams.remove(this)) {
                if (schedule != null) {
                    schedule.cancel(false);
                }
                try {
                    emitter.complete();
                } catch (RuntimeException alreadyGone) {
                    // completed by the container (client gone, timeout): nothing left to close
                }
            }
        }
    }

    /**
     * A stream that starts with {@code first} and follows {@code current} until the migration ends.
     *
     * @param local true when this process runs the migration, so it can be watched closely at no cost
     */
    SseEmitter stream(Migration first, Supplier<Migration> current, boolean local) {
        Stream stream = new Stream(current);
        streams.add(stream);
        stream.emitter.onCompletion(stream::end);
        stream.emitter.onTimeout(stream::end);
        stream.emitter.onError(failure -> stream.end());
        try {
            stream.send(first);
        } catch (IOException e) {
            stream.end();
            return stream.emitter;
        }
        if (streams.contains(stream)) {
            Duration period = local ? LOCAL_TICK : REMOTE_TICK;
            stream.schedule = ticker.scheduleWithFixedDelay(stream::tick, now().plus(period), period);
        }
        return stream.emitter;
    }

    /** No timeout: a stream ends with its migration, or its client. Tests override this to see what is sent. */
    SseEmitter newEmitter() {
        return new SseEmitter(0L);
    }

    private Instant now() {
        return ticker.getClock().instant();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Completes every stream: clients reconnect to another replica, or to this one once it is back. */
    @Override
    public void stop() {
        running = false;
        streams.forEach(Stream::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
