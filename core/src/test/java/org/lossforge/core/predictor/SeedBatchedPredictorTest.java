package org.lossforge.core.predictor;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.lossforge.core.loss.LabelScale;
import org.lossforge.core.loss.LossContext;
import org.lossforge.core.loss.PredictorLoss;

class SeedBatchedPredictorTest {
    static final SyntheticSpace SPACE = new SyntheticSpace(600, 7);
    static final SpaceTensors TENSORS = SpaceTensors.of(SPACE);

    /** Plain per-row MSE, written here so the predictor tests do not depend on the loss package. */
    static final PredictorLoss MSE = new PredictorLoss() {
        public String name() { return "test-mse"; }
        public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) { return pred.sub(truth).square().mean(new int[] {1}); }
        public LabelScale labelScale() { return LabelScale.ZSCORE; }
    };

    static int[][] samples(long[] seeds, int n) {
        int[][] idx = new int[seeds.length][];
        for (int s = 0; s < seeds.length; s++) {
            idx[s] = SPACE.sample(n, seeds[s]);
        }
        return idx;
    }

    static double[][] labels(int[][] idx) {
        double[][] y = new double[idx.length][];
        for (int s = 0; s < idx.length; s++) {
            y[s] = new double[idx[s].length];
            for (int k = 0; k < idx[s].length; k++) {
                y[s][k] = SPACE.truth(idx[s][k], "toy", "valid");
            }
        }
        return y;
    }

    static double[][] fitPredict(PredictorConfig cfg, long[] seeds, int n) {
        try (SeedBatchedPredictor p = new SeedBatchedPredictor(TENSORS, cfg, true)) {
            int[][] idx = samples(seeds, n);
            p.fit(idx, labels(idx), MSE, seeds);
            return p.predictAll();
        }
    }

    void assertBatchedEqualsUnbatched(PredictorConfig cfg) {
        long[] seeds = {11, 12, 13};
        double[][] batched = fitPredict(cfg, seeds, 40);
        for (int s = 0; s < seeds.length; s++) {
            double[] alone = fitPredict(cfg, new long[] {seeds[s]}, 40)[0];
            double maxDiff = 0;
            for (int i = 0; i < alone.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(alone[i] - batched[s][i]));
            }
            assertTrue(maxDiff < 1e-5, "seed " + seeds[s] + ": batched and unbatched differ by " + maxDiff);
        }
        // and the seeds really are different models
        assertNotEquals(batched[0][0], batched[1][0]);
    }

    @Test
    void gcnSeedBatchEqualsUnbatched() {
        assertBatchedEqualsUnbatched(PredictorConfig.gcnDefaults().withEpochs(8).withBatchSize(8));
    }

    @Test
    void mlpSeedBatchEqualsUnbatched() {
        assertBatchedEqualsUnbatched(PredictorConfig.mlpDefaults().withEpochs(8).withBatchSize(8).withDropout(0.2));
    }

    @Test
    void sameSeedSamePredictions() {
        PredictorConfig cfg = PredictorConfig.gcnDefaults().withEpochs(3);
        assertArrayEquals(fitPredict(cfg, new long[] {5}, 30)[0], fitPredict(cfg, new long[] {5}, 30)[0], 0.0);
    }

    /** Kendall-free learning check: the fitted GCN ranks held-out architectures far better than chance. */
    @Test
    void gcnLearnsTheSyntheticRanking() {
        PredictorConfig cfg = PredictorConfig.gcnDefaults().withEpochs(60).withLr(1e-3);
        double[] pred = fitPredict(cfg, new long[] {3}, 150)[0];
        double[] truth = SPACE.truthColumn("toy", "valid");
        long concordant = 0, pairs = 0;
        for (int i = 0; i < truth.length; i += 3) {
            for (int j = i + 1; j < truth.length; j += 3) {
                pairs++;
                if (Math.signum(truth[i] - truth[j]) == Math.signum(pred[i] - pred[j])) {
                    concordant++;
                }
            }
        }
        double agreement = (double) concordant / pairs;
        assertTrue(agreement > 0.8, "pairwise agreement " + agreement);
    }

    @Test
    void nanLossFailsTheFitWithItsSeedRow() {
        PredictorLoss nanOnRow1 = new PredictorLoss() {
            public String name() { return "nan"; }
            public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
                NDArray l = pred.sub(truth).square().mean(new int[] {1});
                float[] mask = {0f, Float.NaN};
                return l.add(l.getManager().create(mask));
            }
            public LabelScale labelScale() { return LabelScale.ZSCORE; }
        };
        try (SeedBatchedPredictor p = new SeedBatchedPredictor(TENSORS, PredictorConfig.gcnDefaults().withEpochs(2), true)) {
            long[] seeds = {1, 2};
            int[][] idx = samples(seeds, 20);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> p.fit(idx, labels(idx), nanOnRow1, seeds));
            assertEquals(1, e.seedRow());
            assertEquals(0, e.epoch());
        }
    }
}
