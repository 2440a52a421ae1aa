package org.lossforge.trainer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.core.study.StudyRunner;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.PredictorParams;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.services.common.InvalidRecordException;

/**
 * TrainingJob → core inputs ({@link TrialInputs}), checking everything that can be checked before training. A job that
 * fails here can never be trained and is dead-lettered ({@link InvalidRecordException}):
 * <ul>
 *   <li>{@code INVALID_KEY}: ids or names that cannot form the configuration key;</li>
 *   <li>{@code UNSUPPORTED_LOSS_KIND}: an {@code EXPRESSION} loss (core has no expression losses);</li>
 *   <li>{@code UNKNOWN_BENCHMARK}, {@code UNKNOWN_DATASET}, {@code UNKNOWN_METRIC} (train or eval metric);</li>
 *   <li>{@code BAD_LOSS_SPEC}: a loss text core cannot parse, an unknown loss, bad loss parameters;</li>
 *   <li>{@code BAD_TRAINING_SET}: sizes that disagree, fewer than 2 or more than the space, an architecture index
 *       outside the space, a label that is not finite;</li>
 *   <li>{@code BAD_PARAMS}: hyper-parameters core's {@link PredictorConfig} refuses.</li>
 * </ul>
 * Failures that depend on the data met while training (a diverging loss, MAPE's bound) are not checked here: they
 * make a prediction set with {@code error} set ({@link TrialWorker}).
 */
public final class TrainingJobs {

    private final Function<String, Benchmark> benchmarks;

    public TrainingJobs() {
        this(Benchmarks::get);
    }

    /** @param benchmarks benchmark by name (only called for names in {@link Benchmarks#NAMES}) */
    public TrainingJobs(Function<String, Benchmark> benchmarks) {
        this.benchmarks = Objects.requireNonNull(benchmarks, "benchmarks");
    }

    /** The output key: the configuration key, the same as the job's. */
    public static String key(TrainingJob job) {
        return Keys.config(job);
    }

    public TrialInputs inputs(TrainingJob job) {
        try {
            Keys.trialId(job.getStudyId(), job.getBenchmark(), job.getDataset(), job.getTrainSize(), job.getLoss(),
                    job.getSeedIndex());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_KEY", "cannot form the configuration key: " + e.getMessage());
        }
        if (job.getLossKind() == LossKind.EXPRESSION) {
            throw new InvalidRecordException("UNSUPPORTED_LOSS_KIND", "loss '" + job.getLoss()
                    + "' is an EXPRESSION; this trainer trains core LossSpecs (NAMED, PIECEWISE) only");
        }
        Benchmark b = benchmark(job.getBenchmark());
        String dataset = job.getDataset();
        if (!b.datasets().contains(dataset)) {
            throw new InvalidRecordException("UNKNOWN_DATASET", "benchmark " + b.name() + " has no dataset '"
                    + dataset + "' (known: " + String.join(", ", b.datasets()) + ")");
        }
        metric(b, dataset, "train", job.getTrainMetric());
        metric(b, dataset, "eval", job.getEvalMetric());
        LossSpec spec;
        try {
            spec = LossSpec.parse(job.getLoss());
            StudyRunner.lossFor(spec, b.name(), dataset);   // the loss core will build: name and parameters checked
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("BAD_LOSS_SPEC", "loss '" + job.getLoss() + "': " + e.getMessage(), e);
        }
        StudyPlan.TrainingSet set = trainingSet(job, b);
        PredictorConfig config;
        try {
            config = config(job.getParams());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("BAD_PARAMS", e.getMessage(), e);
        }
        return new TrialInputs(job, b, spec, set, config);
    }

    /** Core's {@link PredictorConfig} from the schema's params; a null predictBatch takes core's default for the model. */
    public static PredictorConfig config(PredictorParams p) {
        String model = p.getModel().name().toLowerCase(Locale.ROOT);
        int predictBatch = p.getPredictBatch() != null ? p.getPredictBatch()
                : (model.equals("mlp") ? PredictorConfig.mlpDefaults() : PredictorConfig.gcnDefaults()).predictBatch();
        return new PredictorConfig(model, p.getHidden(), p.getLayers(), p.getFcHidden(), p.getDropout(), p.getLr(),
                p.getWeightDecay(), p.getEpochs(), p.getBatchSize(), predictBatch);
    }

    private static StudyPlan.TrainingSet trainingSet(TrainingJob job, Benchmark b) {
        List<Integer> archs = job.getTrainArchitectures();
        List<Double> labels = job.getTrainLabels();
        int n = job.getTrainSize();
        if (archs.size() != n || labels.size() != n) {
            throw new InvalidRecordException("BAD_TRAINING_SET", "trainSize is " + n + " but there are " + archs.size()
                    + " architectures and " + labels.size() + " labels");
        }
        if (n < 2 || n > b.size()) {
            throw new InvalidRecordException("BAD_TRAINING_SET", "trainSize " + n + " must be between 2 and the space size "
                    + b.size());
        }
        int[] idx = new int[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = archs.get(i);
            y[i] = labels.get(i);
            if (idx[i] < 0 || idx[i] >= b.size()) {
                throw new InvalidRecordException("BAD_TRAINING_SET", "architecture index " + idx[i] + " at position " + i
                        + " is outside " + b.name() + " (0.." + (b.size() - 1) + ")");
            }
            if (!Double.isFinite(y[i])) {
                throw new InvalidRecordException("BAD_TRAINING_SET", "label at position " + i + " is " + y[i]);
            }
        }
        return new StudyPlan.TrainingSet(job.getSeedIndex(), job.getSeed(), idx, y);
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
}
