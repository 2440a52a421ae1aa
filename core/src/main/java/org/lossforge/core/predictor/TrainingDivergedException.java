package org.lossforge.core.predictor;

/** A fit produced a NaN or infinite loss: that fit fails, the caller (a worker) carries on. */
public class TrainingDivergedException extends RuntimeException {
    private final int seedRow;
    private final int epoch;

    public TrainingDivergedException(int seedRow, int epoch, double value) {
        super("training diverged: loss of seed row " + seedRow + " is " + value + " at epoch " + epoch);
        this.seedRow = seedRow;
        this.epoch = epoch;
    }

    public int seedRow() {
        return seedRow;
    }

    public int epoch() {
        return epoch;
    }
}
