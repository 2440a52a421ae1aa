package org.lossforge.core.study;

import org.lossforge.core.bench.Benchmark;

/**
 * How a study turns (dataset, train size, seed index) into a training set. The core runner and the platform's
 * candidate-generator both call this, so a study run through the services trains on exactly the architectures,
 * labels and seeds the core runner uses.
 */
public final class StudyPlan {
    private StudyPlan() {}

    /**
     * One trial's training set.
     *
     * @param seedIndex k, 0-based
     * @param seed      the model seed ({@link Seeds#trialSeed})
     * @param archIdx   the sampled architecture indices ({@link Seeds#sampleSeed} drives the sample)
     * @param labels    the train-metric truth of those architectures
     */
    public record TrainingSet(int seedIndex, long seed, int[] archIdx, double[] labels) {}

    /** The train metric of a dataset: the configured one, else the benchmark's default (never test when valid exists). */
    public static String trainMetric(Benchmark b, String configured, String dataset) {
        return configured != null ? configured : b.defaultTrainMetric(dataset);
    }

    /** The evaluation metric of a dataset: the configured one, else the benchmark's default. */
    public static String evalMetric(Benchmark b, String configured, String dataset) {
        return configured != null ? configured : b.defaultEvalMetric(dataset);
    }

    /** Training set of seed index {@code k} of (dataset, size). */
    public static TrainingSet trainingSet(Benchmark b, long baseSeed, String dataset, String trainMetric, int size, int k) {
        return trainingSet(b, b.truthColumn(dataset, trainMetric), baseSeed, dataset, size, k);
    }

    static TrainingSet trainingSet(Benchmark b, double[] trainTruth, long baseSeed, String dataset, int size, int k) {
        long seed = Seeds.trialSeed(baseSeed, b.name(), dataset, size, k);
        int[] idx = b.sample(size, Seeds.sampleSeed(seed));
        double[] labels = new double[size];
        for (int i = 0; i < size; i++) {
            labels[i] = trainTruth[idx[i]];
        }
        return new TrainingSet(k, seed, idx, labels);
    }
}
