package dev.llmcache.lookup.web;

import dev.llmcache.lookup.LookupAnswer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Carries a lookup's answer to its request. Most lookups are answered before the handler returns (a
 * hit, a plain miss, a lease granted): the handler then returns the answer itself. Only a lookup that
 * parks on another client's lease gets a {@link DeferredResult}, because an asynchronous request is
 * dispatched a second time through the whole filter chain, security included: a cost a hit should
 * not pay. Guarded by {@code this}: the sink may be called from a wake-up thread while the handler
 * is still deciding what to return.
 */
final class LookupReply implements LookupAnswer.Sink {

    private final Function<LookupAnswer, ResponseEntity<?>> hitOrMiss;
    /** The answer given before the handler returned: a response or a failure (guarded by this). */
    private Object early;
    /** The result the handler returned when no answer had come yet (guarded by this). */
    private DeferredResult<ResponseEntity<?>> deferred;

    /** @param hitOrMiss renders an answer: the entry of a hit, or the problem of a miss */
    LookupReply(Function<LookupAnswer, ResponseEntity<?>> hitOrMiss) {
        this.hitOrMiss = hitOrMiss;
    }

    @Override
    public void answer(LookupAnswer answer) {
        Object outcome;
        try {
            outcome = hitOrMiss.apply(answer);
        } catch (RuntimeException problem) {
            outcome = problem;
        }
        deliver(outcome);
    }

    @Override
    public void fail(RuntimeException failure) {
        deliver(failure);
    }

    /**
     * What the handler returns: the response when the lookup was answered already (a failure is
     * thrown, for the advice to answer), else a new deferred result that the answer will complete.
     */
    synchronized Object handlerResult(Supplier<DeferredResult<ResponseEntity<?>>> waiting) {
        if (early instanceof RuntimeException failure) {
            throw failure;
        }
        if (early != null) {
            return early;
        }
        deferred = waiting.get();
        return deferred;
    }

    private synchronized void deliver(Object outcome) {
        if (deferred == null) {
            early = outcome;
        } else if (outcome instanceof RuntimeException failure) {
            deferred.setErrorResult(failure);
        } else {
            deferred.setResult((ResponseEntity<?>) outcome);
        }
    }
}
