package org.lossforge.trainer.nlfs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.lossforge.core.classify.EngineThreads;
import org.lossforge.core.classify.ImageData;
import org.lossforge.core.classify.Surrogate;
import org.lossforge.core.classify.SurrogateConfig;
import org.lossforge.core.classify.SurrogateResult;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.TransientFailureException;

/**
 * Trains one checked surrogate job with core's {@link Surrogate} and returns its {@link SurrogateResult}.
 *
 * <p>Failures of the candidate (a NaN or infinite loss, a failed precheck, a loss or engine that throws) are results,
 * never exceptions ({@link Surrogate#evaluate}); any {@link RuntimeException} that still escapes is turned into an
 * {@code ERROR} result here, so a bad candidate fails its job and never the worker.
 *
 * <p><b>Surrogates are cached</b> per {@link SurrogateConfig} (a record: equal settings, one surrogate), at most
 * {@value #CACHE_SIZE}, least recently used evicted: building one splits the image set (and the first one of a data
 * set decodes it, {@link ImageData#get}, cached per JVM). {@link Surrogate} is thread safe (final, immutable fields;
 * every evaluation has its own native memory; core's class comment), so one cache serves every worker thread.
 *
 * <p><b>Threads.</b> Each training runs with {@code threads} PyTorch intra-op threads (default 1): on our shared 2-core
 * machines PyTorch's default of 2 OpenMP threads made the surrogate's convolutions 13–58× slower
 * (core/.../classify/DESIGN.md "Threads"). The count is set on the training thread before each evaluation and the
 * previous count restored after, because {@code torch.set_num_threads} also sets the process default that threads
 * started later inherit, and the predictor jobs keep theirs (their numbers must stay those of {@code ./lossforge
 * study}). Results depend slightly on the thread count (reduction order): compare fitnesses made with the same count.
 */
public final class SurrogateWorker {

    /** Surrogates kept (one per distinct run settings); each holds its training and validation images. */
    public static final int CACHE_SIZE = 4;

    private final int threads;
    private final Function<SurrogateConfig, Surrogate> factory;
    private final Map<SurrogateConfig, Surrogate> cache = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SurrogateConfig, Surrogate> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** @param threads PyTorch intra-op threads per training (≥ 1) */
    public SurrogateWorker(int threads) {
        this(threads, SurrogateWorker::build);
    }

    SurrogateWorker(int threads, Function<SurrogateConfig, Surrogate> factory) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public int threads() {
        return threads;
    }

    /** Trains the job's loss with its seed on the run's surrogate. */
    public SurrogateResult train(SurrogateInputs in) {
        Surrogate s = surrogate(in.config().surrogate());
        long t0 = System.nanoTime();
        int before = EngineThreads.get();
        boolean change = before > 0 && before != threads;
        if (change) {
            EngineThreads.set(threads);
        }
        try {
            return s.evaluate(in.loss().loss(), in.job().getSeed());
        } catch (RuntimeException e) {   // Surrogate.evaluate catches these itself; a bug here must not stop the worker
            return new SurrogateResult(SurrogateResult.Status.ERROR, "the surrogate threw " + e, Double.NaN, -1,
                    new double[0], new double[0], new double[0], false, 0, (System.nanoTime() - t0) / 1e9);
        } finally {
            if (change) {
                EngineThreads.set(before);
            }
        }
    }

    /**
     * The cached surrogate of a configuration, built on first use.
     *
     * @throws InvalidRecordException     {@code BAD_NLFS_SETTINGS} when core cannot build it from these settings (e.g.
     *                                    more training images than stored)
     * @throws TransientFailureException when the image data cannot be read (not the job's fault)
     */
    public Surrogate surrogate(SurrogateConfig c) {
        synchronized (cache) {
            Surrogate s = cache.get(c);
            if (s == null) {
                s = factory.apply(c);
                cache.put(c, s);
            }
            return s;
        }
    }

    /** Number of surrogates cached now. */
    int cached() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private static Surrogate build(SurrogateConfig c) {
        ImageData.Dataset data;
        try {
            data = ImageData.get(c.data().dataset());
        } catch (RuntimeException e) {
            throw new TransientFailureException("cannot load image data set " + c.data().dataset() + ": " + e.getMessage(), e);
        }
        try {
            return new Surrogate(c, data);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("BAD_NLFS_SETTINGS", "cannot build the surrogate: " + e.getMessage(), e);
        }
    }
}
