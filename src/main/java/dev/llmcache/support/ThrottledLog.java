package dev.llmcache.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning that is logged at most once per period, with the number of occurrences it stood for,
 * so that a database outage under load writes a few lines rather than one per request; and, when
 * the trouble is over, one line that says so. The one helper for repeated warnings.
 */
public final class ThrottledLog {

    private final Logger log;
    private final long periodNanos;
    private final LongSupplier ticker;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();

    public ThrottledLog(Logger log, Duration period) {
        this(log, period, System::nanoTime);
    }

    /** With a nanosecond ticker of the test's choosing. */
    ThrottledLog(Logger log, Duration period, LongSupplier ticker) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.ticker = ticker;
    }

    /** Logs {@code message} (an SLF4J format) unless one was logged within the period. */
    public void warn(String message, Object... arguments) {
        failing.set(true);
        long now = ticker.getAsLong();
        long allowed = nextAllowed.get();
        if ((allowed != Long.MIN_VALUE && now - allowed < 0) || !nextAllowed.compareAndSet(allowed, now + periodNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long others = suppressed.getAndSet(0);
        if (others > 0) {
            log.warn(message + " (and {} more like it since the last report)", append(arguments, others));
        } else {
            log.warn(message, arguments);
        }
    }

    /** Logs at INFO that the trouble is over, once, and only after a warning; the next warning is logged at once. */
    public void recovered(String message, Object... arguments) {
        if (failing.getAndSet(false)) {
            nextAllowed.set(Long.MIN_VALUE);
            suppressed.set(0);
            log.info(message, arguments);
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }
}
