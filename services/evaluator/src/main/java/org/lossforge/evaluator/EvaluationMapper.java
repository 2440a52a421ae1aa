package org.lossforge.evaluator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Function;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.metrics.MetricReport;
import org.lossforge.core.study.TrialResult;
import org.lossforge.core.study.TrialTrainer;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.Scores;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.TransientFailureException;

/**
 * PredictionSet → Evaluation: the evaluator's whole job, in plain Java.
 *
 * <ul>
 *   <li>A prediction set with {@code error} set becomes a {@code FAILED} evaluation carrying that error, every metric
 *       NaN (core's convention for failed trials).</li>
 *   <li>Otherwise the scores (F32LE, one per architecture of the benchmark) are judged against the benchmark's truth
 *       column {@code (dataset, evalMetric)} with core's {@link TrialTrainer#evaluate}, the metric set the core study
 *       runner uses, and mapped field by field as {@link TrialResult#of} does.</li>
 *   <li>Scores that are not all finite (a predictor that blew up without its loss noticing) make a {@code FAILED}
 *       evaluation too: the trial failed, the record is fine.</li>
 * </ul>
 * A record that cannot be evaluated at all throws {@link InvalidRecordException} (it is dead-lettered): codes
 * {@code INVALID_KEY}, {@code UNKNOWN_BENCHMARK}, {@code UNKNOWN_DATASET}, {@code UNKNOWN_METRIC},
 * {@code WRONG_SCORE_COUNT}, {@code BAD_SCORES}. Benchmark data that cannot be read is not the record's fault and
 * throws {@link TransientFailureException} instead.
 *
 * <p>The truth never leaves this service: trainers see only their training labels.
 */
public final class EvaluationMapper {

    private final Function<String, Benchmark> benchmarks;
    private final Clock clock;

    /** Benchmarks from core's {@link Benchmarks#get} (loaded once per JVM from the data folder). */
    public EvaluationMapper(Clock clock) {
        this(Benchmarks::get, clock);
    }

    /** @param benchmarks benchmark by name (only called for names in {@link Benchmarks#NAMES}) */
    public EvaluationMapper(Function<String, Benchmark> benchmarks, Clock clock) {
        this.benchmarks = Objects.requireNonNull(benchmarks, "benchmarks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The output key: the configuration key, the same as the prediction set's. */
    public static String key(Evaluation e) {
        return Keys.config(e);
    }

    public Evaluation evaluate(PredictionSet p) {
        try {
            Keys.config(p);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_KEY", "cannot form the configuration key: " + e.getMessage());
        }
        Benchmark b = benchmark(p.getBenchmark());
        if (!b.datasets().contains(p.getDataset())) {
            throw new InvalidRecordException("UNKNOWN_DATASET", "benchmark " + b.name() + " has no dataset '"
                    + p.getDataset() + "' (known: " + String.join(", ", b.datasets()) + ")");
        }
        if (!b.metrics(p.getDataset()).contains(p.getEvalMetric())) {
            throw new InvalidRecordException("UNKNOWN_METRIC", b.name() + "/" + p.getDataset() + " has no metric '"
                    + p.getEvalMetric() + "' (known: " + String.join(", ", b.metrics(p.getDataset())) + ")");
        }
        if (p.getError() != null) {
            return failed(p, p.getError());
        }
        if (p.getCount() != b.size()) {
            throw new InvalidRecordException("WRONG_SCORE_COUNT", "count is " + p.getCount() + " but " + b.name()
                    + " has " + b.size() + " architectures");
        }
        float[] scores;
        try {
            scores = Scores.decode(p.getScores(), p.getEncoding(), p.getCount());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("BAD_SCORES", e.getMessage());
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Float.isFinite(scores[i])) {
                return failed(p, "score of architecture " + i + " is " + scores[i] + " (predictions must be finite)");
            }
        }
        double[] truth = b.truthColumn(p.getDataset(), p.getEvalMetric());
        MetricReport report = TrialTrainer.evaluate(truth, scores);
        TrialResult r = TrialResult.of(b.name(), p.getDataset(), p.getTrainSize(), p.getLoss(), p.getSeedIndex(),
                p.getSeed(), report);
        return base(p).setStatus(EvaluationStatus.OK).setError(null)
                .setKendallTauB(r.tau()).setSpearman(r.spearman())
                .setP05(r.p05()).setP1(r.p1()).setP5(r.p5()).setP10(r.p10())
                .setN1(r.n1()).setN5(r.n5()).setN10(r.n10()).setRegret10(r.regret10())
                .build();
    }

    private Benchmark benchmark(String name) {
        return org.lossforge.services.common.BenchmarkLookup.get(Benchmarks.NAMES, benchmarks, name);
    }

    private Evaluation failed(PredictionSet p, String error) {
        double nan = Double.NaN;
        return base(p).setStatus(EvaluationStatus.FAILED).setError(error)
                .setKendallTauB(nan).setSpearman(nan).setP05(nan).setP1(nan).setP5(nan).setP10(nan)
                .setN1(nan).setN5(nan).setN10(nan).setRegret10(nan)
                .build();
    }

    private Evaluation.Builder base(PredictionSet p) {
        return Evaluation.newBuilder()
                .setTrialId(p.getTrialId()).setStudyId(p.getStudyId()).setBenchmark(p.getBenchmark())
                .setDataset(p.getDataset()).setTrainSize(p.getTrainSize()).setLoss(p.getLoss())
                .setCandidateId(p.getCandidateId()).setSeedIndex(p.getSeedIndex()).setSeed(p.getSeed())
                .setEvalMetric(p.getEvalMetric())
                .setEvaluatedAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    }
}
