package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/** Shared checks for the benchmark tests. */
final class BenchAssert {
    private BenchAssert() {}

    static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static double round2(double x) {
        return Math.round(x * 100.0) / 100.0;
    }

    /** Every id round-trips through indexOf, and an unknown id is refused with its name in the message. */
    static void idsRoundTrip(Benchmark b) {
        for (int i = 0; i < b.size(); i++) {
            assertEquals(i, b.indexOf(b.archId(i)), b.name() + " index " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.indexOf("no-such-arch"));
        assertTrue(e.getMessage().contains("no-such-arch") && e.getMessage().contains(b.name()), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> b.archId(b.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> b.encode(-1));
    }

    /** Shape invariants of every encoding: padded size, op range, DAG upper-triangular, padding isolated. */
    static void encodingsWellFormed(Benchmark b) {
        int n = b.maxNodes();
        for (int i = 0; i < b.size(); i++) {
            ArchEncoding e = b.encode(i);
            assertEquals(n, e.adjacency().length);
            assertEquals(n, e.ops().length);
            assertEquals(b.numOpTypes(), e.numOpTypes());
            assertTrue(e.nodes() >= 2 && e.nodes() <= n);
            assertEquals(0, e.ops()[0], "node 0 is input");
            assertEquals(b.numOpTypes() - 1, e.ops()[e.nodes() - 1], "last real node is output");
            for (int a = 0; a < n; a++) {
                boolean pad = a >= e.nodes();
                assertTrue(pad ? e.ops()[a] == -1 : e.ops()[a] >= 0 && e.ops()[a] < b.numOpTypes());
                assertEquals(n, e.adjacency()[a].length);
                for (int c = 0; c < n; c++) {
                    int x = e.adjacency()[a][c];
                    assertTrue(x == 0 || x == 1);
                    if (x == 1) {
                        assertTrue(a < c && c < e.nodes(), b.name() + " " + i + " edge " + a + "->" + c);
                    }
                }
            }
        }
    }

    /** Unknown dataset and metric give IllegalArgumentException naming the known ones. */
    static void unknownDatasetAndMetric(Benchmark b) {
        String ds = b.datasets().get(0);
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> b.truth(0, "mnist", "valid"));
        assertTrue(d.getMessage().contains("mnist") && d.getMessage().contains(ds), d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.metrics("mnist"));
        assertThrows(IllegalArgumentException.class, () -> b.truthColumn("mnist", "valid"));
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> b.truth(0, ds, "bogus"));
        assertTrue(m.getMessage().contains("bogus") && m.getMessage().contains(b.metrics(ds).get(0)), m.getMessage());
    }
}
