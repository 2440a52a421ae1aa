package org.lossforge.core.bench;

/**
 * Builders of op-on-node DAGs shared by several benchmarks.
 */
final class Encodings {
    private Encodings() {}

    /** Cell node where each of the six edges of a 4-node cell starts, in arch-string order. */
    static final int[] EDGE_FROM = {0, 0, 1, 0, 1, 2};
    /** Cell node where each of the six edges ends: (0→1), (0→2),(1→2), (0→3),(1→3),(2→3). */
    static final int[] EDGE_TO = {1, 2, 2, 3, 3, 3};

    /** Fixed 8×8 adjacency of the op-on-node form of a 4-node, 6-edge cell (NB201, TNB101 micro). */
    private static final int[][] CELL_ADJACENCY = cellAdjacency();

    private static int[][] cellAdjacency() {
        int[][] a = new int[8][8];
        for (int e = 0; e < 6; e++) {
            if (EDGE_FROM[e] == 0) {
                a[0][e + 1] = 1; // input feeds every op on an edge leaving cell node 0
            }
            if (EDGE_TO[e] == 3) {
                a[e + 1][7] = 1; // every op on an edge entering cell node 3 feeds the output
            }
            for (int f = 0; f < 6; f++) {
                if (EDGE_TO[e] == EDGE_FROM[f]) {
                    a[e + 1][f + 1] = 1;
                }
            }
        }
        return a;
    }

    /**
     * Op-on-node form of an op-on-edge cell with 4 cell nodes and 6 edges: node 0 = input, nodes 1…6 =
     * the edge ops in order (0→1), (0→2),(1→2), (0→3),(1→3),(2→3), node 7 = output.
     *
     * @param edgeOps op type of each of the six edges (already mapped to the one-hot index)
     */
    static ArchEncoding edgeCell(byte[] edgeOps, int offset, int inputType, int outputType, int numOpTypes) {
        int[] ops = new int[8];
        ops[0] = inputType;
        for (int e = 0; e < 6; e++) {
            ops[e + 1] = edgeOps[offset + e];
        }
        ops[7] = outputType;
        return new ArchEncoding(8, copy(CELL_ADJACENCY), ops, numOpTypes);
    }

    /**
     * A chain input → layer 1 → … → layer k → output, padded to {@code maxNodes}: the real nodes are
     * 0 … k+1, padding nodes have op -1 and no edges.
     */
    static ArchEncoding chain(byte[] layerOps, int offset, int length, int maxNodes, int inputType, int outputType,
                              int numOpTypes) {
        int nodes = length + 2;
        if (nodes > maxNodes) {
            throw new IllegalArgumentException("chain of " + length + " layers does not fit " + maxNodes + " nodes");
        }
        int[][] adj = new int[maxNodes][maxNodes];
        int[] ops = new int[maxNodes];
        java.util.Arrays.fill(ops, -1);
        ops[0] = inputType;
        for (int i = 0; i < length; i++) {
            ops[i + 1] = layerOps[offset + i];
        }
        ops[nodes - 1] = outputType;
        for (int i = 0; i + 1 < nodes; i++) {
            adj[i][i + 1] = 1;
        }
        return new ArchEncoding(nodes, adj, ops, numOpTypes);
    }

    static int[][] copy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
