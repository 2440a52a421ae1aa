package org.lossforge.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossforge.core.loss.PredictorLoss;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.predictor.SeedBatchedPredictor;
import org.lossforge.core.predictor.TrainingDivergedException;

/**
 * Trains the predictors that one step of many runs asks for, and scores each run's architectures. Jobs with the
 * same loss ({@code toString}) and the same training-set size train as one seed-batched program (all runs of a
 * method have the same |D| each round, so 30 runs are one fit); a batched fit that fails is retried job by job, so
 * only the failing jobs fail. Row s of a batched fit is the model a fit of job s alone gives, to float rounding;
 * a controller that wants bit-identical trajectories after a restart steps the same runs together again.
 */
final class Fitter implements AutoCloseable {

    /** One predictor to train: loss, training set with raw labels, seed, and the architectures to score. */
    record Job(PredictorLoss loss, int[] trainIdx, double[] labels, long seed, int[] predictIdx) {}

    /** Scores of a job's {@code predictIdx} (null when its fit failed, with the reason). */
    record Result(double[] scores, String failure) {}

    private final SeedBatchedPredictor predictor;
    private final boolean batch;
    private long fits, fitMillis;

    Fitter(SearchSpace space, PredictorConfig cfg, boolean percentLabels, boolean batch) {
        this.predictor = new SeedBatchedPredictor(space.tensors(), cfg, percentLabels);
        this.batch = batch;
    }

    /** Predictors trained so far (one per job) and the wall time spent in fits. */
    long fits() {
        return fits;
    }

    long fitMillis() {
        return fitMillis;
    }

    Result[] run(List<Job> jobs) {
        Result[] out = new Result[jobs.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            String key = batch ? job.loss() + "|" + job.trainIdx().length : "job" + j;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(j);
        }
        for (List<Integer> g : groups.values()) {
            if (g.size() > 1) {
                try {
                    fitAndScore(jobs, g, out);
                    continue;
                } catch (TrainingDivergedException | IllegalArgumentException e) {
                    // isolate the failing jobs below
                }
            }
            for (int j : g) {
                try {
                    fitAndScore(jobs, List.of(j), out);
                } catch (TrainingDivergedException | IllegalArgumentException e) {
                    out[j] = new Result(null, e.getMessage());
                }
            }
        }
        return out;
    }

    private void fitAndScore(List<Job> jobs, List<Integer> g, Result[] out) {
        int s = g.size();
        int[][] idx = new int[s][];
        double[][] labels = new double[s][];
        long[] seeds = new long[s];
        for (int r = 0; r < s; r++) {
            Job job = jobs.get(g.get(r));
            idx[r] = job.trainIdx();
            labels[r] = job.labels();
            seeds[r] = job.seed();
        }
        long t0 = System.nanoTime();
        predictor.fit(idx, labels, jobs.get(g.get(0)).loss(), seeds);
        fitMillis += (System.nanoTime() - t0) / 1_000_000;
        fits += s;
        // Each job's own architectures, in its own order: the same cost as scoring the union (every row scores
        // every input), and a job's scores do not depend on which other runs stepped with it.
        for (int r = 0; r < s; r++) {
            out[g.get(r)] = new Result(predictor.predict(jobs.get(g.get(r)).predictIdx())[r], null);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
