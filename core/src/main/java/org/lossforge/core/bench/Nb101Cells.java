package org.lossforge.core.bench;

import java.util.Arrays;

/**
 * Compact store of NAS-Bench-101 cells (up to 7 vertices): the upper-triangular adjacency as a bit
 * mask, the ops as bytes. Shared by {@link Nb101} and {@link Nb101Space}.
 *
 * <p>Op one-hot (5): 0 input, 1 conv3x3-bn-relu, 2 conv1x1-bn-relu, 3 maxpool3x3, 4 output. Cells with
 * fewer than 7 vertices keep their own vertex order (output last among the real nodes) and are padded
 * at the end with op -1 and no edges.
 */
final class Nb101Cells {
    static final int MAX_NODES = 7;
    static final int NUM_OP_TYPES = 5;
    static final String[] OPS = {"input", "conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3", "output"};

    private final long[] edges;   // bit i*7+j set iff edge i → j
    private final byte[] ops;     // 7 per cell, -1 padding
    private final byte[] nodes;
    private int n;

    Nb101Cells(int capacity) {
        edges = new long[capacity];
        ops = new byte[capacity * MAX_NODES];
        nodes = new byte[capacity];
    }

    int size() {
        return n;
    }

    /** Parses one cell: {@code matrix} is a row-major v×v 0/1 string, {@code opList} comma-separated. */
    void add(int numVertices, String matrix, String opList, String where) {
        if (numVertices < 2 || numVertices > MAX_NODES) {
            throw new IllegalStateException(where + ": num_vertices " + numVertices + " outside 2…7");
        }
        if (matrix.length() != numVertices * numVertices) {
            throw new IllegalStateException(where + ": matrix has " + matrix.length() + " entries, expected "
                    + numVertices * numVertices);
        }
        long bits = 0;
        for (int i = 0; i < numVertices; i++) {
            for (int j = 0; j < numVertices; j++) {
                char c = matrix.charAt(i * numVertices + j);
                if (c == '1') {
                    if (j <= i) {
                        throw new IllegalStateException(where + ": matrix not strictly upper-triangular");
                    }
                    bits |= 1L << (i * MAX_NODES + j);
                } else if (c != '0') {
                    throw new IllegalStateException(where + ": matrix entry '" + c + "' is not 0/1");
                }
            }
        }
        int base = n * MAX_NODES;
        Arrays.fill(ops, base, base + MAX_NODES, (byte) -1);
        int k = 0;
        int start = 0;
        while (start <= opList.length()) {
            int end = opList.indexOf(',', start);
            if (end < 0) {
                end = opList.length();
            }
            if (k >= numVertices) {
                throw new IllegalStateException(where + ": more ops than num_vertices " + numVertices);
            }
            ops[base + k++] = (byte) opType(opList.substring(start, end), where);
            start = end + 1;
        }
        if (k != numVertices || ops[base] != 0 || ops[base + k - 1] != NUM_OP_TYPES - 1) {
            throw new IllegalStateException(where + ": ops '" + opList + "' must be " + numVertices
                    + " entries from input to output");
        }
        edges[n] = bits;
        nodes[n] = (byte) numVertices;
        n++;
    }

    private static int opType(String op, String where) {
        for (int t = 0; t < OPS.length; t++) {
            if (OPS[t].equals(op)) {
                return t;
            }
        }
        throw new IllegalStateException(where + ": unknown NB101 op '" + op + "'");
    }

    ArchEncoding encode(int i) {
        int[][] adj = new int[MAX_NODES][MAX_NODES];
        long bits = edges[i];
        for (int a = 0; a < MAX_NODES; a++) {
            for (int b = 0; b < MAX_NODES; b++) {
                if ((bits >>> (a * MAX_NODES + b) & 1L) != 0) {
                    adj[a][b] = 1;
                }
            }
        }
        int[] o = new int[MAX_NODES];
        for (int k = 0; k < MAX_NODES; k++) {
            o[k] = ops[i * MAX_NODES + k];
        }
        return new ArchEncoding(nodes[i], adj, o, NUM_OP_TYPES);
    }
}
