package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lossforge.core.loss.LossTesting.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MseSrTest {

    /** Plain-Java reference for a given permutation. */
    private static double reference(double[] p, double[] y, int[] tau, double lMse, double lSr) {
        int n = p.length;
        double mse = 0;
        double sr = 0;
        for (int i = 0; i < n; i++) {
            mse += (p[i] - y[i]) * (p[i] - y[i]);
            sr += Math.abs((p[i] - p[tau[i]]) - (y[i] - y[tau[i]]));
        }
        return lMse * mse / n + lSr * sr / n;
    }

    @Test
    void handComputedValue() {
        // seed 5 draws τ = (2, 1, 0) for n = 3 (Fisher–Yates with SplittableRandom)
        assertArrayEquals(new int[] {2, 1, 0}, MseSr.permutation(3, new SplittableRandom(5)));
        // pred (1, 0, 2), y (0, 1, 3): MSE = (1 + 1 + 1)/3 = 1
        // SR: i=0: (1 − 2) − (0 − 3) = 2; i=1: τ(1)=1 → 0; i=2: (2 − 1) − (3 − 0) = −2 → (2 + 0 + 2)/3 = 4/3
        // L = 1.0·1 + 0.1·4/3
        double v = value(new MseSr(), new double[] {1, 0, 2}, new double[] {0, 1, 3}, LossContext.single(3, 5));
        assertEquals(1 + 0.1 * 4 / 3, v, 1e-12);
        // λ_mse = 0.5, λ_sr = 2: 0.5 + 8/3
        double w = value(new MseSr(0.5, 2), new double[] {1, 0, 2}, new double[] {0, 1, 3}, LossContext.single(3, 5));
        assertEquals(0.5 + 8.0 / 3, w, 1e-12);
    }

    @Test
    void freshPermutationPerCall() {
        double[] p = gaussian(11, 6, 1);
        double[] y = gaussian(12, 6, 1);
        LossContext ctx = LossContext.single(6, 99);
        SplittableRandom mirror = new SplittableRandom(99);
        for (int call = 0; call < 3; call++) {
            int[] tau = MseSr.permutation(6, mirror);
            assertEquals(reference(p, y, tau, 1, 0.1), value(new MseSr(), p, y, ctx), 1e-12, "call " + call);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] pred = {gaussian(13, 6, 1)};
        double[][] y = {gaussian(14, 6, 1)};
        assertGradientMatchesFiniteDifferences(new MseSr(), pred, y, seeded(6, 21), 1e-6);
    }
}
