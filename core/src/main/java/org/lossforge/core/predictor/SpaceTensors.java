package org.lossforge.core.predictor;

import org.lossforge.core.bench.ArchEncoding;
import org.lossforge.core.bench.Benchmark;

/**
 * The encodings of a whole search space as flat float arrays, built once per benchmark and shared by every
 * fit: node one-hots, the row-normalised forward adjacency {@code rownorm(A + I)}, the row-normalised
 * backward adjacency {@code rownorm(Aᵀ + I)} (self loops only on real nodes), and the real-node mask.
 */
public final class SpaceTensors {
    final int size;
    final int nodes;
    final int features;
    final float[] x;       // [size][nodes][features]
    final float[] fwd;     // [size][nodes][nodes]
    final float[] bwd;     // [size][nodes][nodes]
    final float[] mask;    // [size][nodes], 1 for real nodes
    final float[] flat;    // [size][nodes*nodes + nodes*features], the MLP input

    private SpaceTensors(int size, int nodes, int features) {
        this.size = size;
        this.nodes = nodes;
        this.features = features;
        x = new float[size * nodes * features];
        fwd = new float[size * nodes * nodes];
        bwd = new float[size * nodes * nodes];
        mask = new float[size * nodes];
        flat = new float[size * (nodes * nodes + nodes * features)];
    }

    public static SpaceTensors of(Benchmark b) {
        SpaceTensors t = new SpaceTensors(b.size(), b.maxNodes(), b.numOpTypes());
        for (int a = 0; a < b.size(); a++) {
            t.put(a, b.encode(a));
        }
        return t;
    }

    public int size() {
        return size;
    }

    public int nodes() {
        return nodes;
    }

    public int features() {
        return features;
    }

    int flatWidth() {
        return nodes * nodes + nodes * features;
    }

    private void put(int a, ArchEncoding e) {
        int n = nodes;
        if (e.ops().length != n || e.adjacency().length != n) {
            throw new IllegalArgumentException("encoding of architecture " + a + " is not padded to " + n + " nodes");
        }
        float[][] oh = e.oneHot();
        int fw = flatWidth();
        for (int i = 0; i < n; i++) {
            boolean real = e.ops()[i] >= 0;
            mask[a * n + i] = real ? 1f : 0f;
            for (int f = 0; f < features; f++) {
                x[(a * n + i) * features + f] = oh[i][f];
                flat[a * fw + n * n + i * features + f] = oh[i][f];
            }
            for (int j = 0; j < n; j++) {
                flat[a * fw + i * n + j] = e.adjacency()[i][j];
            }
        }
        for (int i = 0; i < n; i++) {
            boolean real = e.ops()[i] >= 0;
            float rf = 0, rb = 0;
            for (int j = 0; j < n; j++) {
                float af = e.adjacency()[i][j] + (real && i == j ? 1 : 0);
                float ab = e.adjacency()[j][i] + (real && i == j ? 1 : 0);
                fwd[(a * n + i) * n + j] = af;
                bwd[(a * n + i) * n + j] = ab;
                rf += af;
                rb += ab;
            }
            for (int j = 0; j < n; j++) {
                if (rf > 0) {
                    fwd[(a * n + i) * n + j] /= rf;
                }
                if (rb > 0) {
                    bwd[(a * n + i) * n + j] /= rb;
                }
            }
        }
    }
}
