package org.lossforge.core.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;

class OracleFitTest {

    static final Benchmark NB201 = Benchmarks.get("nb201");
    static final String VALID = NB201.defaultTrainMetric("cifar10");

    @Test
    void withoutNoiseTheScoresAreTheTrainMetricColumnInFloat32() {
        double[] truth = NB201.truthColumn("cifar10", VALID);
        float[] s = OracleFit.fit(NB201, "cifar10", VALID, "mse", 11, 0.0).scores();
        assertEquals(15_625, s.length);
        for (int i = 0; i < s.length; i++) {
            assertEquals((float) truth[i], s[i], 0.0f, "architecture " + i);
        }
    }

    @Test
    void theSameTrialGivesTheSameScoresAndAnotherLossOrSeedOthers() {
        float[] a = OracleFit.fit(NB201, "cifar10", VALID, "hr", 11, 1.0).scores();
        assertArrayEquals(a, OracleFit.fit(NB201, "cifar10", VALID, "hr", 11, 1.0).scores());
        float[] otherLoss = OracleFit.fit(NB201, "cifar10", VALID, "mse", 11, 1.0).scores();
        float[] otherSeed = OracleFit.fit(NB201, "cifar10", VALID, "hr", 12, 1.0).scores();
        assertNotEquals(a[0], otherLoss[0]);
        assertNotEquals(a[0], otherSeed[0]);
    }

    @Test
    void theNoiseIsStandardNormalTimesTheGivenDeviation() {
        double[] truth = NB201.truthColumn("cifar10", VALID);
        double sd = 2.0;
        float[] s = OracleFit.fit(NB201, "cifar10", VALID, "listmle", 5, sd).scores();
        double sum = 0, sq = 0;
        for (int i = 0; i < s.length; i++) {
            double e = s[i] - truth[i];
            sum += e;
            sq += e * e;
        }
        double n = s.length, mean = sum / n, var = sq / n - mean * mean;
        // 15,625 draws: the mean's standard error is 2/125 = 0.016, the sd's about 2/sqrt(2n) = 0.011
        assertEquals(0.0, mean, 5 * 0.016);
        assertEquals(sd, Math.sqrt(var), 5 * 0.0114);
    }

    @Test
    void boxMullerByHand() {
        SplittableRandom r = new SplittableRandom(3);
        double u1 = 1.0 - r.nextDouble(), u2 = r.nextDouble();
        double expected = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        assertEquals(expected, OracleFit.gaussian(new SplittableRandom(3)), 0.0);
    }

    @Test
    void theStreamSeedMixesTheLossTextByFnv1a() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (the published test vector)
        assertEquals(0xaf63dc4c8601ec8cL, OracleFit.streamSeed(0, "a"));
        assertEquals(0x9E3779B97F4A7C15L ^ 0xaf63dc4c8601ec8cL, OracleFit.streamSeed(1, "a"));
    }

    @Test
    void aNegativeOrInfiniteNoiseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OracleFit.fit(NB201, "cifar10", VALID, "mse", 1, -1));
        assertThrows(IllegalArgumentException.class, () -> OracleFit.fit(NB201, "cifar10", VALID, "mse", 1, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> OracleFit.fit(NB201, "cifar10", VALID, "mse", 1, Double.POSITIVE_INFINITY));
        assertTrue(OracleFit.fit(NB201, "cifar10", VALID, "mse", 1, 0).scores().length > 0);
    }
}
