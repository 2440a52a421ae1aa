package org.lossforge.core.bench;

/**
 * Op-on-node DAG of one architecture, padded to the benchmark's {@code maxNodes}.
 *
 * @param nodes      number of real nodes (≤ adjacency.length); padded nodes have no edges and op -1
 * @param adjacency  {@code adjacency[i][j] == 1} iff there is an edge i → j (upper triangular for cells)
 * @param ops        op type of each node in {@code 0 … numOpTypes-1}, -1 for padding
 * @param numOpTypes size of the one-hot
 */
public record ArchEncoding(int nodes, int[][] adjacency, int[] ops, int numOpTypes) {

    /** Node features as a one-hot matrix {@code [maxNodes][numOpTypes]} (padding rows are zero). */
    public float[][] oneHot() {
        float[][] x = new float[ops.length][numOpTypes];
        for (int i = 0; i < ops.length; i++) {
            if (ops[i] >= 0) {
                x[i][ops[i]] = 1f;
            }
        }
        return x;
    }
}
