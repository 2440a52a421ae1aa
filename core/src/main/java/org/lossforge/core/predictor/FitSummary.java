package org.lossforge.core.predictor;

/**
 * What one (seed-batched) fit did.
 *
 * @param seeds        number of seed rows trained together
 * @param trainSize    architectures per row
 * @param epochs       epochs run
 * @param steps        optimizer steps run
 * @param finalLoss    mean loss of the last epoch, per row
 * @param millis       wall time of the fit
 */
public record FitSummary(int seeds, int trainSize, int epochs, long steps, double[] finalLoss, long millis) {}
