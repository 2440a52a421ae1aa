package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Tnb101Test {
    private static final List<String> TASKS = List.of(
            "class_scene", "class_object", "jigsaw", "room_layout", "segmentsemantic", "normal", "autoencoder");
    private final Benchmark micro = Benchmarks.get("tnb101-micro");
    private final Benchmark macro = Benchmarks.get("tnb101-macro");

    @Test
    void sizesTasksAndMetric() {
        assertEquals(4096, micro.size());
        assertEquals(3256, macro.size());
        for (Benchmark b : List.of(micro, macro)) {
            assertEquals(TASKS, b.datasets());
            for (String t : TASKS) {
                assertEquals(List.of("valid"), b.metrics(t));
                assertEquals("valid", b.defaultTrainMetric(t));
                assertEquals("valid", b.defaultEvalMetric(t));
            }
            // room_layout is a negative L2 loss: higher is better, never positive
            assertTrue(BenchAssert.max(b.truthColumn("room_layout", "valid")) < 0);
            BenchAssert.unknownDatasetAndMetric(b);
            BenchAssert.idsRoundTrip(b);
            BenchAssert.encodingsWellFormed(b);
        }
        assertEquals(54.94, BenchAssert.round2(BenchAssert.max(micro.truthColumn("class_scene", "valid"))), 1e-9);
        assertEquals(95.37, BenchAssert.round2(BenchAssert.max(micro.truthColumn("jigsaw", "valid"))), 1e-9);
    }

    /** Row 0 of the micro table, 64-41414-2_32_323: edges (1,2)=conv1x1 | conv3x3, conv1x1 | conv3x3, conv1x1, conv3x3. */
    @Test
    void microEncoding() {
        assertEquals("64-41414-2_32_323", micro.archId(0));
        assertEquals(53.83658599853516, micro.truth(0, "class_scene", "valid"), 0);
        assertEquals(-0.7173932790756226, micro.truth(0, "room_layout", "valid"), 0);
        ArchEncoding e = micro.encode(0);
        // input, conv1x1(3), conv3x3(4), conv1x1, conv3x3, conv1x1, conv3x3, output(5)
        assertArrayEquals(new int[] {0, 3, 4, 3, 4, 3, 4, 5}, e.ops());
        assertArrayEquals(Nb201.encodeArchString(
                "|nor_conv_1x1~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|nor_conv_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|").adjacency(),
                e.adjacency(), "same cell DAG as NB201");
        assertEquals(6, micro.numOpTypes());
        // digit 0 = none (type 1), 1 = skip (type 2)
        int[] none = micro.encode(micro.indexOf("64-41414-0_10_100")).ops();
        assertArrayEquals(new int[] {0, 1, 2, 1, 2, 1, 1, 5}, none);
    }

    @Test
    void macroChainPadded() {
        assertEquals("64-232323-basic", macro.archId(0));
        assertEquals(54.48845672607422, macro.truth(0, "class_scene", "valid"), 0);
        ArchEncoding six = macro.encode(0);
        assertEquals(8, six.nodes());
        assertArrayEquals(new int[] {0, 2, 3, 2, 3, 2, 3, 5}, six.ops());
        for (int i = 0; i < 7; i++) {
            assertEquals(1, six.adjacency()[i][i + 1]);
        }
        int four = -1;
        for (int i = 0; i < macro.size() && four < 0; i++) {
            if (macro.archId(i).length() == "64-1234-basic".length()) {
                four = i;
            }
        }
        ArchEncoding e = macro.encode(four);
        String digits = macro.archId(four).substring(3, 7);
        assertEquals(6, e.nodes());
        int[] ops = {0, digits.charAt(0) - '0', digits.charAt(1) - '0', digits.charAt(2) - '0', digits.charAt(3) - '0', 5, -1, -1};
        assertArrayEquals(ops, e.ops());
        int[][] adj = new int[8][8];
        for (int i = 0; i < 5; i++) {
            adj[i][i + 1] = 1;
        }
        assertArrayEquals(adj, e.adjacency());
        assertThrows(IllegalArgumentException.class, () -> Tnb101Macro.parse("64-1250-basic", new byte[6], 0));
    }
}
