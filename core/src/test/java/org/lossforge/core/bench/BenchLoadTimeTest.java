package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Load times of the uncached loaders (checksums already verified, so this is parsing time). The
 * bounds are loose because the build machine is shared; the printed numbers are the measurement.
 */
class BenchLoadTimeTest {

    private static double seconds(String name, Path data) {
        long t0 = System.nanoTime();
        Benchmarks.load(name, data);
        return (System.nanoTime() - t0) / 1e9;
    }

    @Test
    void loadTimes() {
        Path data = DataDir.resolve();
        StringBuilder report = new StringBuilder("bench load times (s):");
        for (String name : Benchmarks.NAMES) {
            double first = seconds(name, data);
            double warm = seconds(name, data);
            warm = Math.min(warm, seconds(name, data));
            report.append(String.format(" %s first %.3f warm %.3f;", name, first, warm));
            double bound = name.equals("nb101-space") ? 10.0 : 2.0;
            assertTrue(warm < bound, name + " took " + warm + " s after warm-up");
        }
        System.out.println(report);
    }
}
