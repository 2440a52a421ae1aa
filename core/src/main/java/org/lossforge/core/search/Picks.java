package org.lossforge.core.search;

import java.util.BitSet;
import java.util.SplittableRandom;

/** Seeded choices shared by the methods: random unqueried architectures, the best of D, top-k by score. */
final class Picks {
    private Picks() {}

    /** The queried architectures of a state as a set. */
    static BitSet queried(SearchState s) {
        BitSet b = new BitSet();
        for (int i = 0; i < s.size(); i++) {
            b.set(s.queriedAt(i));
        }
        return b;
    }

    /**
     * Up to {@code count} distinct architectures of {@code 0 … size-1} not in {@code taken}, uniformly, drawn from
     * {@code rng} in draw order; they are added to {@code taken}. Rejection sampling while the free part is large,
     * an explicit list otherwise.
     */
    static int[] unqueried(int size, BitSet taken, int count, SplittableRandom rng) {
        int free = size - taken.cardinality();
        int n = Math.min(count, free);
        int[] out = new int[n];
        if (n <= 0) {
            return new int[0];
        }
        if (free >= 4 * n) {
            for (int k = 0; k < n; ) {
                int a = rng.nextInt(size);
                if (!taken.get(a)) {
                    taken.set(a);
                    out[k++] = a;
                }
            }
            return out;
        }
        int[] list = new int[free];
        for (int a = taken.nextClearBit(0), k = 0; a < size; a = taken.nextClearBit(a + 1)) {
            list[k++] = a;
        }
        for (int k = 0; k < n; k++) {
            int j = k + rng.nextInt(free - k);
            int t = list[k];
            list[k] = list[j];
            list[j] = t;
            out[k] = list[k];
            taken.set(out[k]);
        }
        return out;
    }

    /** Positions in D of the {@code m} best values, best first (ties: the earlier query first). */
    static int[] bestPositions(SearchState s, int m) {
        Integer[] pos = new Integer[s.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i;
        }
        java.util.Arrays.sort(pos, (a, b) -> {
            int c = Double.compare(s.valueAt(b), s.valueAt(a));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int k = Math.min(m, pos.length);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = pos[i];
        }
        return out;
    }

    /** The {@code k} candidates with the highest scores, best first (ties: the lower architecture index first). */
    static int[] topK(int[] candidates, double[] scores, int k) {
        Integer[] order = new Integer[candidates.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(candidates[a], candidates[b]);
        });
        int n = Math.min(k, candidates.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = candidates[order[i]];
        }
        return out;
    }
}
