package org.lossforge.core.bench;

import java.util.List;

/**
 * A tabular NAS benchmark: a finite search space whose every architecture has recorded truth values.
 *
 * <p>Architectures are addressed by a dense index {@code 0 … size()-1}, stable across runs (it is the
 * row order of the benchmark's canonical table). Every architecture has an op-on-node DAG encoding of
 * the same shape, {@link #maxNodes()} × {@link #numOpTypes()}, so one predictor fits the whole space.
 */
public interface Benchmark {

    /** Short, lower-case name used on the command line, e.g. {@code nb201}. */
    String name();

    /** Number of architectures in the space. */
    int size();

    /** Datasets (tasks) with truth values, e.g. {@code cifar10, cifar100, imagenet16}. */
    List<String> datasets();

    /** Truth metrics recorded per dataset, e.g. {@code valid, test}. */
    List<String> metrics(String dataset);

    /** The metric a predictor is trained on by default (never the test split when a valid split exists). */
    String defaultTrainMetric(String dataset);

    /** The metric predictions are judged against by default. */
    String defaultEvalMetric(String dataset);

    /** Stable, human-readable architecture id (NB201 arch string, NB101 module hash, ...). */
    String archId(int index);

    /** Index of an architecture id; throws {@link IllegalArgumentException} for an unknown id. */
    int indexOf(String archId);

    /** Nodes of the op-on-node DAG (padded size); NB201 = 8. */
    int maxNodes();

    /** Size of the node one-hot; NB201 = 7. */
    int numOpTypes();

    /** Op-on-node DAG of one architecture. */
    ArchEncoding encode(int index);

    /**
     * Truth value of one architecture; higher is better for every metric a benchmark exposes
     * (accuracies in percent, SSIM, negative loss). Throws {@link IllegalArgumentException} for an
     * unknown dataset or metric.
     */
    double truth(int index, String dataset, String metric);

    /** All truth values of one (dataset, metric), indexed by architecture; a fresh copy. */
    double[] truthColumn(String dataset, String metric);

    /**
     * A seeded uniform sample of {@code n} distinct architecture indices (without replacement).
     * Throws {@link IllegalArgumentException} when {@code n} is larger than the space or not positive.
     */
    default int[] sample(int n, long seed) {
        return Sampling.withoutReplacement(size(), n, seed);
    }
}
