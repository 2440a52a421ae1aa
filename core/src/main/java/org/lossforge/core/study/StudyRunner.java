package org.lossforge.core.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.loss.Losses;
import org.lossforge.core.loss.PredictorLoss;
import org.lossforge.core.metrics.MetricSet;
import org.lossforge.core.predictor.SeedBatchedPredictor;
import org.lossforge.core.predictor.SpaceTensors;
import org.lossforge.core.predictor.TrainingDivergedException;

/**
 * Runs a {@link StudyConfig}: for every dataset, train size and loss, trains the predictor on each seed's
 * random training set (all seeds of a configuration as one batched program), predicts the whole space and
 * computes the metric set against the evaluation truth. A configuration whose batched fit diverges is retried
 * seed by seed, so only the failing seeds (a diverged loss, or a loss that refuses a seed's labels such as
 * MAPE with a lower bound above that seed's smallest error) are recorded as failed, with the reason.
 */
public final class StudyRunner {
    private static final MetricSet METRICS = MetricSet.standard();

    /** Progress callbacks, one pair per configuration. */
    public interface Progress {
        void started(int index, int total, String label);

        void finished(int index, int total, String label, long millis);

        /** The trials of one configuration, as soon as it is done (for incremental saving). */
        default void trials(List<TrialResult> done) {}

        Progress NONE = new Progress() {
            public void started(int i, int t, String l) {}

            public void finished(int i, int t, String l, long ms) {}
        };
    }

    private final Benchmark benchmark;
    private final SpaceTensors tensors;

    public StudyRunner(Benchmark benchmark) {
        this(benchmark, SpaceTensors.of(benchmark));
    }

    public StudyRunner(Benchmark benchmark, SpaceTensors tensors) {
        this.benchmark = benchmark;
        this.tensors = tensors;
    }

    /** The loss a spec stands for on a dataset: a bare {@code pw} takes the benchmark's preset pair. */
    public static PredictorLoss lossFor(LossSpec spec, String benchmark, String dataset) {
        Map<String, String> params = new LinkedHashMap<>(spec.params());
        if (spec.name().equals("pw") && !params.containsKey("warm")) {
            Map<String, String> preset = new LinkedHashMap<>(Losses.pwPreset(benchmark, dataset));
            preset.putAll(params);
            params = preset;
        }
        return Losses.create(spec.name(), params);
    }

    /** Whether a truth column is in percent (so the UNIT label scale divides by 100): any value above 1. */
    static boolean isPercent(double[] column) {
        for (double v : column) {
            if (v > 1.0) {
                return true;
            }
        }
        return false;
    }

    /** Checks a configuration against this benchmark; throws {@link IllegalArgumentException} with the reason. */
    public void validate(StudyConfig cfg) {
        if (!cfg.benchmark().equals(benchmark.name())) {
            throw new IllegalArgumentException("study is for " + cfg.benchmark() + " but the runner holds " + benchmark.name());
        }
        for (String d : cfg.datasets()) {
            if (!benchmark.datasets().contains(d)) {
                throw new IllegalArgumentException("unknown dataset '" + d + "' for " + benchmark.name()
                        + " (known: " + String.join(", ", benchmark.datasets()) + ")");
            }
        }
        for (String d : cfg.datasets()) {
            for (String m : new String[] {StudyPlan.trainMetric(benchmark, cfg.trainMetric(), d),
                StudyPlan.evalMetric(benchmark, cfg.evalMetric(), d)}) {
                if (!benchmark.metrics(d).contains(m)) {
                    throw new IllegalArgumentException("unknown metric '" + m + "' for " + benchmark.name() + " " + d
                            + " (known: " + String.join(", ", benchmark.metrics(d)) + ")");
                }
            }
        }
        for (int n : cfg.trainSizes()) {
            if (n < 2 || n > benchmark.size()) {
                throw new IllegalArgumentException("train size " + n + " must be between 2 and the space size " + benchmark.size());
            }
        }
    }

    public StudyResult run(StudyConfig cfg, Progress progress) {
        return run(cfg, progress, List.of());
    }

