package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * MSE + sequence ranking (NAR-Former):
 * {@code L = λ_mse·(1/n)Σ_i (ŷ_i − y_i)² + λ_sr·(1/n)Σ_i |(ŷ_i − ŷ_τ(i)) − (y_i − y_τ(i))|}, where τ is a
 * fresh uniform random permutation of 0..n−1 drawn for every call and every row s from {@code ctx.rng(s)}
 * (Fisher–Yates, i = n−1 down to 1, j = rng.nextInt(i + 1)). Rows draw from their own streams, so a batch
 * equals its rows evaluated alone with the same streams. Defaults λ_mse = 1.0, λ_sr = 0.1; labels z-scored.
 */
public final class MseSr implements PredictorLoss {

    public static final double DEFAULT_LAMBDA_MSE = 1.0;
    public static final double DEFAULT_LAMBDA_SR = 0.1;

    private final double lambdaMse;
    private final double lambdaSr;

    public MseSr() {
        this(DEFAULT_LAMBDA_MSE, DEFAULT_LAMBDA_SR);
    }

    public MseSr(double lambdaMse, double lambdaSr) {
        LossOps.requireFinite("mse_sr lambda_mse", lambdaMse);
        LossOps.requireFinite("mse_sr lambda_sr", lambdaSr);
        this.lambdaMse = lambdaMse;
        this.lambdaSr = lambdaSr;
    }

    public double lambdaMse() {
        return lambdaMse;
    }

    public double lambdaSr() {
        return lambdaSr;
    }

    /** A uniform random permutation of 0..n−1 (Fisher–Yates), advancing {@code rng}. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public String name() {
        return "mse_sr";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        LossOps.checkShapes(pred, truth);
        NDArray y = LossOps.labels(pred, truth);
        int rows = Math.toIntExact(pred.getShape().get(0));
        int n = Math.toIntExact(pred.getShape().get(1));
        long[] tau = new long[rows * n];
        for (int s = 0; s < rows; s++) {
            int[] p = permutation(n, ctx.rng(s));
            for (int i = 0; i < n; i++) {
                tau[s * n + i] = p[i];
            }
        }
        NDArray idx = pred.getManager().create(tau, new Shape(rows, n));
        NDArray mse = pred.sub(y).square().mean(new int[] {1});
        // gather's backward is a scatter-add, so ŷ_τ(i) receives −g_i as in the reference.
        NDArray dPred = pred.sub(pred.gather(idx, 1));
        NDArray dTruth = y.sub(y.gather(idx, 1));
        NDArray sr = dPred.sub(dTruth).abs().mean(new int[] {1});
        return mse.mul(LossOps.scalar(mse, lambdaMse)).add(sr.mul(LossOps.scalar(sr, lambdaSr)));
    }

    @Override
    public LabelScale labelScale() {
        return LabelScale.ZSCORE;
    }

    @Override
    public String toString() {
        return "mse_sr(lambda_mse=" + lambdaMse + ", lambda_sr=" + lambdaSr + ")";
    }
}
