package org.lossforge.evaluator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.search.Outcome;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.ArchResult;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.services.common.InvalidRecordException;

/**
 * Answers a search round's {@link ArchQuery} from the benchmark truth (which stands for training the architectures):
 * the train-metric value of each queried architecture ({@link ArchResult}), and the run's progress as an
 * {@link Evaluation} for the ranker: after q = |previous| + |queries| queries, the error of the best-by-validation
 * architecture among them (ties to the earlier query, as core's {@code SearchState.bestPosition}), reported with the
 * eval metric. The progress evaluation's configuration is (searchId, benchmark, dataset, trainSize = q, loss = method)
 * and its seed index the run index, so the ranker's leaderboard of a search group holds, per method and per q, the
 * mean ± CI of the best error over runs: the search curve. Plain Java.
 *
 * <p>Refused (dead letter): {@code INVALID_QUERY} (bad ids, an empty query, an architecture out of range, repeated
 * or already in previous), {@code UNKNOWN_BENCHMARK}, {@code UNKNOWN_DATASET}, {@code UNKNOWN_METRIC}.
 */
public final class SearchAnswerer {

    /** The answer of one query. */
    public record Answer(ArchResult result, Evaluation progress) {
    }

    private final Function<String, Benchmark> benchmarks;
    private final Clock clock;

    public SearchAnswerer(Clock clock) {
        this(Benchmarks::get, clock);
    }

    public SearchAnswerer(Function<String, Benchmark> benchmarks, Clock clock) {
        this.benchmarks = Objects.requireNonNull(benchmarks);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Key of lossforge.arch-results.v1: {@code runId/round}. */
    public static String resultKey(ArchResult r) {
        return r.getRunId() + "/" + r.getRound();
    }

    public Answer answer(ArchQuery q) {
        String progressKey;
        try {
            Keys.study(q.getRunId());
            progressKey = Keys.config(q.getSearchId(), q.getBenchmark(), q.getDataset(), 1, q.getMethod());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_QUERY", e.getMessage());
        }
        Objects.requireNonNull(progressKey);
        Benchmark b = benchmark(q.getBenchmark());
        if (!b.datasets().contains(q.getDataset())) {
            throw new InvalidRecordException("UNKNOWN_DATASET", "benchmark " + b.name() + " has no dataset '"
                    + q.getDataset() + "' (known: " + String.join(", ", b.datasets()) + ")");
        }
        for (String m : List.of(q.getTrainMetric(), q.getEvalMetric())) {
            if (!b.metrics(q.getDataset()).contains(m)) {
                throw new InvalidRecordException("UNKNOWN_METRIC", b.name() + "/" + q.getDataset() + " has no metric '"
                        + m + "' (known: " + String.join(", ", b.metrics(q.getDataset())) + ")");
            }
        }
        if (q.getQueries().isEmpty() || q.getRound() < 0) {
            throw new InvalidRecordException("INVALID_QUERY", "round " + q.getRound() + " of run " + q.getRunId()
                    + " asks for no architecture");
        }
        List<Integer> all = new ArrayList<>(q.getPrevious());
        all.addAll(q.getQueries());
        Set<Integer> seen = new HashSet<>();
        for (int a : all) {
            if (a < 0 || a >= b.size()) {
                throw new InvalidRecordException("INVALID_QUERY", "architecture " + a + " is outside " + b.name()
                        + " (0.." + (b.size() - 1) + ")");
            }
            if (!seen.add(a)) {
                throw new InvalidRecordException("INVALID_QUERY", "architecture " + a + " is queried twice in run "
                        + q.getRunId());
            }
        }
        List<Double> values = new ArrayList<>(q.getQueries().size());
        for (int a : q.getQueries()) {
            values.add(b.truth(a, q.getDataset(), q.getTrainMetric()));
        }
        int best = all.get(0);
        double bestVal = b.truth(best, q.getDataset(), q.getTrainMetric());
        for (int a : all) {
            double v = b.truth(a, q.getDataset(), q.getTrainMetric());
            if (v > bestVal) {   // strictly better: ties go to the earlier query
                best = a;
                bestVal = v;
            }
        }
        double eval = b.truth(best, q.getDataset(), q.getEvalMetric());
        double error = Outcome.isPercent(b, q.getDataset(), q.getEvalMetric()) ? 100.0 - eval : 100.0 * (1.0 - eval);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        int size = all.size();
        ArchResult result = ArchResult.newBuilder().setRunId(q.getRunId()).setRound(q.getRound())
                .setQueries(q.getQueries()).setValues(values).setAnsweredAt(now).build();
        double nan = Double.NaN;
        Evaluation progress = Evaluation.newBuilder()
                .setTrialId(q.getRunId() + "@" + size).setStudyId(q.getSearchId()).setBenchmark(b.name())
                .setDataset(q.getDataset()).setTrainSize(size).setLoss(q.getMethod()).setCandidateId(null)
                .setSeedIndex(q.getRunIndex()).setSeed(q.getSeed()).setStatus(EvaluationStatus.OK).setError(null)
                .setKendallTauB(nan).setSpearman(nan).setP05(nan).setP1(nan).setP5(nan).setP10(nan)
                .setN1(nan).setN5(nan).setN10(nan).setRegret10(nan).setBestTestError(error)
                .setEvalMetric(q.getEvalMetric()).setEvaluatedAt(now).build();
        return new Answer(result, progress);
    }

    private Benchmark benchmark(String name) {
        return org.lossforge.services.common.BenchmarkLookup.get(Benchmarks.NAMES, benchmarks, name);
    }
}
