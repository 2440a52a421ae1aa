package org.lossforge.core.bench;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * NAS-Bench-101 subset: 30,001 real cells (about 7% of the space, a uniform sample by module hash).
 *
 * <p><b>VALIDATION ONLY, SINGLE RUN.</b> The source table has no test accuracy, and every value is
 * one of NB101's three training repeats, not their mean. The only dataset is {@code cifar10}; metrics
 * {@code valid} (108-epoch validation accuracy, percent), {@code valid_4ep}, {@code valid_12ep},
 * {@code valid_36ep} (percent). Train and evaluate both default to {@code valid}, so a study on this
 * benchmark measures how well a predictor ranks held-out validation accuracy, not test accuracy.
 *
 * <p>Index = row of {@code nb101_subset30k_nasbenchvis.csv} (ascending module hash); id = module
 * hash; {@link #spaceIndex(int)} gives a cell's index in {@link Nb101Space}. Encoding: 7 nodes, one-hot
 * (5) input, conv3x3-bn-relu, conv1x1-bn-relu, maxpool3x3, output; smaller cells padded at the end
 * (op -1, no edges), {@code nodes} = number of vertices.
 */
public final class Nb101 extends TableBenchmark {
    public static final String NAME = "nb101";
    static final String FILE = "nas-bench-101/nb101_subset30k_nasbenchvis.csv.gz";
    static final int SIZE = 30_001;

    private final Nb101Cells cells;
    private final Supplier<Nb101Space> space;
    private volatile int[] spaceIndex;

    private Nb101(ArchIds ids, Nb101Cells cells, Truth truth, Supplier<Nb101Space> space) {
        super(NAME, ids, truth);
        this.cells = cells;
        this.space = space;
    }

    /**
     * Loads the subset from a data folder (uncached; use {@link Benchmarks#get}). {@code space} is
     * asked for the full space only when {@link #spaceIndex} is first called.
     */
    public static Nb101 load(Path dataDir, Supplier<Nb101Space> space) {
        Path file = Checksums.verified(dataDir, FILE);
        String[] hashes = new String[SIZE];
        Nb101Cells cells = new Nb101Cells(SIZE);
        String[] epochs = {"108", "4", "12", "36"};
        String[] metrics = {"valid", "valid_4ep", "valid_12ep", "valid_36ep"};
        double[][] acc = new double[epochs.length][SIZE];
        try (GzCsv csv = GzCsv.open(file)) {
            int hash = csv.column("module_hash");
            int nv = csv.column("num_vertices");
            int matrix = csv.column("matrix");
            int ops = csv.column("ops");
            int[] cols = new int[epochs.length];
            for (int e = 0; e < epochs.length; e++) {
                cols[e] = csv.column("val_acc_" + epochs[e] + "ep");
            }
            int n = 0;
            while (csv.next()) {
                if (n >= SIZE) {
                    throw new IllegalStateException(csv.where() + ": more than " + SIZE + " rows");
                }
                hashes[n] = csv.get(hash);
                cells.add(csv.getInt(nv), csv.get(matrix), csv.get(ops), csv.where());
                for (int e = 0; e < epochs.length; e++) {
                    acc[e][n] = csv.getDouble(cols[e]) * 100.0;
                }
                n++;
            }
            if (n != SIZE) {
                throw new IllegalStateException(FILE + ": " + n + " rows, expected " + SIZE);
            }
        }
        Truth.Builder t = Truth.builder(SIZE);
        for (int e = 0; e < metrics.length; e++) {
            t.add("cifar10", metrics[e], acc[e]);
        }
        return new Nb101(new ArchIds.Md5(NAME, hashes), cells, t.defaults("valid", "valid").build(), space);
    }

    /** Index in {@link Nb101Space} of subset cell {@code subsetIndex} (joined by module hash). */
    public int spaceIndex(int subsetIndex) {
        return spaceIndices()[checkIndex(subsetIndex)];
    }

    private int[] spaceIndices() {
        int[] idx = spaceIndex;
        if (idx == null) {
            synchronized (this) {
                idx = spaceIndex;
                if (idx == null) {
                    Nb101Space s = space.get();
                    idx = new int[size()];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = s.indexOf(archId(i));
                    }
                    spaceIndex = idx;
                }
            }
        }
        return idx;
    }

    @Override
    ArchEncoding encodeChecked(int index) {
        return cells.encode(index);
    }

    @Override
    public int maxNodes() {
        return Nb101Cells.MAX_NODES;
    }

    @Override
    public int numOpTypes() {
        return Nb101Cells.NUM_OP_TYPES;
    }
}
