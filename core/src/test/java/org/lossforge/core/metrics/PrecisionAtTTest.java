package org.lossforge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrecisionAtTTest {

    // truth order (desc, lower index first on ties): 1(9) 2(9) 8(7) 9(6) 0(5) 6(4) 5(3) 4(2) 3(1) 7(0)
    static final double[] TRUTH = {5, 9, 9, 1, 2, 3, 4, 0, 7, 6};
    // pred order:                                    1(8) 3(8) 4(8) 9(6) 8(5) 7(4) 6(3) 5(2) 2(1) 0(0)
    static final double[] PRED = {0, 8, 1, 8, 8, 2, 3, 4, 5, 6};

    static double p(double t) {
        return new PrecisionAtT(t).compute(TRUTH, PRED);
    }

    @Test
    void handComputedWithTies() {
        // T=10 -> k=1: true top {1} (1 beats its tie 2 by index), pred top {1} -> 1
        assertEquals(1.0, p(10), 0);
        // T=15 -> k=floor(1.5)=1 -> same as above
        assertEquals(1.0, p(15), 0);
        // T=20 -> k=2: true {1,2}, pred {1,3} (3 beats its tie 4 by index) -> 1/2
        assertEquals(0.5, p(20), 0);
        // T=30 -> k=3: true {1,2,8}, pred {1,3,4} -> 1/3
        assertEquals(1.0 / 3, p(30), 0);
        // T=50 -> k=5: true {1,2,8,9,0}, pred {1,3,4,9,8} -> {1,8,9} -> 3/5
        assertEquals(0.6, p(50), 0);
        // T=100 -> everything
        assertEquals(1.0, p(100), 0);
    }

    @Test
    void kIsExactInDecimal() {
        assertEquals(57, PrecisionAtT.k(10_000, 0.57)); // in binary floating point 10000 * 0.57 / 100 = 56.99999999999999
        assertEquals(1, PrecisionAtT.k(1000, 0.1));
        assertEquals(0, PrecisionAtT.k(199, 0.5));
        assertEquals(1, PrecisionAtT.k(200, 0.5));
        assertEquals(4236, PrecisionAtT.k(423_624, 1));
        assertEquals("precision_at_0.5", new PrecisionAtT(0.5).name());
        assertEquals("precision_at_10", new PrecisionAtT(10).name());
    }

    @Test
    void spaceTooSmallThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p(5)); // k = floor(0.5) = 0
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }

    @Test
    void invalidInputThrows() {
        assertThrows(IllegalArgumentException.class, () -> new PrecisionAtT(0));
        assertThrows(IllegalArgumentException.class, () -> new PrecisionAtT(-1));
        assertThrows(IllegalArgumentException.class, () -> new PrecisionAtT(100.5));
        assertThrows(IllegalArgumentException.class, () -> new PrecisionAtT(Double.NaN));
        PrecisionAtT m = new PrecisionAtT(50);
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