    /**
     * Runs a study, reusing {@code previous} trials (from an interrupted run with the same
     * {@link StudyConfig#fingerprint()}): a configuration whose every seed is among them is not trained again.
     */
    public StudyResult run(StudyConfig cfg, Progress progress, List<TrialResult> previous) {
        validate(cfg);
        Map<String, TrialResult> done = new java.util.HashMap<>();
        for (TrialResult t : previous) {
            done.put(t.dataset() + "|" + t.trainSize() + "|" + t.loss() + "|" + t.seed(), t);
        }
        long t0 = System.nanoTime();
        List<TrialResult> trials = new ArrayList<>();
        int total = cfg.configurations(), index = 0;
        try (SeedBatchedPredictor predictor = new SeedBatchedPredictor(tensors, cfg.predictor(), true)) {
            for (String dataset : cfg.datasets()) {
                String trainMetric = StudyPlan.trainMetric(benchmark, cfg.trainMetric(), dataset);
                String evalMetric = StudyPlan.evalMetric(benchmark, cfg.evalMetric(), dataset);
                double[] trainTruth = benchmark.truthColumn(dataset, trainMetric);
                double[] evalTruth = benchmark.truthColumn(dataset, evalMetric);
                SeedBatchedPredictor p = isPercent(trainTruth) ? predictor
                        : new SeedBatchedPredictor(tensors, cfg.predictor(), false);
                for (int size : cfg.trainSizes()) {
                    long[] seeds = new long[cfg.seeds()];
                    int[][] idx = new int[cfg.seeds()][];
                    double[][] labels = new double[cfg.seeds()][];
                    for (int k = 0; k < cfg.seeds(); k++) {
                        StudyPlan.TrainingSet ts = StudyPlan.trainingSet(benchmark, trainTruth, cfg.baseSeed(), dataset, size, k);
                        seeds[k] = ts.seed();
                        idx[k] = ts.archIdx();
                        labels[k] = ts.labels();
                    }
                    for (LossSpec spec : cfg.losses()) {
                        String label = dataset + " n=" + size + " " + spec;
                        progress.started(index, total, label);
                        long c0 = System.nanoTime();
                        List<TrialResult> reused = new ArrayList<>();
                        for (long seed : seeds) {
                            TrialResult t = done.get(dataset + "|" + size + "|" + spec + "|" + seed);
                            if (t != null) {
                                reused.add(t);
                            }
                        }
                        List<TrialResult> configTrials;
                        if (reused.size() == seeds.length) {
                            configTrials = reused;
                        } else {
                            PredictorLoss loss = lossFor(spec, benchmark.name(), dataset);
                            configTrials = runConfig(p, cfg, dataset, size, spec.toString(), loss, seeds, idx, labels, evalTruth);
                        }
                        trials.addAll(configTrials);
                        progress.trials(configTrials);
                        progress.finished(index, total, label, (System.nanoTime() - c0) / 1_000_000);
                        index++;
                    }
                }
                if (p != predictor) {
                    p.close();
                }
            }
        }
        return new StudyResult(cfg, trials, (System.nanoTime() - t0) / 1_000_000,
                ai.djl.engine.Engine.getInstance().getEngineName() + " " + ai.djl.engine.Engine.getInstance().getVersion()
                        + " on " + ai.djl.engine.Engine.getInstance().defaultDevice());
    }

    private List<TrialResult> runConfig(SeedBatchedPredictor p, StudyConfig cfg, String dataset, int size, String lossName,
                                        PredictorLoss loss, long[] seeds, int[][] idx, double[][] labels, double[] evalTruth) {
        List<TrialResult> out = new ArrayList<>();
        if (cfg.batchSeeds()) {
            try {
                p.fit(idx, labels, loss, seeds);
                double[][] pred = p.predictAll();
                for (int k = 0; k < seeds.length; k++) {
                    out.add(trial(dataset, size, lossName, k, seeds[k], evalTruth, pred[k]));
                }
                return out;
            } catch (TrainingDivergedException | IllegalArgumentException e) {
                out.clear(); // isolate the failing seeds below
            }
        }
        for (int k = 0; k < seeds.length; k++) {
            try {
                p.fit(new int[][] {idx[k]}, new double[][] {labels[k]}, loss, new long[] {seeds[k]});
                out.add(trial(dataset, size, lossName, k, seeds[k], evalTruth, p.predictAll()[0]));
            } catch (TrainingDivergedException | IllegalArgumentException e) {
                out.add(new TrialResult(benchmark.name(), dataset, size, lossName, k, seeds[k], Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        e.getMessage()));
            }
        }
        return out;
    }

    private TrialResult trial(String dataset, int size, String lossName, int k, long seed, double[] truth, double[] pred) {
        return TrialResult.of(benchmark.name(), dataset, size, lossName, k, seed, METRICS.compute(truth, pred));
    }
}
