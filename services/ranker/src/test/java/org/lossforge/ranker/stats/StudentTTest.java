package org.lossforge.ranker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Student's t against published table values (to 3 decimals) and reference values (to 1e-6). */
class StudentTTest {

    @Test
    void tableValuesOfT975() {
        // the usual two-sided 95% table
        assertEquals(12.706, StudentT.t975(1), 5e-4);
        assertEquals(4.303, StudentT.t975(2), 5e-4);
        assertEquals(3.182, StudentT.t975(3), 5e-4);
        assertEquals(2.776, StudentT.t975(4), 5e-4);
        assertEquals(2.571, StudentT.t975(5), 5e-4);
        assertEquals(2.262, StudentT.t975(9), 5e-4);
        assertEquals(2.228, StudentT.t975(10), 5e-4);
        assertEquals(2.086, StudentT.t975(20), 5e-4);
        assertEquals(2.045, StudentT.t975(29), 5e-4);
        assertEquals(2.042, StudentT.t975(30), 5e-4);
        assertEquals(2.021, StudentT.t975(40), 5e-4);
        assertEquals(1.984, StudentT.t975(100), 5e-4);
    }

    @Test
    void referenceValuesToSixDecimals() {
        // R: qt(0.975, df)
        assertEquals(12.7062047362, StudentT.t975(1), 1e-6);
        assertEquals(2.7764451052, StudentT.t975(4), 1e-6);
        assertEquals(2.2621571628, StudentT.t975(9), 1e-6);
        assertEquals(2.0452296421, StudentT.t975(29), 1e-6);
        assertEquals(1.9623390808, StudentT.t975(1000), 1e-6);
        // other levels: qt(0.995, 10), qt(0.95, 5), qt(0.9995, 1)
        assertEquals(3.1692726726, StudentT.quantile(0.995, 10), 1e-6);
        assertEquals(2.0150483733, StudentT.quantile(0.95, 5), 1e-6);
        assertEquals(636.6192487, StudentT.quantile(0.9995, 1), 1e-4);
    }

    @Test
    void largeDegreesOfFreedomApproachTheNormal() {
        double z975 = 1.959963984540054;
        assertEquals(z975, StudentT.t975(1_000_000), 1e-5);
        assertEquals(z975, StudentT.t975(100_000_000), 1e-6);
        for (int df = 1; df < 200; df++) {
            assertTrue(StudentT.t975(df) > StudentT.t975(df + 1), "decreasing in df at " + df);
            assertTrue(StudentT.t975(df) > z975);
        }
    }

    @Test
    void cdfClosedForms() {
        assertEquals(0.5, StudentT.cdf(0, 7), 1e-15);
        // df 1 is Cauchy: 1/2 + atan(t)/pi
        for (double t : new double[] {-3, -0.5, 0.25, 1, 12.706}) {
            assertEquals(0.5 + Math.atan(t) / Math.PI, StudentT.cdf(t, 1), 1e-12, "t=" + t);
        }
        // df 2: 1/2 + t / (2 sqrt(2 + t^2))
        for (double t : new double[] {-2, 0.3, 4.303}) {
            assertEquals(0.5 + t / (2 * Math.sqrt(2 + t * t)), StudentT.cdf(t, 2), 1e-12, "t=" + t);
        }
        assertEquals(1.0, StudentT.cdf(Double.POSITIVE_INFINITY, 3));
        assertEquals(0.0, StudentT.cdf(Double.NEGATIVE_INFINITY, 3));
    }

    @Test
    void quantileInvertsTheCdfAndIsSymmetric() {
        for (int df : new int[] {1, 2, 3, 7, 30, 250}) {
            for (double p : new double[] {0.6, 0.9, 0.975, 0.999}) {
                double t = StudentT.quantile(p, df);
                assertEquals(p, StudentT.cdf(t, df), 1e-12, "df=" + df + " p=" + p);
                assertEquals(-t, StudentT.quantile(1 - p, df), 1e-9);
            }
        }
        assertEquals(0.0, StudentT.quantile(0.5, 4));
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> StudentT.t975(0));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1.0, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.0, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(Double.NaN, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentT.cdf(1, 0));
    }

    @Test
    void logGammaKnownValues() {
        assertEquals(0.0, StudentT.logGamma(1), 1e-14);
        assertEquals(0.0, StudentT.logGamma(2), 1e-14);
        assertEquals(Math.log(24), StudentT.logGamma(5), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-14);
    }

    @Test
    void theCachedCriticalValueIsTheQuantileItself() {
        for (int round = 0; round < 2; round++) {   // the first round fills the cache, the second reads it
            for (int df : new int[]{1, 2, 9, 29, 554, StudentT.T975_CACHED, StudentT.T975_CACHED + 1}) {
                org.junit.jupiter.api.Assertions.assertEquals(StudentT.quantile(0.975, df), StudentT.t975(df), 0.0,
                        "df " + df);
            }
        }
    }
}
