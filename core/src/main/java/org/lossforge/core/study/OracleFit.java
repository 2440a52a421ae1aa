package org.lossforge.core.study;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.predictor.FitSummary;

/**
 * A stand-in for the predictor's fit, for reliability and load tests (issue 11): the "prediction" of every architecture
 * is the benchmark's train-metric truth plus seeded Gaussian noise, instead of a GCN fitted on the training set. It
 * costs microseconds per architecture, so a study of a thousand jobs runs through the whole platform (the same topics,
 * serdes, evaluator metrics and ranker aggregation as real jobs) in minutes on a CPU.
 *
 * <p>The noise of architecture {@code i} is {@code noise * z_i}, with {@code z_i} standard normal drawn (Box–Muller
 * on {@link SplittableRandom#nextDouble()}, nothing JDK-version dependent) from one stream seeded by the trial seed and
 * the loss text, so two losses of the same seed get different scores, and a job trained twice (a redelivery after a
 * crash) gets exactly the same scores. The labels of the training set are not used: the oracle knows the whole column.
 * Only the train metric is read, never the evaluation truth (for NB201 validation, not test accuracy).
 */
public final class OracleFit {

    private OracleFit() {
    }

    /**
     * @param noise standard deviation of the noise, in the train metric's units (NB201: accuracy in %); ≥ 0
     * @return the whole space's scores (float32, as a predictor returns them) and a fit summary of zero epochs
     */
    public static TrialTrainer.Result fit(Benchmark b, String dataset, String trainMetric, String loss, long seed,
                                          double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("oracle noise must be finite and >= 0, got " + noise);
        }
        double[] truth = b.truthColumn(dataset, trainMetric);
        SplittableRandom rnd = new SplittableRandom(streamSeed(seed, loss));
        float[] scores = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            scores[i] = (float) (truth[i] + noise * gaussian(rnd));
        }
        return new TrialTrainer.Result(scores, new FitSummary(1, 0, 0, 0, new double[0], 0));
    }

    /** The seed of a trial's noise stream: the trial seed mixed with a 64-bit FNV-1a hash of the loss text. */
    static long streamSeed(long seed, String loss) {
        long h = 0xcbf29ce484222325L;
        for (byte c : loss.getBytes(StandardCharsets.UTF_8)) {
            h ^= c & 0xff;
            h *= 0x100000001b3L;
        }
        return seed * 0x9E3779B97F4A7C15L ^ h;
    }

    /** One standard normal draw (Box–Muller, the cosine branch). */
    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();   // (0, 1]: the logarithm is finite
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
