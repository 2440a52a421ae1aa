package org.lossforge.core.study;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.loss.PredictorLoss;
import org.lossforge.core.metrics.MetricReport;
import org.lossforge.core.metrics.MetricSet;
import org.lossforge.core.predictor.FitSummary;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.predictor.SeedBatchedPredictor;
import org.lossforge.core.predictor.SpaceTensors;

/**
 * One trial at a time, for a worker (the platform's predictor-trainer): fit on a training set, predict the whole
 * space. It does exactly what {@link StudyRunner} does for one seed when seeds are not batched, so a study run
 * through the platform reproduces the core runner's unbatched numbers bit for bit. Not thread safe: one trainer per
 * worker thread.
 */
public final class TrialTrainer {
    private final Benchmark benchmark;
    private final SpaceTensors tensors;

    /** Scores of the whole space (architecture index order) and what the fit did. */
    public record Result(float[] scores, FitSummary fit) {}

    public TrialTrainer(Benchmark benchmark) {
        this(benchmark, SpaceTensors.of(benchmark));
    }

    public TrialTrainer(Benchmark benchmark, SpaceTensors tensors) {
        this.benchmark = benchmark;
        this.tensors = tensors;
    }

    public Benchmark benchmark() {
        return benchmark;
    }

    /**
     * @param dataset     the dataset (decides the PW preset and whether labels are percentages)
     * @param trainMetric the metric the labels come from
     * @throws org.lossforge.core.predictor.TrainingDivergedException on a NaN or infinite loss
     * @throws IllegalArgumentException on a loss that refuses the labels (e.g. MAPE's lower bound)
     */
    public Result train(String dataset, String trainMetric, LossSpec spec, StudyPlan.TrainingSet set, PredictorConfig cfg) {
        PredictorLoss loss = StudyRunner.lossFor(spec, benchmark.name(), dataset);
        boolean percent = StudyRunner.isPercent(benchmark.truthColumn(dataset, trainMetric));
        try (SeedBatchedPredictor p = new SeedBatchedPredictor(tensors, cfg, percent)) {
            FitSummary fit = p.fit(new int[][] {set.archIdx()}, new double[][] {set.labels()}, loss, new long[] {set.seed()});
            double[] all = p.predictAll()[0];
            float[] scores = new float[all.length];
            for (int i = 0; i < all.length; i++) {
                scores[i] = (float) all[i]; // exact: the predictor computes in float32
            }
            return new Result(scores, fit);
        }
    }

    /** The standard metric set of whole-space scores against a truth column (what the evaluator computes). */
    public static MetricReport evaluate(double[] truth, float[] scores) {
        double[] pred = new double[scores.length];
        for (int i = 0; i < pred.length; i++) {
            pred[i] = scores[i];
        }
        return MetricSet.standard().compute(truth, pred);
    }
}
