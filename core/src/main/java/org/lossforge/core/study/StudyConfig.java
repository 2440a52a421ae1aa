package org.lossforge.core.study;

import java.util.List;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.predictor.PredictorConfig;

/**
 * One loss study: every (dataset, train size, loss) configuration is trained on {@code seeds} seeded random
 * training sets, predicts the whole space, and is judged against the evaluation metric.
 *
 * @param name         study name (file names of the report)
 * @param benchmark    benchmark name ({@code nb201}, …)
 * @param datasets     datasets of the benchmark
 * @param losses       loss specs; a bare {@code pw} takes the benchmark's per-space preset
 * @param trainSizes   training-set sizes
 * @param seeds        seeds per configuration
 * @param baseSeed     the seed everything else is derived from
 * @param predictor    predictor and training hyper-parameters
 * @param trainMetric  truth the predictor is trained on; null = the benchmark's default (validation)
 * @param evalMetric   truth the predictions are judged against; null = the benchmark's default (test)
 * @param batchSeeds   train all seeds of a configuration as one batched program (false: one by one)
 */
public record StudyConfig(String name, String benchmark, List<String> datasets, List<LossSpec> losses,
                          List<Integer> trainSizes, int seeds, long baseSeed, PredictorConfig predictor,
                          String trainMetric, String evalMetric, boolean batchSeeds) {

    public StudyConfig {
        if (datasets.isEmpty() || losses.isEmpty() || trainSizes.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one dataset, loss and train size");
        }
        if (seeds <= 0) {
            throw new IllegalArgumentException("seeds must be positive, got " + seeds);
        }
        datasets = List.copyOf(datasets);
        losses = List.copyOf(losses);
        trainSizes = List.copyOf(trainSizes);
    }

    /** Number of (dataset, size, loss) configurations. */
    public int configurations() {
        return datasets.size() * trainSizes.size() * losses.size();
    }
}
