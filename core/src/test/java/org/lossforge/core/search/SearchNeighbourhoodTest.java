package org.lossforge.core.search;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.bench.Nb201;

class SearchNeighbourhoodTest {

    /** Ops of the six NB201 edges, from the arch string. */
    static String[] edges(Benchmark b, int i) {
        return b.archId(i).replace("|+|", "|").replaceAll("~\\d", "").replaceAll("^\\||\\|$", "").split("\\|");
    }

    @Test
    void nb201OneMutationChangesTheOpOfExactlyOneEdge() {
        Benchmark b = Benchmarks.get("nb201");
        Neighbourhood nb = new Neighbourhood(b);
        for (int a : new int[] {0, 777, 15624}) {
            int[] ring = nb.nearestRing(a);
            assertEquals(24, ring.length, "6 edges x 4 other ops");
            for (int n : ring) {
                String[] x = edges(b, a), y = edges(b, n);
                int diff = 0;
                for (int e = 0; e < 6; e++) {
                    diff += x[e].equals(y[e]) ? 0 : 1;
                }
                assertEquals(1, diff, b.archId(a) + " vs " + b.archId(n));
            }
        }
        assertEquals(5, Nb201.OP_TYPES.size() - 2);
    }

    @Test
    void tnb101MicroHasEighteenOneEditNeighbours() {
        Neighbourhood nb = new Neighbourhood(Benchmarks.get("tnb101-micro"));
        assertEquals(18, nb.nearestRing(100).length, "6 edges x 3 other ops");
    }

    @Test
    void nearestTakesTheClosestRingFirstAndRespectsTheFilter() {
        Benchmark b = Benchmarks.get("nb201");
        Neighbourhood nb = new Neighbourhood(b);
        int[] ring = nb.nearestRing(5);
        java.util.Set<Integer> banned = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            banned.add(ring[i]);
        }
        int[] got = nb.nearest(5, 10, a -> !banned.contains(a), new SplittableRandom(1));
        assertEquals(10, got.length);
        int ones = 0;
        for (int g : got) {
            assertFalse(banned.contains(g));
            int d = nb.distance(5, g);
            ones += d == 1 ? 1 : 0;
            assertTrue(d <= 2);
        }
        assertEquals(4, ones, "the 4 allowed one-edit neighbours first, then distance 2");
        assertArrayEquals(got, nb.nearest(5, 10, a -> !banned.contains(a), new SplittableRandom(1)));
    }

    @Test
    void nb101SubsetMutantsAreItsNearestMembers() {
        Benchmark b = Benchmarks.get("nb101");
        Neighbourhood nb = new Neighbourhood(b);
        int[] got = nb.nearest(0, 9, a -> true, new SplittableRandom(2));
        assertEquals(9, got.length);
        int[] ring = nb.nearestRing(0);
        assertTrue(ring.length >= 1);
        int closest = nb.distance(0, ring[0]);
        assertEquals(closest, nb.distance(0, got[0]));
        for (int i = 1; i < got.length; i++) {
            assertTrue(nb.distance(0, got[i]) >= nb.distance(0, got[i - 1]), "nearest first");
        }
    }
}
