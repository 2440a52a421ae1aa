package org.lossforge.core.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * NAS-Bench-201 / NATS-Bench topology space: 15,625 cells, index = NB201 arch index = row of
 * {@code nats_bench.csv}, id = NB201 arch string {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}.
 *
 * <p>Datasets {@code cifar10, cifar100, imagenet16} (ImageNet16-120). Metrics: {@code valid} — NASLib's
 * 200-epoch validation accuracy ({@code nb201_valid_acc_naslib.csv}; CIFAR-10 on the cifar10-valid
 * split) — and {@code test} — 200-epoch test accuracy, mean over seeds ({@code nats_bench.csv}). Train
 * on {@code valid}, evaluate on {@code test}.
 *
 * <p>Encoding: 8 nodes, node 0 input, nodes 1…6 the edge ops in arch-string order (edges (0→1),
 * (0→2),(1→2), (0→3),(1→3),(2→3)), node 7 output; op-node a → op-node b iff a's edge ends where b's
 * starts. One-hot (7): input, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3, skip_connect, none, output.
 * {@code none} edges stay as nodes of type none.
 */
public final class Nb201 extends TableBenchmark {
    public static final String NAME = "nb201";
    static final String TEST_FILE = "nas-bench-201/nats_bench.csv.gz";
    static final String VALID_FILE = "nas-bench-201/nb201_valid_acc_naslib.csv.gz";
    /** One-hot order of node types. */
    public static final List<String> OP_TYPES = List.of(
            "input", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3", "skip_connect", "none", "output");
    static final int SIZE = 15625;

    private final byte[] edgeOps; // 6 per arch, one-hot index

    private Nb201(String[] ids, byte[] edgeOps, Truth truth) {
        super(NAME, ArchIds.of(NAME, ids), truth);
        this.edgeOps = edgeOps;
    }

    /** Loads and checks both tables from a data folder (uncached; use {@link Benchmarks#get}). */
    public static Nb201 load(Path dataDir) {
        Path testFile = Checksums.verified(dataDir, TEST_FILE);
        Path validFile = Checksums.verified(dataDir, VALID_FILE);
        String[] ids = new String[SIZE];
        byte[] edgeOps = new byte[SIZE * 6];
        double[][] test = new double[3][SIZE];
        double[][] valid = new double[3][SIZE];
        int n = 0;
        try (GzCsv csv = GzCsv.open(testFile)) {
            int[] cols = {csv.column("CIFAR10TestAccuracy200Epochs"), csv.column("CIFAR100TestAccuracy200Epochs"),
                    csv.column("ImageNetTestAccuracy200Epochs")};
            int arch = csv.column("ArchitectureString");
            while (csv.next()) {
                if (n >= SIZE) {
                    throw new IllegalStateException(csv.where() + ": more than " + SIZE + " rows");
                }
                ids[n] = csv.get(arch);
                parseArchString(ids[n], edgeOps, n * 6, csv.where());
                for (int d = 0; d < 3; d++) {
                    test[d][n] = csv.getDouble(cols[d]);
                }
                n++;
            }
        }
        if (n != SIZE) {
            throw new IllegalStateException(TEST_FILE + ": " + n + " rows, expected " + SIZE);
        }
        n = 0;
        try (GzCsv csv = GzCsv.open(validFile)) {
            int[] cols = {csv.column("cifar10_valid_acc"), csv.column("cifar100_valid_acc"),
                    csv.column("imagenet16_120_valid_acc")};
            int idx = csv.column("arch_index");
            int arch = csv.column("arch_str");
            boolean[] seen = new boolean[SIZE];
            while (csv.next()) {
                int i = csv.getInt(idx);
                if (i < 0 || i >= SIZE || seen[i]) {
                    throw new IllegalStateException(csv.where() + ": arch_index " + i + " out of range or repeated");
                }
                if (!ids[i].equals(csv.get(arch))) {
                    throw new IllegalStateException(csv.where() + ": arch_index " + i + " has arch_str " + csv.get(arch)
                            + " but nats_bench row " + i + " is " + ids[i]);
                }
                seen[i] = true;
                for (int d = 0; d < 3; d++) {
                    valid[d][i] = csv.getDouble(cols[d]);
                }
                n++;
            }
        }
        if (n != SIZE) {
            throw new IllegalStateException(VALID_FILE + ": " + n + " rows, expected " + SIZE);
        }
        Truth.Builder t = Truth.builder(SIZE);
        String[] datasets = {"cifar10", "cifar100", "imagenet16"};
        for (int d = 0; d < 3; d++) {
            t.add(datasets[d], "valid", valid[d]).add(datasets[d], "test", test[d]);
        }
        return new Nb201(ids, edgeOps, t.defaults("valid", "test").build());
    }

    /**
     * Parses {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|} into six one-hot op indices at
     * {@code out[offset…offset+5]}; throws {@link IllegalArgumentException} if malformed.
     */
    static void parseArchString(String arch, byte[] out, int offset, String where) {
        String[] groups = arch.split("\\+", -1);
        if (groups.length != 3) {
            throw new IllegalArgumentException(where + ": NB201 arch string needs 3 node groups: " + arch);
        }
        int e = 0;
        for (int g = 0; g < 3; g++) {
            String s = groups[g];
            if (s.length() < 2 || s.charAt(0) != '|' || s.charAt(s.length() - 1) != '|') {
                throw new IllegalArgumentException(where + ": malformed NB201 arch string " + arch);
            }
            String[] edges = s.substring(1, s.length() - 1).split("\\|", -1);
            if (edges.length != g + 1) {
                throw new IllegalArgumentException(where + ": node " + (g + 1) + " needs " + (g + 1) + " inputs: " + arch);
            }
            for (int k = 0; k <= g; k++) {
                String tok = edges[k];
                int tilde = tok.indexOf('~');
                if (tilde < 0 || !tok.substring(tilde + 1).equals(Integer.toString(k))) {
                    throw new IllegalArgumentException(where + ": edge '" + tok + "' should read op~" + k + " in " + arch);
                }
                int type = OP_TYPES.indexOf(tok.substring(0, tilde));
                if (type <= 0 || type >= OP_TYPES.size() - 1) {
                    throw new IllegalArgumentException(where + ": unknown NB201 op in '" + tok + "' of " + arch);
                }
                out[offset + e++] = (byte) type;
            }
        }
    }

    /** Op-on-node encoding of any NB201 arch string (also ones given by hand). */
    public static ArchEncoding encodeArchString(String arch) {
        byte[] ops = new byte[6];
        parseArchString(arch, ops, 0, "arch string");
        return Encodings.edgeCell(ops, 0, 0, OP_TYPES.size() - 1, OP_TYPES.size());
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
