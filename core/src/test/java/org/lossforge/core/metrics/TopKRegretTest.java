package org.lossforge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopKRegretTest {

    @Test
    void handComputed() {
        double[] truth = NAtKTest.TRUTH; // max 9
        double[] pred = NAtKTest.PRED;   // pred order 0 9 8 2 ... (truth 5, 6, 7, 9)
        assertEquals(4, new TopKRegret(1).compute(truth, pred), 0); // 9 - 5
        assertEquals(3, new TopKRegret(2).compute(truth, pred), 0); // 9 - 6
        assertEquals(2, new TopKRegret(3).compute(truth, pred), 0); // 9 - 7
        assertEquals(0, new TopKRegret(4).compute(truth, pred), 0); // 9 - 9
        // negative truths: max -0.1; pred top-1 is idx 0 (truth -0.5) -> 0.4
        assertEquals(0.4, new TopKRegret(1).compute(new double[] {-0.5, -0.1, -0.3}, new double[] {3, 1, 2}), 1e-15);
        assertEquals("regret_at_10", new TopKRegret(10).name());
    }

    @Test
    void invalidThrows() {
        assertThrows(IllegalArgumentException.class, () -> new TopKRegret(0));
        assertThrows(IllegalArgumentException.class, () -> new TopKRegret(4).compute(new double[] {1, 2, 3}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> new TopKRegret(1).compute(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new TopKRegret(1).compute(new double[] {Double.NaN}, new double[] {1}));
    }
}
