package org.lossforge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RanksTest {

    @Test
    void descendingOrderBreaksTiesByLowerIndex() {
        double[] v = {5, 9, 9, 1, 2, 3, 4, 0, 7, 6};
        assertArrayEquals(new int[] {1, 2, 8, 9, 0, 6, 5, 4, 3, 7}, Ranks.descendingOrder(v));
        assertArrayEquals(new int[] {0, 1, 2}, Ranks.descendingOrder(new double[] {0.0, -0.0, 0.0}));
    }

    @Test
    void descendingOrderMatchesBoxedStableSortOnLargeInput() {
        Random rnd = new Random(3);
        double[] v = new double[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(50);
        }
        int[] expected = IntStream.range(0, v.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -v[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, Ranks.descendingOrder(v));
    }

    @Test
    void averageAndCompetitionRanks() {
        double[] v = {10, 30, 20, 30, 30, 5};
        // descending: 30 x3 occupy ranks 1..3 -> 2; 20 -> 4; 10 -> 5; 5 -> 6
        assertArrayEquals(new double[] {5, 2, 4, 2, 2, 6}, Ranks.averageRanks(v), 0);
        assertArrayEquals(new int[] {5, 1, 4, 1, 1, 6}, Ranks.competitionRanks(v, Ranks.descendingOrder(v)));
    }

    @Test
    void validation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ranks.requireValid(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("truth has 2 values but pred has 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Ranks.requireValid(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("pred[1] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ranks.requireValid(new double[0], new double[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
