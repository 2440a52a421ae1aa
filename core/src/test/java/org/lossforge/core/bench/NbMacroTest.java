package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NbMacroTest {
    private final Benchmark b = Benchmarks.get("nbmacro");

    @Test
    void sizeMetricsDefaults() {
        assertEquals(6561, b.size());
        assertEquals(List.of("cifar10"), b.datasets());
        assertEquals(List.of("mean", "run1", "run2", "run3"), b.metrics("cifar10"));
        assertEquals("run1", b.defaultTrainMetric("cifar10"));
        assertEquals("mean", b.defaultEvalMetric("cifar10"));
        BenchAssert.unknownDatasetAndMetric(b);
        BenchAssert.idsRoundTrip(b);
        BenchAssert.encodingsWellFormed(b);
    }

    @Test
    void bestMean() {
        double[] mean = b.truthColumn("cifar10", "mean");
        int best = BenchAssert.argmax(mean);
        assertEquals("22212220", b.archId(best));
        assertEquals(93.12666320800781, mean[best], 0); // published as 93.127
        assertEquals(93.13, BenchAssert.round2(mean[best]), 1e-9);
        assertEquals(93.27999877929688, b.truth(best, "cifar10", "run1"), 0);
    }

    @Test
    void chainEncoding() {
        ArchEncoding e = b.encode(b.indexOf("22212220"));
        assertEquals(10, e.nodes());
        // input, k5e6, k5e6, k5e6, k3e3, k5e6, k5e6, k5e6, identity, output
        assertArrayEquals(new int[] {0, 3, 3, 3, 2, 3, 3, 3, 1, 4}, e.ops());
        int[][] adj = new int[10][10];
        for (int i = 0; i < 9; i++) {
            adj[i][i + 1] = 1;
        }
        assertArrayEquals(adj, e.adjacency());
        assertEquals(5, e.numOpTypes());
    }
}
