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

    /**
     * What a trial's numbers depend on besides its own (dataset, size, loss, seed): benchmark, base seed,
     * predictor settings, metrics and batching. Trials of two runs with the same fingerprint are interchangeable,
     * so an interrupted study can resume, and more seeds, losses or sizes can be added to it.
     */
    public String fingerprint() {
        String s = String.join("|", benchmark, Long.toString(baseSeed), predictor.toString(), String.valueOf(trainMetric),
                String.valueOf(evalMetric), Boolean.toString(batchSeeds));
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Number of (dataset, size, loss) configurations. */
    public int configurations() {
        return datasets.size() * trainSizes.size() * losses.size();
    }
}
