package org.lossforge.core.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * TransNAS-Bench-101 micro (cell) space: 4,096 cells × 7 tasks. Index = row of
 * {@code tnb101_micro_valid_naslib.csv}; id = TNB micro string {@code 64-41414-a_bc_def}.
 *
 * <p>Datasets = the 7 tasks {@code class_scene, class_object, jigsaw, room_layout, segmentsemantic,
 * normal, autoencoder}; one metric {@code valid}: the (most likely final-epoch) validation metric
 * NASLib reports — top-1 % for the classification tasks and jigsaw, pixel accuracy % for
 * segmentsemantic, SSIM for normal and autoencoder, and <b>negative</b> L2 loss for room_layout, so
 * higher is better everywhere. With no separate test value, train and eval both use {@code valid}.
 *
 * <p>Encoding: the digits a, b c, d e f are the ops on cell edges (1,2) | (1,3),(2,3) | (1,4),(2,4),(3,4)
 * with 0 none, 1 skip, 2 conv1x1, 3 conv3x3; converted to the same 8-node op-on-node DAG as
 * {@link Nb201}. One-hot (6): input, none, skip_connect, conv1x1, conv3x3, output.
 */
public final class Tnb101Micro extends TableBenchmark {
    public static final String NAME = "tnb101-micro";
    static final String FILE = "transnas-bench-101/tnb101_micro_valid_naslib.csv.gz";
    static final int SIZE = 4096;
    /** One-hot order of node types; a micro digit d maps to type d + 1. */
    public static final List<String> OP_TYPES = List.of("input", "none", "skip_connect", "conv1x1", "conv3x3", "output");

    private final byte[] edgeOps;

    private Tnb101Micro(Tnb101Table table, byte[] edgeOps) {
        super(NAME, ArchIds.of(NAME, table.ids), table.truth);
        this.edgeOps = edgeOps;
    }

    /** Loads the table from a data folder (uncached; use {@link Benchmarks#get}). */
    public static Tnb101Micro load(Path dataDir) {
        Tnb101Table table = Tnb101Table.read(dataDir, FILE, SIZE);
        byte[] edgeOps = new byte[SIZE * 6];
        for (int i = 0; i < SIZE; i++) {
            parse(table.ids[i], edgeOps, i * 6);
        }
        return new Tnb101Micro(table, edgeOps);
    }

    /** Parses {@code 64-41414-a_bc_def} into six one-hot op indices (digit + 1). */
    static void parse(String arch, byte[] out, int offset) {
        String prefix = "64-41414-";
        if (!arch.startsWith(prefix) || arch.length() != prefix.length() + 8
                || arch.charAt(prefix.length() + 1) != '_' || arch.charAt(prefix.length() + 4) != '_') {
            throw new IllegalArgumentException("malformed TNB101 micro string '" + arch + "', expected 64-41414-a_bc_def");
        }
        String cell = arch.substring(prefix.length()).replace("_", "");
        for (int e = 0; e < 6; e++) {
            int d = cell.charAt(e) - '0';
            if (d < 0 || d > 3) {
                throw new IllegalArgumentException("TNB101 micro op digit '" + cell.charAt(e) + "' not in 0…3 in " + arch);
            }
            out[offset + e] = (byte) (d + 1);
        }
    }

    @Override
    ArchEncoding encodeChecked(int index) {
        return Encodings.edgeCell(edgeOps, index * 6, 0, OP_TYPES.size() - 1, OP_TYPES.size());
    }

    @Override
    public int maxNodes() {
        return 8;
    }

    @Override
    public int numOpTypes() {
        return OP_TYPES.size();
    }
}
