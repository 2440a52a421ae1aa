package org.lossforge.trainer.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.search.Proposal;
import org.lossforge.core.search.SearchConfig;
import org.lossforge.core.search.SearchSpace;
import org.lossforge.core.search.SearchState;
import org.lossforge.core.search.SearchStep;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.ArchResult;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.SearchProgress;
import org.lossforge.schemas.SearchRequested;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.TransientFailureException;

/**
 * The search controller's loop, plain Java over three ports: {@link Port#latest} (the run's last
 * {@link SearchProgress}, from the compacted lossforge.search-state.v1), {@link Port#answer} (an
 * {@link ArchResult} already on lossforge.arch-results.v1, or after asking with an {@link ArchQuery}) and
 * {@link Port#save} (a new SearchProgress, acknowledged by Kafka before the next round).
 *
 * <p>A run resumes from its last saved state; core's {@link SearchStep} is a function of the state, so a restarted
 * controller proposes the same round again and finds its answer on the results topic instead of asking again: no
 * architecture is queried twice and the run ends with exactly its budget.
 */
public final class SearchRuns {

    /** What the loop needs from Kafka. */
    public interface Port {
        /** The run's latest saved progress, or null. */
        SearchProgress latest(String runId);

        /** The answer of (run, round): the one already published, else ask with {@code query} and wait for it. */
        ArchResult answer(ArchQuery query, Duration within);

        /** Publishes the progress and waits for Kafka's acknowledgement. */
        void save(String runId, SearchProgress progress);
    }

    /** Thrown when the controller is shutting down: the run stops between rounds and resumes after a restart. */
    public static final class Stopped extends RuntimeException {
        public Stopped(String runId, int round) {
            super("stopped before round " + round + " of " + runId + " (shutting down); it resumes from there");
        }
    }

    private final Function<String, Benchmark> benchmarks;
    private final Clock clock;
    private final Duration answerTimeout;
    private final Map<String, SearchStep> steps = new HashMap<>();

    public SearchRuns(Clock clock, Duration answerTimeout) {
        this(Benchmarks::get, clock, answerTimeout);
    }

    public SearchRuns(Function<String, Benchmark> benchmarks, Clock clock, Duration answerTimeout) {
        this.benchmarks = Objects.requireNonNull(benchmarks);
        this.clock = Objects.requireNonNull(clock);
        this.answerTimeout = Objects.requireNonNull(answerTimeout);
    }

    /** The run's configuration; throws {@link InvalidRecordException} (the dead letter's reason) when it has none. */
    public SearchConfig config(SearchRequested r) {
        try {
            Keys.study(r.getRunId());
            Keys.study(r.getSearchId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_SEARCH", e.getMessage());
        }
        if (r.getRunIndex() < 0) {
            throw new InvalidRecordException("INVALID_SEARCH", "runIndex must be >= 0, got " + r.getRunIndex());
        }
        String bench = r.getSettings().get("benchmark");
        if (bench == null || !Benchmarks.NAMES.contains(bench)) {
            throw new InvalidRecordException("UNKNOWN_BENCHMARK", "no benchmark '" + bench + "' (known: "
                    + String.join(", ", Benchmarks.NAMES) + ")");
        }
        Benchmark b = benchmark(bench);
        try {
            SearchConfig c = SearchConfig.fromMap(r.getSettings(), b);
            if (!b.datasets().contains(c.dataset())) {
                throw new IllegalArgumentException("benchmark " + b.name() + " has no dataset '" + c.dataset() + "'");
            }
            new SearchSpace(b).validate(c);
            return c;
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_SEARCH", e.getMessage(), e);
        }
    }

    /** Runs (or resumes) one search to the end of its budget; returns its final state. */
    public SearchState run(SearchRequested r, SearchConfig c, Port port) {
        return run(r, c, port, () -> false);
    }

    /**
     * As {@link #run(SearchRequested, SearchConfig, Port)}, checking {@code stopping} before every round: when it
     * is true the run stops with {@link Stopped} (its saved state is where a restart resumes).
     */
    public SearchState run(SearchRequested r, SearchConfig c, Port port, java.util.function.BooleanSupplier stopping) {
        SearchProgress last = port.latest(r.getRunId());
        SearchState s = last == null ? SearchState.start(c, r.getSeed()) : SearchState.parse(last.getState());
        if (!s.config().equals(c) || s.seed() != r.getSeed()) {
            throw new InvalidRecordException("RUN_ID_REUSED", "run " + r.getRunId() + " was started with other settings"
                    + " or another seed; use a new runId");
        }
        SearchStep step = step(c.benchmark());
        while (!s.done()) {
            if (stopping.getAsBoolean()) {
                throw new Stopped(r.getRunId(), s.round());
            }
            Proposal p = step.step(s);
            ArchQuery q = ArchQuery.newBuilder().setRunId(r.getRunId()).setSearchId(r.getSearchId())
                    .setRunIndex(r.getRunIndex()).setSeed(r.getSeed()).setMethod(c.method().id())
                    .setBenchmark(c.benchmark()).setDataset(c.dataset()).setTrainMetric(c.trainMetric())
                    .setEvalMetric(c.evalMetric()).setRound(s.round()).setPrevious(ints(s.queried()))
                    .setQueries(ints(p.queries())).setRequestedAt(now()).build();
            ArchResult a = port.answer(q, answerTimeout);
            if (!a.getQueries().equals(q.getQueries()) || a.getValues().size() != q.getQueries().size()) {
                throw new IllegalStateException("the answer of " + r.getRunId() + " round " + s.round() + " is for "
                        + a.getQueries() + ", not " + q.getQueries());
            }
            s = s.advance(p, a.getValues().stream().mapToDouble(Double::doubleValue).toArray());
            port.save(r.getRunId(), SearchProgress.newBuilder().setRunId(r.getRunId()).setSearchId(r.getSearchId())
                    .setRunIndex(r.getRunIndex()).setRound(s.round()).setQueried(s.size()).setBudget(c.budget())
                    .setDone(s.done()).setState(s.toText()).setUpdatedAt(now()).build());
        }
        return s;
    }

    private synchronized SearchStep step(String benchmark) {
        return steps.computeIfAbsent(benchmark, name -> new SearchStep(new SearchSpace(benchmark(name)), false));
    }

    private Benchmark benchmark(String name) {
        try {
            return benchmarks.apply(name);
        } catch (RuntimeException e) {
            throw new TransientFailureException("cannot load benchmark " + name + ": " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<Integer> ints(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}
