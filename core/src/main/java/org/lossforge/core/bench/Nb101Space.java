package org.lossforge.core.bench;

import java.nio.file.Path;

/**
 * The whole NAS-Bench-101 search space, 423,624 unique cells, one canonical representative each
 * (derived by re-enumeration, see {@code data/README.md}). <b>Structure only</b>: it has no truth
 * values, {@link #datasets()} is empty and every truth query throws {@link IllegalArgumentException}.
 *
 * <p>Index = row of {@code nb101_space_423624_derived.csv} (ascending module hash); id = module hash.
 * Encoding as {@link Nb101}: 7 nodes, one-hot (5) input, conv3x3-bn-relu, conv1x1-bn-relu,
 * maxpool3x3, output; smaller cells padded at the end.
 */
public final class Nb101Space extends TableBenchmark {
    public static final String NAME = "nb101-space";
    static final String FILE = "nas-bench-101/nb101_space_423624_derived.csv.gz";
    static final int SIZE = 423_624;

    private final Nb101Cells cells;

    private Nb101Space(ArchIds ids, Nb101Cells cells) {
        super(NAME, ids, Truth.none());
        this.cells = cells;
    }

    /** Loads the space from a data folder (uncached; use {@link Benchmarks#get}). */
    public static Nb101Space load(Path dataDir) {
        Path file = Checksums.verified(dataDir, FILE);
        String[] hashes = new String[SIZE];
        Nb101Cells cells = new Nb101Cells(SIZE);
        try (GzCsv csv = GzCsv.open(file)) {
            int hash = csv.column("module_hash");
            int nv = csv.column("num_vertices");
            int matrix = csv.column("matrix");
            int ops = csv.column("ops");
            int n = 0;
            while (csv.next()) {
                if (n >= SIZE) {
                    throw new IllegalStateException(csv.where() + ": more than " + SIZE + " rows");
                }
                hashes[n++] = csv.get(hash);
                cells.add(csv.getInt(nv), csv.get(matrix), csv.get(ops), csv.where());
            }
            if (n != SIZE) {
                throw new IllegalStateException(FILE + ": " + n + " rows, expected " + SIZE);
            }
        }
        return new Nb101Space(new ArchIds.Md5(NAME, hashes), cells);
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
