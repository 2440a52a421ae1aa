package org.lossforge.trainer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.lossforge.schemas.PredictionSet;

/**
 * A deadline on every fit ({@code lossforge.trainer.job-deadline}): a job whose fit runs longer is failed explicitly,
 * never dropped and never left hanging. The trial gets a prediction set with {@code error}
 * {@code DEADLINE_EXCEEDED: …} (the evaluator turns it into a FAILED evaluation, the leaderboard counts it as failed),
 * the input is acknowledged as for any output, and the fit's thread is interrupted.
 *
 * <p>A fit that ignores the interrupt (a native libtorch call that never returns) still holds a thread and maybe the
 * JVM's autograd lock; once such a fit outlives the grace period after its deadline, {@link #stuck()} counts it and
 * {@link StuckFitCheck} turns liveness DOWN, so the orchestrator restarts the process (uncommitted jobs are then
 * trained again, elsewhere or after the restart).
 *
 * <p>A deadline of zero turns the whole thing off (the fit runs on the caller's thread).
 */
public final class FitDeadline implements AutoCloseable {

    public static final String REASON = "DEADLINE_EXCEEDED";

    /** A fit: a job's prediction set ({@link TrialWorker#train}). */
    @FunctionalInterface
    public interface Fit {
        PredictionSet train(TrialInputs in);
    }

    private final Fit worker;
    private final java.util.function.Supplier<String> engine;
    private final Duration deadline;
    private final Duration grace;
    private final Clock clock;
    private final ExecutorService fits;
    private final Set<Overdue> overdue = ConcurrentHashMap.newKeySet();

    private record Overdue(String trialId, Instant cancelledAt, AtomicBoolean done) {
    }

    public FitDeadline(TrialWorker worker, Duration deadline, Duration grace, Clock clock) {
        this(worker::train, worker::engine, deadline, grace, clock);
    }

    /** @param engine what trains, for the failed prediction set's {@code engine} */
    public FitDeadline(Fit worker, java.util.function.Supplier<String> engine, Duration deadline, Duration grace,
                       Clock clock) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (deadline.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("the job deadline and its grace period must be >= 0");
        }
        AtomicInteger n = new AtomicInteger();
        this.fits = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lossforge-fit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The job's prediction set: the worker's, or a failed one when the fit outran the deadline. */
    public PredictionSet train(TrialInputs in) {
        if (deadline.isZero()) {
            return worker.train(in);
        }
        AtomicBoolean done = new AtomicBoolean();
        long t0 = System.nanoTime();
        Future<PredictionSet> fit = fits.submit(() -> {
            try {
                return worker.train(in);
            } finally {
                done.set(true);
            }
        });
        try {
            return fit.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fit.cancel(true);
            if (!done.get()) {
                overdue.add(new Overdue(in.job().getTrialId(), clock.instant(), done));
            }
            return PredictionSets.failed(in.job(), REASON + ": the fit ran longer than the job deadline " + deadline
                    + " (lossforge.trainer.job-deadline); interrupted", (System.nanoTime() - t0) / 1_000_000,
                    engine.get(), clock.instant());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            fit.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a fit", e);
        }
    }

    /**
     * Fits cancelled at their deadline that still run more than the grace period later (their trial ids); finished
     * ones are forgotten.
     */
    public Set<String> stuck() {
        overdue.removeIf(o -> o.done().get());
        Instant limit = clock.instant().minus(grace);
        Set<String> ids = new java.util.TreeSet<>();
        for (Overdue o : overdue) {
            if (o.cancelledAt().isBefore(limit)) {
                ids.add(o.trialId());
            }
        }
        return ids;
    }

    public Duration deadline() {
        return deadline;
    }

    @Override
    public void close() {
        fits.shutdownNow();
    }
}
