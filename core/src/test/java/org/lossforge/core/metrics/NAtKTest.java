package org.lossforge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NAtKTest {

    // true competition ranks: idx1,idx2 (9) -> 1; idx8 (7) -> 3; idx9 (6) -> 4; idx0 (5) -> 5; ...
    static final double[] TRUTH = {5, 9, 9, 1, 2, 3, 4, 0, 7, 6};
    // pred order: 0(9) 9(9) 8(8) 2(2) 1(1) 3 4 5 6 7 (0 beats its tie 9 by lower index)
    static final double[] PRED = {9, 1, 2, 0, 0, 0, 0, 0, 8, 9};

    @Test
    void handComputedWithTies() {
        assertEquals(5, new NAtK(1).compute(TRUTH, PRED), 0); // {0}: rank 5 (not 4: tie-break keeps 9 out)
        assertEquals(4, new NAtK(2).compute(TRUTH, PRED), 0); // {0,9}: min(5,4)
        assertEquals(3, new NAtK(3).compute(TRUTH, PRED), 0); // + 8: rank 3
        assertEquals(1, new NAtK(4).compute(TRUTH, PRED), 0); // + 2: truth 9 tied with idx 1, shares rank 1
        assertEquals(1, new NAtK(10).compute(TRUTH, PRED), 0);
        assertEquals("n_at_5", new NAtK(5).name());
    }

    @Test
    void invalidKOrInputThrows() {
        assertThrows(IllegalArgumentException.class, () -> new NAtK(0));
        assertThrows(IllegalArgumentException.class, () -> new NAtK(11).compute(TRUTH, PRED));
        assertThrows(IllegalArgumentException.class, () -> new NAtK(1).compute(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new NAtK(1).compute(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> new NAtK(1).compute(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}));
    }
}
