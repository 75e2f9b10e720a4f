package dev.llmcache.migration.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcache.migration.LegacyLayout;
import dev.llmcache.migration.Migration;
import dev.llmcache.migration.MigrationProgress;
import dev.llmcache.migration.MigrationStatus;
import dev.llmcache.support.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The pace of the migration event streams, without a server and without sleeps: a fake scheduler runs the
 * stream's task at the times it was asked for, moving a {@link MutableClock}, and the emitter records what
 * it is given to send.
 */
class MigrationEventsTests {

    private final MutableClock clock = new MutableClock();
    private final Instant start = clock.instant();
    private final FakeScheduler ticker = new FakeScheduler();
    private final List<Sent> sent = new ArrayList<>();
    private boolean completed;

    private final MigrationEvents events = new MigrationEvents(ticker) {
        @Override
        SseEmitter newEmitter() {
            return new RecordingEmitter();
        }
    };

    @Test
    void aMigrationThatChangesAtEveryLookIsSentAtMostFourTimesASecond() {
        AtomicLong done = new AtomicLong();
        events.stream(running(0), () -> running(done.incrementAndGet()), true);

        ticker.runUntil(start.plusSeconds(10));

        List<Instant> times = sent.stream().filter(Sent::isEvent).map(Sent::at).toList();
        assertThat(times).as("the changes are followed").hasSizeGreaterThanOrEqualTo(10);
        for (Instant from : times) {
            long inOneSecond = times.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(1))).count();
            assertThat(inOneSecond).as("events in the second from %s", from).isLessThanOrEqualTo(4);
        }
        assertThat(sent).noneMatch(Sent::isComment);
    }

    @Test
    void anUnchangedMigrationGetsAKeepAliveCommentAfterFifteenSecondsAndNotBefore() {
        Migration unchanged = running(3);
        events.stream(unchanged, () -> unchanged, true);

        ticker.runUntil(start.plus(Duration.ofSeconds(15).minusMillis(1)));
        assertThat(sent).hasSize(1).allMatch(Sent::isEvent);

        ticker.runUntil(start.plusSeconds(15));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(new Sent(start.plusSeconds(15), ":keep-alive"));

        ticker.runUntil(start.plus(Duration.ofSeconds(30).minusMillis(1)));
        assertThat(sent).hasSize(2);
        ticker.runUntil(start.plusSeconds(30));
        assertThat(sent).hasSize(3).last().isEqualTo(new Sent(start.plusSeconds(30), ":keep-alive"));
    }

    @Test
    void theFifteenSecondsCountFromTheLastEvent() {
        Migration[] current = {running(0)};
        events.stream(current[0], () -> current[0], true);
        ticker.runUntil(start.plusSeconds(5).minusMillis(1));
        current[0] = running(1);

        ticker.runUntil(start.plusSeconds(20).minusMillis(1));
        assertThat(sent).hasSize(2).allMatch(Sent::isEvent);
        ticker.runUntil(start.plusSeconds(20));
        assertThat(sent).hasSize(3).last().isEqualTo(new Sent(start.plusSeconds(20), ":keep-alive"));
    }

    @Test
    void theStreamEndsAfterTheFinalEvent() {
        Migration[] current = {running(0)};
        events.stream(current[0], () -> current[0], true);
        ticker.runUntil(start.plusSeconds(1));
        Migration succeeded = ended(running(0));
        current[0] = succeeded;

        ticker.runUntil(start.plusSeconds(60));

        assertThat(sent).hasSize(2).last().isEqualTo(new Sent(start.plusSeconds(1).plus(MigrationEvents.LOCAL_TICK), succeeded));
        assertThat(completed).isTrue();
        assertThat(ticker.cancelled).isTrue();
    }

    @Test
    void aMigrationThatHasAlreadyEndedIsSentOnceAndTheStreamEnds() {
        Migration failed = ended(running(2));
        events.stream(failed, () -> failed, false);

        assertThat(sent).containsExactly(new Sent(start, failed));
        assertThat(completed).isTrue();
        assertThat(ticker.task).as("nothing scheduled").isNull();
    }

    private static Migration running(long migrated) {
        return new Migration("id", "default", MigrationStatus.RUNNING, "/legacy", LegacyLayout.CENTRALIZED, false, false,
                false, MutableClock.START, null, null, new MigrationProgress(100, migrated, 0, 0, null), null, null);
    }

    private static Migration ended(Migration m) {
        return new Migration(m.id(), m.namespace(), MigrationStatus.SUCCEEDED, m.source(), m.layout(), m.dryRun(),
                m.backup(), m.verify(), m.startedAt(), MutableClock.START, null, m.progress(), null, m.startedBy());
    }

    /** What was sent and when: a {@link Migration} for an event, the text for a comment. */
    private record Sent(Instant at, Object what) {
        boolean isEvent() {
            return what instanceof Migration;
        }

        boolean isComment() {
            return what instanceof String text && text.startsWith(":");
        }
    }

    private final class RecordingEmitter extends SseEmitter {
        @Override
        public void send(SseEventBuilder event) {
            List<Object> parts = event.build().stream().map(DataWithMediaType::getData).toList();
            Object migration = parts.stream().filter(Migration.class::isInstance).findFirst().orElse(null);
            sent.add(new Sent(clock.instant(), migration != null ? migration
                    : parts.stream().map(String::valueOf).collect(Collectors.joining()).strip()));
        }

        @Override
        public void complete() {
            completed = true;
            super.complete();
        }
    }

    /** Runs the one task scheduled with a fixed delay at the times it asked for, moving the clock to each. */
    private final class FakeScheduler implements TaskScheduler {
        Runnable task;
        Instant next;
        Duration period;
        boolean cancelled;

        @Override
        public Clock getClock() {
            return clock;
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
            assertThat(this.task).as("one task").isNull();
            this.task = task;
            this.next = startTime;
            this.period = delay;
            return new Cancellable();
        }

        void runUntil(Instant end) {
            while (task != null && !cancelled && !next.isAfter(end)) {
                clock.set(next);
                task.run();
                next = clock.instant().plus(period); // fixed delay: from the end of the run
            }
            clock.set(end);
        }

        private final class Cancellable implements ScheduledFuture<Object> {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancelled = true;
                return true;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }

            @Override
            public boolean isDone() {
                return cancelled;
            }

            @Override
            public long getDelay(TimeUnit unit) {
                return unit.convert(Duration.between(clock.instant(), next));
            }

            @Override
            public int compareTo(Delayed other) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object get() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object get(long timeout, TimeUnit unit) {
                throw new UnsupportedOperationException();
            }
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
            throw new UnsupportedOperationException();
        }
    }
}
