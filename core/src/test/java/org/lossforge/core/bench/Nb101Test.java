package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Nb101Test {
    private final Nb101 b = (Nb101) Benchmarks.get("nb101");

    @Test
    void validationOnlySubset() {
        assertEquals(30001, b.size());
        assertEquals(List.of("cifar10"), b.datasets());
        assertEquals(List.of("valid", "valid_4ep", "valid_12ep", "valid_36ep"), b.metrics("cifar10"));
        assertEquals("valid", b.defaultTrainMetric("cifar10"));
        assertEquals("valid", b.defaultEvalMetric("cifar10"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.truth(0, "cifar10", "test"));
        assertTrue(e.getMessage().contains("test"), e.getMessage());
        BenchAssert.unknownDatasetAndMetric(b);
    }

    @Test
    void bestValidIsPercent() {
        double[] v = b.truthColumn("cifar10", "valid");
        assertEquals(94.91, BenchAssert.round2(BenchAssert.max(v)), 1e-9);
        assertEquals("096f593e0f12d65f6220bf8565b764a9", b.archId(BenchAssert.argmax(v)));
        assertEquals(93.04887652397156, b.truth(0, "cifar10", "valid"), 1e-9);
        assertEquals(36.04767620563507, b.truth(0, "cifar10", "valid_4ep"), 1e-9);
    }

    /** Row 23, a 6-vertex cell, worked by hand from its matrix string 010110001001000100000011000001000000. */
    @Test
    void paddedSixVertexCell() {
        int i = b.indexOf("00040b38293651f17fb665401c671bbb");
        assertEquals(23, i);
        ArchEncoding e = b.encode(i);
        assertEquals(6, e.nodes());
        int[][] adjacency = {
            {0, 1, 0, 1, 1, 0, 0},
            {0, 0, 1, 0, 0, 1, 0},
            {0, 0, 0, 1, 0, 0, 0},
            {0, 0, 0, 0, 1, 1, 0},
            {0, 0, 0, 0, 0, 1, 0},
            {0, 0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0},
        };
        assertArrayEquals(adjacency, e.adjacency());
        // input, conv3x3, conv3x3, maxpool3x3, conv3x3, output, padding
        assertArrayEquals(new int[] {0, 1, 1, 3, 1, 4, -1}, e.ops());
        assertArrayEquals(new float[5], e.oneHot()[6]);
        assertEquals(92.71835088729858, b.truth(i, "cifar10", "valid"), 1e-9);
    }

    @Test
    void idsAndEncodings() {
        BenchAssert.idsRoundTrip(b);
        BenchAssert.encodingsWellFormed(b);
        assertEquals(7, b.maxNodes());
        assertEquals(5, b.numOpTypes());
    }

    @Test
    void spaceIndexJoinsByHashWithIdenticalCells() {
        Benchmark space = Benchmarks.get("nb101-space");
        assertEquals(0, b.spaceIndex(0)); // both files start with hash 00005c14…
        int prev = -1;
        for (int i = 0; i < b.size(); i++) {
            int s = b.spaceIndex(i);
            assertTrue(s > prev, "both tables are in hash order");
            prev = s;
            assertEquals(b.archId(i), space.archId(s));
            ArchEncoding x = b.encode(i);
            ArchEncoding y = space.encode(s);
            assertEquals(x.nodes(), y.nodes());
            assertArrayEquals(x.ops(), y.ops());
            assertArrayEquals(x.adjacency(), y.adjacency());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> b.spaceIndex(30001));
    }
}
