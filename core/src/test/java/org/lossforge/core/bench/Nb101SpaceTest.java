package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Nb101SpaceTest {
    private final Benchmark b = Benchmarks.get("nb101-space");

    @Test
    void sizeAndVertexCounts() {
        assertEquals(423624, b.size());
        int[] count = new int[8];
        for (int i = 0; i < b.size(); i++) {
            count[b.encode(i).nodes()]++;
        }
        // published vertex-count mix of the NB101 space (data/README.md)
        assertArrayEquals(new int[] {0, 0, 1, 6, 84, 2441, 62010, 359082}, count);
    }

    @Test
    void structureOnly() {
        assertEquals(List.of(), b.datasets());
        for (Runnable r : List.<Runnable>of(
                () -> b.truth(0, "cifar10", "valid"),
                () -> b.truthColumn("cifar10", "valid"),
                () -> b.metrics("cifar10"),
                () -> b.defaultTrainMetric("cifar10"),
                () -> b.defaultEvalMetric("cifar10"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().contains("structure only"), e.getMessage());
        }
    }

    @Test
    void smallestCellIsInputToOutput() {
        ArchEncoding e = b.encode(b.indexOf("043721b9c7fe8c5fad811d47d83132ec"));
        assertEquals(2, e.nodes());
        assertArrayEquals(new int[] {0, 4, -1, -1, -1, -1, -1}, e.ops());
        assertEquals(1, e.adjacency()[0][1]);
    }

    @Test
    void idsAndEncodings() {
        BenchAssert.idsRoundTrip(b);
        assertThrows(IllegalArgumentException.class, () -> b.indexOf("043721B9C7FE8C5FAD811D47D83132EC"));
        BenchAssert.encodingsWellFormed(b);
    }
}
