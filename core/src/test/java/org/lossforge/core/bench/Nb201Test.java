package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class Nb201Test {
    private final Benchmark b = Benchmarks.get("nb201");

    @Test
    void sizeDatasetsMetricsDefaults() {
        assertEquals(15625, b.size());
        assertEquals(List.of("cifar10", "cifar100", "imagenet16"), b.datasets());
        for (String ds : b.datasets()) {
            assertEquals(List.of("valid", "test"), b.metrics(ds));
            assertEquals("valid", b.defaultTrainMetric(ds));
            assertEquals("test", b.defaultEvalMetric(ds));
        }
        assertEquals(8, b.maxNodes());
        assertEquals(7, b.numOpTypes());
    }

    @Test
    void bestTestErrorsMatchPublishedOptima() {
        assertEquals(5.63, BenchAssert.round2(100 - BenchAssert.max(b.truthColumn("cifar10", "test"))), 1e-9);
        assertEquals(26.49, BenchAssert.round2(100 - BenchAssert.max(b.truthColumn("cifar100", "test"))), 1e-9);
        assertEquals(52.69, BenchAssert.round2(100 - BenchAssert.max(b.truthColumn("imagenet16", "test"))), 1e-9);
    }

    @Test
    void bestValidAccuracies() {
        assertEquals(91.57, BenchAssert.round2(BenchAssert.max(b.truthColumn("cifar10", "valid"))), 1e-9);
        assertEquals(73.26, BenchAssert.round2(BenchAssert.max(b.truthColumn("cifar100", "valid"))), 1e-9);
        assertEquals(47.33, BenchAssert.round2(BenchAssert.max(b.truthColumn("imagenet16", "valid"))), 1e-9);
    }

    @Test
    void firstRowsJoinBothTables() {
        // row 0 of nats_bench.csv and nb201_valid_acc_naslib.csv
        assertEquals("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
                b.archId(0));
        assertEquals(85.86333333333334, b.truth(0, "cifar10", "test"), 0);
        assertEquals(81.9, b.truth(0, "cifar10", "valid"), 0);
        assertEquals(25.76666661580404, b.truth(0, "imagenet16", "valid"), 0);
    }

    /** Index 1, worked by hand: edges (0→1),(0→2),(1→2),(0→3),(1→3),(2→3) become nodes 1…6. */
    @Test
    void handWorkedEncoding() {
        String arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
        int i = b.indexOf(arch);
        assertEquals(1, i);
        int[][] adjacency = {
            //   in  e01 e02 e12 e03 e13 e23 out
            {0, 1, 1, 0, 1, 0, 0, 0}, // input → ops on edges leaving cell node 0
            {0, 0, 0, 1, 0, 1, 0, 0}, // (0→1) ends at 1 → (1→2), (1→3)
            {0, 0, 0, 0, 0, 0, 1, 0}, // (0→2) ends at 2 → (2→3)
            {0, 0, 0, 0, 0, 0, 1, 0}, // (1→2) ends at 2 → (2→3)
            {0, 0, 0, 0, 0, 0, 0, 1}, // (0→3) → output
            {0, 0, 0, 0, 0, 0, 0, 1}, // (1→3) → output
            {0, 0, 0, 0, 0, 0, 0, 1}, // (2→3) → output
            {0, 0, 0, 0, 0, 0, 0, 0},
        };
        // input, nor_conv_3x3, nor_conv_3x3, avg_pool_3x3, skip_connect, nor_conv_3x3, skip_connect, output
        int[] ops = {0, 2, 2, 3, 4, 2, 4, 6};
        ArchEncoding e = b.encode(i);
        assertEquals(8, e.nodes());
        assertArrayEquals(adjacency, e.adjacency());
        assertArrayEquals(ops, e.ops());
        assertEquals(7, e.numOpTypes());
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0}, e.oneHot()[1]);

        // none edges stay as nodes of type none (5); the adjacency does not depend on the ops
        ArchEncoding n = Nb201.encodeArchString(
                "|none~0|+|skip_connect~0|none~1|+|nor_conv_1x1~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        assertArrayEquals(new int[] {0, 5, 4, 5, 1, 3, 2, 6}, n.ops());
        assertArrayEquals(adjacency, n.adjacency());
        assertArrayEquals(n.ops(),
                b.encode(b.indexOf("|none~0|+|skip_connect~0|none~1|+|nor_conv_1x1~0|avg_pool_3x3~1|nor_conv_3x3~2|")).ops());
    }

    @Test
    void encodingsAreFreshCopies() {
        ArchEncoding a = b.encode(5);
        a.adjacency()[0][1] = 0;
        a.ops()[1] = 6;
        assertEquals(1, b.encode(5).adjacency()[0][1]);
        assertNotSame(a.ops(), b.encode(5).ops());
    }

    @Test
    void idsAndEncodingsOfWholeSpace() {
        BenchAssert.idsRoundTrip(b);
        BenchAssert.encodingsWellFormed(b);
    }

    @Test
    void badArguments() {
        BenchAssert.unknownDatasetAndMetric(b);
        assertThrows(IllegalArgumentException.class, () -> Nb201.encodeArchString("|nor_conv_3x3~1|+|x|"));
        assertThrows(IllegalArgumentException.class,
                () -> Nb201.encodeArchString("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
    }
}
