package org.lossforge.ranker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-computed summaries. */
class SummaryTest {

    static final double EPS = 1e-9;

    @Test
    void fiveValues() {
        // mean 3; squares 4+1+0+1+4 = 10; std = sqrt(10/4) = 1.5811388301; half = t(.975,4) * std / sqrt(5)
        //   = 2.7764451052 * 0.7071067812 = 1.9632431615
        Summary s = Summary.of(1, 2, 3, 4, 5);
        assertEquals(5, s.n());
        assertEquals(3.0, s.mean(), EPS);
        assertEquals(1.5811388301, s.std(), 1e-9);
        assertEquals(3 - 1.9632431615, s.ci95Low(), 1e-8);
        assertEquals(3 + 1.9632431615, s.ci95High(), 1e-8);
        assertEquals(1.9632431615, s.ci95HalfWidth(), 1e-8);
        assertEquals(1.0, s.min());
        assertEquals(5.0, s.max());
    }

    @Test
    void twoValuesUseTheWideT() {
        // mean 0.3; std = sqrt(0.01 + 0.01) = 0.1414213562; half = 12.7062047362 * 0.1414213562 / sqrt(2) = 1.2706204736
        Summary s = Summary.of(0.2, 0.4);
        assertEquals(0.3, s.mean(), EPS);
        assertEquals(0.1414213562, s.std(), 1e-9);
        assertEquals(0.3 - 1.2706204736, s.ci95Low(), 1e-8);
        assertEquals(0.3 + 1.2706204736, s.ci95High(), 1e-8);
    }

    @Test
    void tenValues() {
        // 0.50 .. 0.59 step 0.01: mean 0.545; sum of squares = 0.01^2 * 82.5 = 0.00825; std = sqrt(0.00825 / 9)
        //   = 0.0302765035; half = 2.2621571628 * 0.0302765035 / sqrt(10) = 0.0216585059
        double[] v = new double[10];
        for (int i = 0; i < 10; i++) {
            v[i] = 0.50 + 0.01 * i;
        }
        Summary s = Summary.of(v);
        assertEquals(0.545, s.mean(), EPS);
        assertEquals(0.0302765035, s.std(), 1e-9);
        assertEquals(0.0216585059, s.ci95HalfWidth(), 1e-9);
    }

    @Test
    void oneValueHasZeroStdAndAPointInterval() {
        Summary s = Summary.of(0.42);
        assertEquals(new Summary(1, 0.42, 0, 0.42, 0.42, 0.42, 0.42), s);
    }

    @Test
    void noValuesIsAllNaN() {
        for (Summary s : new Summary[] {Summary.of(), Summary.of(Double.NaN, Double.NaN)}) {
            assertEquals(0, s.n());
            assertTrue(Double.isNaN(s.mean()) && Double.isNaN(s.std()) && Double.isNaN(s.ci95Low())
                    && Double.isNaN(s.ci95High()) && Double.isNaN(s.min()) && Double.isNaN(s.max()));
        }
    }

    @Test
    void nonFiniteValuesAreSkipped() {
        Summary s = Summary.of(1, Double.NaN, 3, Double.POSITIVE_INFINITY);
        assertEquals(2, s.n());
        assertEquals(2.0, s.mean(), EPS);
        assertEquals(Math.sqrt(2), s.std(), EPS);
        assertEquals(3.0, s.max());
    }

    @Test
    void largeOffsetsKeepPrecision() {
        Summary s = Summary.of(1e9 + 1, 1e9 + 2, 1e9 + 3);
        assertEquals(1e9 + 2, s.mean(), 1e-6);
        assertEquals(1.0, s.std(), 1e-6);
    }
}
