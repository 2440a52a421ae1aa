package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.core.loss.LossTesting.*;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class ListMleTest {

    /** Plain-Java reference: z already in true order, stable log-sum-exp per suffix. */
    private static double reference(double[] zInTrueOrder) {
        int n = zInTrueOrder.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = i; k < n; k++) {
                max = Math.max(max, zInTrueOrder[k]);
            }
            double s = 0;
            for (int k = i; k < n; k++) {
                s += Math.exp(zInTrueOrder[k] - max);
            }
            total += max + Math.log(s) - zInTrueOrder[i];
        }
        return total;
    }

    @Test
    void handComputedValue() {
        // pred (1, 2, 0), y (0.9, 0.1, 0.5) → π = (0, 2, 1), z = ŷ_π = (1, 0, 2)
        // i=1: log(e + 1 + e²) − 1 = log(11.107337927389695) − 1 = 1.4076059644443806
        // i=2: log(1 + e²) − 0      = 2.1269280110429727
        // i=3: log(e²) − 2           = 0
        // sum = 3.5345339754873533; mean = sum/3
        double e = Math.E;
        double sum = Math.log(e + 1 + e * e) - 1 + Math.log(1 + e * e);
        assertEquals(3.5345339754873533, sum, 1e-14);
        double[] p = {1, 2, 0};
        double[] y = {0.9, 0.1, 0.5};
        assertEquals(sum, value(new ListMle(), p, y), 1e-12);
        assertEquals(sum / 3, value(new ListMle(1, "mean"), p, y), 1e-12);
        // T = 2: z = (0.5, 0, 1): [log(e^0.5 + 1 + e) − 0.5] + [log(1 + e) − 0] + 0
        double t2 = Math.log(Math.exp(0.5) + 1 + e) - 0.5 + Math.log(1 + e);
        assertEquals(t2, value(new ListMle(2, "sum"), p, y), 1e-12);
    }

    @Test
    void tiesBrokenByLowerIndexFirst() {
        double[] p = {0.3, -1.2, 0.7};
        // y (1, 1, 0): π = (0, 1, 2), the same order as y (2, 1, 0)
        assertEquals(value(new ListMle(), p, new double[] {2, 1, 0}), value(new ListMle(), p, new double[] {1, 1, 0}), 1e-12);
        assertEquals(reference(p), value(new ListMle(), p, new double[] {1, 1, 0}), 1e-12);
    }

    @Test
    void stableForScoresAroundPlusMinus1000() {
        double[] p = {1000, -1000, 999.5, -1000, 1000};
        double[] y = {5, 4, 3, 2, 1}; // true order = index order
        double v = value(new ListMle(), p, y);
        assertTrue(Double.isFinite(v), "finite: " + v);
        assertEquals(reference(p), v, 1e-9);
        // worst case for a single global shift: the last suffixes hold only −1000 while the row max is +1000
        double[] q = {1000, 1000, -1000, -1000};
        assertEquals(reference(q), value(new ListMle(), q, new double[] {4, 3, 2, 1}), 1e-9);
        double f = values(new ListMle(), new double[][] {q}, new double[][] {{4, 3, 2, 1}}, LossContext.single(4, 0),
                DataType.FLOAT32)[0];
        assertTrue(Double.isFinite(f), "float32 finite: " + f);
        assertEquals(reference(q), f, 1e-3);
        double[][] g = autogradGradient(new ListMle(), new double[][] {q}, new double[][] {{4, 3, 2, 1}},
                single(4), DataType.FLOAT64);
        for (double x : g[0]) {
            assertTrue(Double.isFinite(x), "finite gradient");
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] pred = {gaussian(15, 6, 2)};
        double[][] y = {gaussian(16, 6, 1)};
        assertGradientMatchesFiniteDifferences(new ListMle(), pred, y, single(6), 1e-6);
        assertGradientMatchesFiniteDifferences(new ListMle(0.5, "mean"), pred, y, single(6), 1e-6);
    }

    @Test
    void invariantToShiftingPredictionsAndLabels() {
        double[] p = gaussian(17, 8, 1.5);
        double[] y = gaussian(18, 8, 1);
        double v = value(new ListMle(), p, y);
        assertEquals(v, value(new ListMle(), plus(p, 7.5), y), 1e-12);
        assertEquals(v, value(new ListMle(), p, plus(y, -3.0)), 1e-12);
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new ListMle(0, "sum"));
        assertThrows(IllegalArgumentException.class, () -> new ListMle(1, "max"));
    }
}
