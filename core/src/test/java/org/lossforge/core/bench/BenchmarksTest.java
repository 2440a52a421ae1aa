package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarksTest {

    @Test
    void namesAndSizes() {
        assertEquals(List.of("nb201", "nb101", "nb101-space", "tnb101-micro", "tnb101-macro", "nbmacro"), Benchmarks.NAMES);
        int[] sizes = {15625, 30001, 423624, 4096, 3256, 6561};
        for (int k = 0; k < sizes.length; k++) {
            Benchmark b = Benchmarks.get(Benchmarks.NAMES.get(k));
            assertEquals(Benchmarks.NAMES.get(k), b.name());
            assertEquals(sizes[k], b.size(), b.name());
        }
    }

    @Test
    void cachedOncePerJvm() {
        assertSame(Benchmarks.get("nb201"), Benchmarks.get("nb201"));
    }

    @Test
    void unknownBenchmarkListsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Benchmarks.get("nb301"));
        assertTrue(e.getMessage().contains("nb301"), e.getMessage());
        for (String n : Benchmarks.NAMES) {
            assertTrue(e.getMessage().contains(n), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Benchmarks.load("nb301", DataDir.resolve()));
    }

    @Test
    void truthColumnIsACopy() {
        Benchmark b = Benchmarks.get("nbmacro");
        double[] c = b.truthColumn("cifar10", "mean");
        double v = c[0];
        c[0] = -1;
        assertEquals(v, b.truthColumn("cifar10", "mean")[0], 0);
        assertEquals(v, b.truth(0, "cifar10", "mean"), 0);
    }

    @Test
    void sampleIsDeterministicDistinctAndBounded() {
        for (String name : List.of("nb201", "tnb101-macro", "nb101-space")) {
            Benchmark b = Benchmarks.get(name);
            int[] s = b.sample(1000, 42);
            assertArrayEquals(s, b.sample(1000, 42));
            assertFalse(Arrays.equals(s, b.sample(1000, 43)));
            assertEquals(1000, Arrays.stream(s).distinct().count());
            assertTrue(Arrays.stream(s).allMatch(i -> i >= 0 && i < b.size()));
            int[] all = b.sample(b.size(), 7);
            assertEquals(b.size(), Arrays.stream(all).distinct().count());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.sample(b.size() + 1, 1));
            assertTrue(e.getMessage().contains(Integer.toString(b.size())), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> b.sample(0, 1));
        }
    }
}
