package org.lossforge.core.bench;

import java.nio.file.Path;
import java.util.List;

/** Reader shared by the two TransNAS-Bench-101 tables (NASLib export, 7 tasks, one value each). */
final class Tnb101Table {
    /** The seven tasks, in column order. */
    static final List<String> TASKS = List.of(
            "class_scene", "class_object", "jigsaw", "room_layout", "segmentsemantic", "normal", "autoencoder");

    final String[] ids;
    final Truth truth;

    private Tnb101Table(String[] ids, Truth truth) {
        this.ids = ids;
        this.truth = truth;
    }

    static Tnb101Table read(Path dataDir, String relPath, int size) {
        Path file = Checksums.verified(dataDir, relPath);
        String[] ids = new String[size];
        double[][] values = new double[TASKS.size()][size];
        int n = 0;
        try (GzCsv csv = GzCsv.open(file)) {
            int arch = csv.column("arch_str");
            int[] cols = new int[TASKS.size()];
            for (int t = 0; t < cols.length; t++) {
                cols[t] = csv.column(TASKS.get(t));
            }
            while (csv.next()) {
                if (n >= size) {
                    throw new IllegalStateException(csv.where() + ": more than " + size + " rows");
                }
                ids[n] = csv.get(arch);
                for (int t = 0; t < cols.length; t++) {
                    values[t][n] = csv.getDouble(cols[t]);
                }
                n++;
            }
        }
        if (n != size) {
            throw new IllegalStateException(relPath + ": " + n + " rows, expected " + size);
        }
        Truth.Builder b = Truth.builder(size);
        for (int t = 0; t < TASKS.size(); t++) {
            b.add(TASKS.get(t), "valid", values[t]);
        }
        return new Tnb101Table(ids, b.defaults("valid", "valid").build());
    }
}
