package org.lossforge.generator;

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
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.core.study.StudyRunner;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.TransientFailureException;

/**
 * StudyRequested → TrainingJobs, and LossCandidate (of a known study) → the TrainingJobs of that one loss. Plain Java.
 * Every training set comes from core's {@link StudyPlan}, so the services train on exactly what core's StudyRunner
 * would. One job per (dataset, train size, loss, seed index), in that nesting order; key {@link Keys#config},
 * trialId {@link Keys#trialId}.
 *
 * <p>A study or candidate that can never give jobs is refused with an {@link InvalidRecordException} (its reason is
 * the dead letter's): {@code INVALID_STUDY} (no datasets/losses/sizes, seeds &lt;= 0, a bad id, a duplicate entry),
 * {@code UNKNOWN_BENCHMARK}, {@code UNKNOWN_DATASET}, {@code UNKNOWN_METRIC}, {@code BAD_LOSS_SPEC},
 * {@code BAD_TRAIN_SIZE} (below 2 or above the space), {@code BAD_PARAMS}; for candidates also
 * {@code UNSUPPORTED_LOSS_KIND} (EXPRESSION) and {@code INVALID_CANDIDATE}. A benchmark whose data cannot be read is
 * a {@link TransientFailureException} (not the record's fault).
 */
public final class JobPlanner {

    private final Function<String, Benchmark> benchmarks;
    private final Clock clock;

    public JobPlanner(Clock clock) {
        this(Benchmarks::get, clock);
    }

