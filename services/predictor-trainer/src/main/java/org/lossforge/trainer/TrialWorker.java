package org.lossforge.trainer;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.predictor.SpaceTensors;
import org.lossforge.core.predictor.TrainingDivergedException;
import org.lossforge.core.study.OracleFit;
import org.lossforge.core.study.TrialTrainer;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.TrainingJob;

/**
 * Trains one checked job with core's {@link TrialTrainer} and returns its {@link PredictionSet}.
 *
 * <p>A fit that fails because of its loss and data, a {@link TrainingDivergedException} (NaN or infinite loss) or an
 * {@link IllegalArgumentException} from the loss (e.g. MAPE's lower bound above the smallest error), gives a prediction
 * set with {@code error} set and no scores, as core's study runner records a failed trial; the worker carries on. Any
 * other exception is thrown to the caller.
 *
 * <p>In oracle mode ({@link Oracle}, {@code lossforge.trainer.fit=oracle}, off by default) the fit is core's
 * {@link OracleFit} (the benchmark's train-metric truth plus seeded noise) after an optional simulated fit time;
 * everything around it (decoding, checks, the prediction set, its topic and serde) is the same code path.
 *
 * <p>Thread safe. {@link TrialTrainer} is not, so each thread gets its own trainer per benchmark (kept for the thread's
 * life); the space encodings ({@link SpaceTensors}, read-only arrays) are built once per benchmark and shared.
 */
public final class TrialWorker {

    private final Map<String, SpaceTensors> tensors = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, TrialTrainer>> trainers = ThreadLocal.withInitial(HashMap::new);
    private final Supplier<String> engine;
    private final Clock clock;
    private final Oracle oracle;

    /**
     * The oracle fit's settings: the noise's standard deviation (train-metric units) and a simulated fit time per job,
     * so a load test's kills land mid-job as they would with real fits.
     */
    public record Oracle(double noise, long fitMillis) {
        public Oracle {
            if (!(noise >= 0) || Double.isInfinite(noise) || fitMillis < 0) {
                throw new IllegalArgumentException("oracle noise must be finite and >= 0 and its fit time >= 0, got "
                        + noise + " and " + fitMillis + " ms");
            }
        }
    }

    /**
     * @param engine what trained, e.g. {@code PyTorch 2.5.1 on cpu()} (asked once per prediction set)
     */
    public TrialWorker(Supplier<String> engine, Clock clock) {
        this(engine, clock, null);
    }

    /** @param oracle the oracle fit's settings, or null to fit the job's predictor (the default) */
    public TrialWorker(Supplier<String> engine, Clock clock, Oracle oracle) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.oracle = oracle;
    }

    /** What trains: the engine's description, or the oracle's. */
    public String engine() {
        return oracle != null ? "oracle(noise=" + oracle.noise() + ")" : engine.get();
    }

    public PredictionSet train(TrialInputs in) {
        TrainingJob job = in.job();
        if (oracle != null) {
            return oracle(in);
        }
        TrialTrainer trainer = trainer(in.benchmark());
        long t0 = System.nanoTime();
        try {
            TrialTrainer.Result r = trainer.train(job.getDataset(), job.getTrainMetric(), in.loss(), in.set(), in.config());
            return PredictionSets.ok(job, r, millisSince(t0), engine.get(), Instant.now(clock));
        } catch (TrainingDivergedException | IllegalArgumentException e) {
            String error = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            return PredictionSets.failed(job, error, millisSince(t0), engine.get(), Instant.now(clock));
        }
    }

    private PredictionSet oracle(TrialInputs in) {
        TrainingJob job = in.job();
        long t0 = System.nanoTime();
        if (oracle.fitMillis() > 0) {
            try {
                Thread.sleep(oracle.fitMillis());   // the simulated fit time of a load test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while simulating a fit", e);
            }
        }
        TrialTrainer.Result r = OracleFit.fit(in.benchmark(), job.getDataset(), job.getTrainMetric(), job.getLoss(),
                job.getSeed(), oracle.noise());
        return PredictionSets.ok(job, r, millisSince(t0), engine(), Instant.now(clock));
    }

    /** This thread's trainer of a benchmark. */
    TrialTrainer trainer(Benchmark b) {
        return trainers.get().computeIfAbsent(b.name(),
                name -> new TrialTrainer(b, tensors.computeIfAbsent(name, n -> SpaceTensors.of(b))));
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
