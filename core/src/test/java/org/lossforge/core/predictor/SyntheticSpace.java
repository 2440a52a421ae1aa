package org.lossforge.core.predictor;

import java.util.List;
import java.util.SplittableRandom;
import org.lossforge.core.bench.ArchEncoding;
import org.lossforge.core.bench.Benchmark;

/**
 * A small synthetic cell space for predictor-mechanics tests: random 6-node DAGs (input, 4 ops, output)
 * with 5 op types, truth = a fixed linear function of op counts and edge count plus a small noise term, in percent.
 */
final class SyntheticSpace implements Benchmark {
    private final ArchEncoding[] enc;
    private final double[] truth;

    SyntheticSpace(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        enc = new ArchEncoding[size];
        truth = new double[size];
        int n = 6;
        for (int a = 0; a < size; a++) {
            int[][] adj = new int[n][n];
            int[] ops = new int[n];
            ops[0] = 0;
            ops[n - 1] = 4;
            double score = 50;
            for (int i = 1; i < n - 1; i++) {
                ops[i] = 1 + r.nextInt(3);
                score += ops[i] == 1 ? 6 : ops[i] == 2 ? 2 : -3;
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (r.nextInt(3) == 0 || j == i + 1) {
                        adj[i][j] = 1;
                        score += 0.5;
                    }
                }
            }
            enc[a] = new ArchEncoding(n, adj, ops, 5);
            truth[a] = score + r.nextDouble();
        }
    }

    @Override public String name() { return "synthetic"; }
    @Override public int size() { return enc.length; }
    @Override public List<String> datasets() { return List.of("toy"); }
    @Override public List<String> metrics(String dataset) { return List.of("valid"); }
    @Override public String defaultTrainMetric(String dataset) { return "valid"; }
    @Override public String defaultEvalMetric(String dataset) { return "valid"; }
    @Override public String archId(int index) { return "a" + index; }
    @Override public int indexOf(String archId) { return Integer.parseInt(archId.substring(1)); }
    @Override public int maxNodes() { return 6; }
    @Override public int numOpTypes() { return 5; }
    @Override public ArchEncoding encode(int index) { return enc[index]; }
    @Override public double truth(int index, String dataset, String metric) { return truth[index]; }
    @Override public double[] truthColumn(String dataset, String metric) { return truth.clone(); }
}
