package org.lossforge.core.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * TransNAS-Bench-101 macro (skeleton) space: 3,256 networks × 7 tasks. Index = row of
 * {@code tnb101_macro_valid_naslib.csv}; id = TNB macro string {@code 64-<4–6 digits>-basic}.
 * Datasets and the single metric {@code valid} as in {@link Tnb101Micro} (room_layout is negative L2
 * loss; higher is better everywhere).
 *
 * <p>Each digit is one stage of two ResNet basic blocks (TransNAS-Bench-101 {@code MacroNet}):
 * 1 = keep channels, stride 1; 2 = double channels, stride 1; 3 = keep channels, stride 2 (downsample);
 * 4 = double channels, stride 2. Encoding: chain input → one node per digit → output, padded to 8 nodes
 * (op -1, no edges). One-hot (6): input, d1, d2, d3, d4, output (a digit d maps to type d).
 */
public final class Tnb101Macro extends TableBenchmark {
    public static final String NAME = "tnb101-macro";
    static final String FILE = "transnas-bench-101/tnb101_macro_valid_naslib.csv.gz";
    static final int SIZE = 3256;
    static final int MAX_NODES = 8;
    /** One-hot order of node types. */
    public static final List<String> OP_TYPES = List.of("input", "d1", "d2", "d3", "d4", "output");

    private final byte[] digits; // 6 per arch
    private final byte[] lengths;

    private Tnb101Macro(Tnb101Table table, byte[] digits, byte[] lengths) {
        super(NAME, ArchIds.of(NAME, table.ids), table.truth);
        this.digits = digits;
        this.lengths = lengths;
    }

    /** Loads the table from a data folder (uncached; use {@link Benchmarks#get}). */
    public static Tnb101Macro load(Path dataDir) {
        Tnb101Table table = Tnb101Table.read(dataDir, FILE, SIZE);
        byte[] digits = new byte[SIZE * 6];
        byte[] lengths = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            lengths[i] = (byte) parse(table.ids[i], digits, i * 6);
        }
        return new Tnb101Macro(table, digits, lengths);
    }

    /** Parses {@code 64-<digits>-basic}; writes the digits (1…4) and returns their count (4…6). */
    static int parse(String arch, byte[] out, int offset) {
        String[] parts = arch.split("-", -1);
        if (parts.length != 3 || !parts[0].equals("64") || !parts[2].equals("basic")
                || parts[1].length() < 4 || parts[1].length() > 6) {
            throw new IllegalArgumentException("malformed TNB101 macro string '" + arch + "', expected 64-<4–6 digits>-basic");
        }
        for (int k = 0; k < parts[1].length(); k++) {
            int d = parts[1].charAt(k) - '0';
            if (d < 1 || d > 4) {
                throw new IllegalArgumentException("TNB101 macro digit '" + parts[1].charAt(k) + "' not in 1…4 in " + arch);
            }
            out[offset + k] = (byte) d;
        }
        return parts[1].length();
    }

    @Override
    ArchEncoding encodeChecked(int index) {
        return Encodings.chain(digits, index * 6, lengths[index], MAX_NODES, 0, OP_TYPES.size() - 1, OP_TYPES.size());
    }

    @Override
    public int maxNodes() {
        return MAX_NODES;
    }

    @Override
    public int numOpTypes() {
        return OP_TYPES.size();
    }
}
