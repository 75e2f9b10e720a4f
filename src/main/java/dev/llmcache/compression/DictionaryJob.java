package dev.llmcache.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One run of the dictionary job: reads which dictionaries are current (another replica may have
 * trained some), then, holding the cross-replica lock so that one replica does the work, trains the
 * kinds that need a dictionary and re-compresses the frames of each kind that its current dictionary
 * did not compress. A kind needs one when it holds at least min-samples entries and has none, or
 * holds retrain-growth times the entries it held when its current one was trained.
 */
@Component
public class DictionaryJob {

    private static final Logger log = LoggerFactory.getLogger(DictionaryJob.class);

    /** What a run did. */
    public record Run(int trained, long rewritten, long bytesBefore, long bytesAfter, boolean skipped) {
    }

    private final Dictionaries dictionaries;
    private final DictionaryRepository repository;
    private final DictionaryTrainer trainer;
    private final Recompressor recompressor;
    private final DictionaryLock lock;
    private final DictionaryProperties properties;
    private final JobProgress progress;

    DictionaryJob(Dictionaries dictionaries, DictionaryRepository repository, DictionaryTrainer trainer,
            Recompressor recompressor, DictionaryLock lock, DictionaryProperties properties, JobProgress progress) {
        this.dictionaries = dictionaries;
        this.repository = repository;
        this.trainer = trainer;
        this.recompressor = recompressor;
        this.lock = lock;
        this.properties = properties;
        this.progress = progress;
    }

    /** Runs once; skipped (and says so) when another run holds the lock, here or on another replica. */
    public Run runOnce() {
        dictionaries.refresh();
        if (!properties.enabled()) {
            return new Run(0, 0, 0, 0, true);
        }
        Optional<Run> run = lock.runIfFree(this::trainAndRecompress);
        if (run.isEmpty()) {
            log.debug("Dictionary job skipped: a run is in progress, here or on another replica");
        }
        return run.orElse(new Run(0, 0, 0, 0, true));
    }

    /**
     * Trains the kinds that need a dictionary, without re-compressing: the migration calls it after each
     * batch, so that the rest of a large import is compressed with its kind's dictionary from the start.
     * Never throws (a failure is logged: the import goes on without); 0 when the lock was taken.
     */
    public int trainDue() {
        if (!properties.enabled()) {
            return 0;
        }
        try {
            // checked before the lock: taking it writes, and most batches find nothing to train
            return kindsToTrain().isEmpty() ? 0 : lock.runIfFree(this::train).orElse(0);
        } catch (RuntimeException e) {
            log.warn("Could not train zstd dictionaries: {}", e.getMessage());
            return 0;
        }
    }

    private Run trainAndRecompress() {
        int trained = train();
        long rewritten = 0;
        long before = 0;
        long after = 0;
        for (Map.Entry<Kind, DictionaryRepository.Header> current : dictionaries.currentHeaders().entrySet()) {
            Optional<Dictionaries.Current> dictionary = recompressor.dictionaryFor(current.getKey());
            if (dictionary.isEmpty()) {
                continue;
            }
            JobProgress.Tracker tracker = progress.start(current.getKey());
            Recompressor.Pass pass = recompressor.recompress(current.getKey(), dictionary.get(), tracker);
            tracker.done(pass);
            rewritten += pass.rewritten();
            before += pass.bytesBefore();
            after += pass.bytesAfter();
            if (pass.interrupted()) {
                break;
            }
        }
        return new Run(trained, rewritten, before, after, false);
    }

    private int train() {
        int trained = 0;
        for (DictionaryRepository.KindSize kind : kindsToTrain()) {
            long started = System.nanoTime();
            Optional<Dictionary> dictionary = trainer.train(kind.kind(), kind.entries());
            if (dictionary.isPresent()) {
                trained++;
                log.info("Trained zstd dictionary {} ({} bytes) for {} on {} results in {} ms", dictionary.get().id(),
                        dictionary.get().bytes().length, progress.describe(kind.kind()), dictionary.get().samples(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
        if (trained > 0) {
            dictionaries.refresh();
        }
        return trained;
    }

    private List<DictionaryRepository.KindSize> kindsToTrain() {
        Map<Kind, DictionaryRepository.Header> current = dictionaries.currentHeaders();
        List<DictionaryRepository.KindSize> due = new ArrayList<>();
        for (DictionaryRepository.KindSize kind : repository.kindSizes()) {
            DictionaryRepository.Header header = current.get(kind.kind());
            boolean needed = header == null ? kind.entries() >= properties.minSamples()
                    : kind.entries() >= properties.retrainGrowth() * header.kindEntries();
            if (needed) {
                due.add(kind);
            }
        }
        return due;
    }
}