    /** @param benchmarks benchmark by name (only called for names in {@link Benchmarks#NAMES}) */
    public JobPlanner(Function<String, Benchmark> benchmarks, Clock clock) {
        this.benchmarks = Objects.requireNonNull(benchmarks, "benchmarks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The output key of a job: its configuration key. */
    public static String key(TrainingJob job) {
        return Keys.config(job);
    }

    /** Checks a study completely (everything the jobs need); throws {@link InvalidRecordException}. */
    public StudyRequested validate(StudyRequested s) {
        try {
            Keys.study(s.getStudyId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_STUDY", e.getMessage());
        }
        if (s.getDatasets().isEmpty() || s.getLosses().isEmpty() || s.getTrainSizes().isEmpty()) {
            throw new InvalidRecordException("INVALID_STUDY", "study " + s.getStudyId()
                    + " needs at least one dataset, loss and train size");
        }
        if (s.getSeeds() <= 0) {
            throw new InvalidRecordException("INVALID_STUDY", "seeds must be positive, got " + s.getSeeds());
        }
        noDuplicates("dataset", s.getDatasets());
        noDuplicates("loss", s.getLosses());
        noDuplicates("train size", s.getTrainSizes());
        Benchmark b = benchmark(s.getBenchmark());
        for (String dataset : s.getDatasets()) {
            if (!b.datasets().contains(dataset)) {
                throw new InvalidRecordException("UNKNOWN_DATASET", "benchmark " + b.name() + " has no dataset '"
                        + dataset + "' (known: " + String.join(", ", b.datasets()) + ")");
            }
            metric(b, dataset, "train", StudyPlan.trainMetric(b, s.getTrainMetric(), dataset));
            metric(b, dataset, "eval", StudyPlan.evalMetric(b, s.getEvalMetric(), dataset));
            for (String loss : s.getLosses()) {
                checkLoss(b, dataset, loss);
            }
        }
        for (int size : s.getTrainSizes()) {
            if (size < 2 || size > b.size()) {
                throw new InvalidRecordException("BAD_TRAIN_SIZE", "train size " + size + " must be between 2 and the "
                        + b.name() + " space size " + b.size());
            }
        }
        try {
            Params.config(s.getParams());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("BAD_PARAMS", e.getMessage(), e);
        }
        return s;
    }

    /** All jobs of a study (validated first). */
    public List<TrainingJob> plan(StudyRequested s) {
        validate(s);
        return jobs(s, s.getLosses(), LossKindOf::of, null);
    }

    /** Checks a candidate on its own and against its (known, valid) study; throws {@link InvalidRecordException}. */
    public LossCandidate validate(LossCandidate c, StudyRequested study) {
        try {
            Keys.study(c.getStudyId());
            Keys.study(c.getCandidateId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_CANDIDATE", e.getMessage());
        }
        if (c.getKind() == LossKind.EXPRESSION) {
            throw new InvalidRecordException("UNSUPPORTED_LOSS_KIND", "candidate " + c.getCandidateId() + " is an "
                    + "EXPRESSION loss ('" + c.getSpec() + "'); only core LossSpecs (NAMED, PIECEWISE) are trained so far");
        }
        Benchmark b = benchmark(study.getBenchmark());
        for (String dataset : study.getDatasets()) {
            checkLoss(b, dataset, c.getSpec());
        }
        LossKind declared = c.getKind();
        LossKind actual = LossKindOf.of(c.getSpec());
        if (declared != actual) {
            throw new InvalidRecordException("BAD_LOSS_SPEC", "candidate " + c.getCandidateId() + " says " + declared
                    + " but '" + c.getSpec() + "' is " + actual);
        }
        return c;
    }

    /** The jobs of one candidate loss: every (dataset, train size, seed) of its study. */
    public List<TrainingJob> plan(LossCandidate c, StudyRequested study) {
        validate(c, study);
        return jobs(study, List.of(c.getSpec()), spec -> c.getKind(), c.getCandidateId());
    }

    /** The normal form of a loss text (LossSpec.parse(..).toString()), for "same loss" comparisons; null if unparsable. */
    public static String normal(String loss) {
        try {
            return LossSpec.parse(loss).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private List<TrainingJob> jobs(StudyRequested s, List<String> losses, Function<String, LossKind> kinds,
                                   String candidateId) {
        Benchmark b = benchmark(s.getBenchmark());
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        List<TrainingJob> jobs = new ArrayList<>();
        for (String dataset : s.getDatasets()) {
            String trainMetric = StudyPlan.trainMetric(b, s.getTrainMetric(), dataset);
            String evalMetric = StudyPlan.evalMetric(b, s.getEvalMetric(), dataset);
            for (int size : s.getTrainSizes()) {
                List<StudyPlan.TrainingSet> sets = new ArrayList<>();
                for (int k = 0; k < s.getSeeds(); k++) {
                    sets.add(StudyPlan.trainingSet(b, s.getBaseSeed(), dataset, trainMetric, size, k));
                }
                for (String loss : losses) {
                    for (StudyPlan.TrainingSet set : sets) {
                        jobs.add(TrainingJob.newBuilder()
                                .setTrialId(Keys.trialId(s.getStudyId(), b.name(), dataset, size, loss, set.seedIndex()))
                                .setStudyId(s.getStudyId())
                                .setBenchmark(b.name())
                                .setDataset(dataset)
                                .setTrainSize(size)
                                .setLoss(loss)
                                .setLossKind(kinds.apply(loss))
                                .setCandidateId(candidateId)
                                .setSeedIndex(set.seedIndex())
                                .setSeed(set.seed())
                                .setTrainArchitectures(ints(set.archIdx()))
                                .setTrainLabels(doubles(set.labels()))
                                .setTrainMetric(trainMetric)
                                .setEvalMetric(evalMetric)
                                .setParams(s.getParams())
                                .setCreatedAt(now)
                                .build());
                    }
                }
            }
        }
        return jobs;
    }

    private static void checkLoss(Benchmark b, String dataset, String loss) {
        try {
            if (loss == null || loss.isBlank() || loss.contains("\n")) {
                throw new IllegalArgumentException("empty loss");
            }
            StudyRunner.lossFor(LossSpec.parse(loss), b.name(), dataset);   // name and parameters checked by core
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("BAD_LOSS_SPEC", "loss '" + loss + "': " + e.getMessage(), e);
        }
    }

    private Benchmark benchmark(String name) {
        return org.lossforge.services.common.BenchmarkLookup.get(Benchmarks.NAMES, benchmarks, name);
    }

    private static void metric(Benchmark b, String dataset, String role, String metric) {
        if (!b.metrics(dataset).contains(metric)) {
            throw new InvalidRecordException("UNKNOWN_METRIC", b.name() + "/" + dataset + " has no " + role + " metric '"
                    + metric + "' (known: " + String.join(", ", b.metrics(dataset)) + ")");
        }
    }

    private static <T> void noDuplicates(String what, List<T> values) {
        Set<T> seen = new HashSet<>();
        for (T v : values) {
            if (!seen.add(v)) {
                throw new InvalidRecordException("INVALID_STUDY", "duplicate " + what + " '" + v + "'");
            }
        }
    }

    private static List<Integer> ints(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    private static List<Double> doubles(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double v : a) {
            l.add(v);
        }
        return l;
    }

    /** NAMED or PIECEWISE for a LossSpec text (the piecewise loss is core's {@code pw}). */
    static final class LossKindOf {
        private LossKindOf() {
        }

        static LossKind of(String loss) {
            return LossSpec.parse(loss).name().equals("pw") ? LossKind.PIECEWISE : LossKind.NAMED;
        }
    }
}
