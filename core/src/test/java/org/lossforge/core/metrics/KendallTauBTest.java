package org.lossforge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KendallTauBTest {

    /** O(n²) reference straight from the definition (scipy variant b). */
    static double bruteForce(double[] x, double[] y) {
        long c = 0;
        long d = 0;
        long tx = 0; // tied in x only
        long ty = 0; // tied in y only
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double sx = Math.signum(x[i] - x[j]);
                double sy = Math.signum(y[i] - y[j]);
                if (sx == 0 && sy == 0) {
                    continue;
                } else if (sx == 0) {
                    tx++;
                } else if (sy == 0) {
                    ty++;
                } else if (sx == sy) {
                    c++;
                } else {
                    d++;
                }
            }
        }
        return (c - d) / Math.sqrt((double) (c + d + tx) * (c + d + ty));
    }

    @Test
    void handComputedWithTies() {
        // x = [1,2,2,3], y = [1,3,2,3]; pairs (i<j):
        // (0,1) C, (0,2) C, (0,3) C, (1,2) x-tie only, (1,3) y-tie only, (2,3) C
        // C = 4, D = 0, T_x = 1, T_y = 1 -> 4 / sqrt(5 * 5) = 0.8
        assertEquals(0.8, KendallTauB.of(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 3}), 1e-15);
    }

    @Test
    void handComputedWithJointTieAndDiscordance() {
        // x = [1,1,2,3,3], y = [2,2,1,3,1]; pairs (i<j):
        // (0,1) joint tie (ignored), (0,2) D, (0,3) C, (0,4) D, (1,2) D, (1,3) C, (1,4) D,
        // (2,3) C, (2,4) y-tie only, (3,4) x-tie only
        // C = 3, D = 4, T_x = 1, T_y = 1 -> (3 - 4) / sqrt(8 * 8) = -0.125
        assertEquals(-0.125,
                KendallTauB.of(new double[] {1, 1, 2, 3, 3}, new double[] {2, 2, 1, 3, 1}), 1e-15);
    }

    @Test
    void handComputedNoTies() {
        // x = [1,2,3,4], y = [2,1,4,3]: D pairs (0,1) and (2,3); the other 4 are C
        // C = 4, D = 2, no ties -> 2 / 6
        assertEquals(1.0 / 3, KendallTauB.of(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}), 1e-15);
        assertEquals(1.0, KendallTauB.of(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 0);
        assertEquals(-1.0, KendallTauB.of(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 0);
    }

    @Test
    void negativeZeroTiesWithZero() {
        // x = [0, -0.0, 1], y = [1, 2, 3]: (0,1) x-tie only, (0,2) C, (1,2) C
        // C = 2, D = 0, T_x = 1, T_y = 0 -> 2 / sqrt(3 * 2)
        assertEquals(2 / Math.sqrt(6), KendallTauB.of(new double[] {0, -0.0, 1}, new double[] {1, 2, 3}), 1e-15);
    }

    @Test
    void matchesBruteForceOnRandomDataWithManyTies() {
        for (long seed = 1; seed <= 8; seed++) {
            Random rnd = new Random(seed);
            int n = 450 + rnd.nextInt(100);
            int levelsX = 2 + rnd.nextInt(8);
            int levelsY = 2 + rnd.nextInt(8);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(levelsX) * 0.1;
                // correlated with x half of the time so that tau is not near 0
                y[i] = seed % 2 == 0 ? rnd.nextInt(levelsY) : Math.round(x[i] * 10 + rnd.nextInt(3));
            }
            assertEquals(bruteForce(x, y), KendallTauB.of(x, y), 1e-12, "seed " + seed);
        }
    }

    @Test
    void matchesBruteForceOnContinuousData() {
        Random rnd = new Random(42);
        double[] x = new double[700];
        double[] y = new double[700];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
            y[i] = x[i] + rnd.nextGaussian();
        }
        assertEquals(bruteForce(x, y), KendallTauB.of(x, y), 1e-12);
    }

    @Test
    void largeInputUsesLongCounts() {
        // n = 423,624 -> n0 ≈ 9e10 pairs, far beyond int range.
        int n = 423_624;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] neg = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i / 1000; // groups of 1000 ties (last group 624)
            y[i] = i;
            neg[i] = -i;
        }
        // y strictly increasing: every pair not tied in x is concordant, so
        // tau_b = (n0 - n1) / sqrt((n0 - n1) * n0) = sqrt((n0 - n1) / n0)
        long n0 = (long) n * (n - 1) / 2;
        long n1 = 423L * (1000L * 999 / 2) + 624L * 623 / 2;
        assertEquals(Math.sqrt((double) (n0 - n1) / n0), KendallTauB.of(x, y), 1e-12);
        assertEquals(-Math.sqrt((double) (n0 - n1) / n0), KendallTauB.of(x, neg), 1e-12);
        assertEquals(1.0, KendallTauB.of(y, y), 0);
        assertEquals(-1.0, KendallTauB.of(y, neg), 0);
    }

    @Test
    void invalidInputThrows() {
        KendallTauB m = new KendallTauB();
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> m.compute(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.compute(new double[] {3, 3, 3}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("truth is constant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {1, 2, 3}, new double[] {5, 5, 5}));
        assertTrue(e.getMessage().contains("pred is constant"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {1}, new double[] {1}));
        assertEquals("kendall_tau_b", m.name());
    }

    @Test
    void sortCountingInversionsCountsStrictInversions() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            double[] a = new double[1 + rnd.nextInt(300)];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(5);
            }
            long expected = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = i + 1; j < a.length; j++) {
                    if (a[i] > a[j]) {
                        expected++;
                    }
                }
            }
            double[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            assertEquals(expected, KendallTauB.sortCountingInversions(a));
            assertTrue(java.util.Arrays.equals(sorted, a));
        }
    }
}
