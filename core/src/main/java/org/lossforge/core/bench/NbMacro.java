package org.lossforge.core.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * NAS-Bench-Macro (Su et al., CVPR 2021): all 3^8 = 6,561 networks of 8 searchable layers, each
 * trained 3 times on CIFAR-10. Index = row of {@code nas_bench_macro_cifar10.csv}; id = the 8-digit
 * arch string, digit per layer 0 = identity, 1 = MobileNetV2 block k3 e3, 2 = MobileNetV2 block k5 e6.
 *
 * <p>Dataset {@code cifar10}; metrics {@code mean} (mean of the three runs), {@code run1},
 * {@code run2}, {@code run3} — all test accuracies in percent (the source has no validation split).
 * Train on {@code run1}, a single noisy run as a predictor would see in practice; evaluate on
 * {@code mean}, the least noisy truth.
 *
 * <p>Encoding: chain input → 8 layer nodes → output (10 nodes; identity layers stay as nodes). One-hot
 * (5): input, identity, mb_k3_e3, mb_k5_e6, output.
 */
public final class NbMacro extends TableBenchmark {
    public static final String NAME = "nbmacro";
    static final String FILE = "nas-bench-macro/nas_bench_macro_cifar10.csv.gz";
    static final int SIZE = 6561;
    static final int LAYERS = 8;
    /** One-hot order of node types; a layer digit d maps to type d + 1. */
    public static final List<String> OP_TYPES = List.of("input", "identity", "mb_k3_e3", "mb_k5_e6", "output");

    private final byte[] layers;

    private NbMacro(String[] ids, byte[] layers, Truth truth) {
        super(NAME, ArchIds.of(NAME, ids), truth);
        this.layers = layers;
    }

    /** Loads the table from a data folder (uncached; use {@link Benchmarks#get}). */
    public static NbMacro load(Path dataDir) {
        Path file = Checksums.verified(dataDir, FILE);
        String[] ids = new String[SIZE];
        byte[] layers = new byte[SIZE * LAYERS];
        String[] metrics = {"mean", "run1", "run2", "run3"};
        double[][] acc = new double[metrics.length][SIZE];
        int n = 0;
        try (GzCsv csv = GzCsv.open(file)) {
            int arch = csv.column("arch");
            int[] cols = {csv.column("mean_acc"), csv.column("test_acc_run1"), csv.column("test_acc_run2"),
                    csv.column("test_acc_run3")};
            while (csv.next()) {
                if (n >= SIZE) {
                    throw new IllegalStateException(csv.where() + ": more than " + SIZE + " rows");
                }
                String a = csv.get(arch);
                if (a.length() != LAYERS) {
                    throw new IllegalStateException(csv.where() + ": arch '" + a + "' is not 8 digits");
                }
                for (int k = 0; k < LAYERS; k++) {
                    int d = a.charAt(k) - '0';
                    if (d < 0 || d > 2) {
                        throw new IllegalStateException(csv.where() + ": layer digit '" + a.charAt(k) + "' not in 0…2");
                    }
                    layers[n * LAYERS + k] = (byte) (d + 1);
                }
                ids[n] = a;
                for (int m = 0; m < metrics.length; m++) {
                    acc[m][n] = csv.getDouble(cols[m]);
                }
                n++;
            }
        }
        if (n != SIZE) {
            throw new IllegalStateException(FILE + ": " + n + " rows, expected " + SIZE);
        }
        Truth.Builder t = Truth.builder(SIZE);
        for (int m = 0; m < metrics.length; m++) {
            t.add("cifar10", metrics[m], acc[m]);
        }
        return new NbMacro(ids, layers, t.defaults("run1", "mean").build());
    }

    @Override
    ArchEncoding encodeChecked(int index) {
        return Encodings.chain(layers, index * LAYERS, LAYERS, LAYERS + 2, 0, OP_TYPES.size() - 1, OP_TYPES.size());
    }

    @Override
    public int maxNodes() {
        return LAYERS + 2;
    }

    @Override
    public int numOpTypes() {
        return OP_TYPES.size();
    }
}
