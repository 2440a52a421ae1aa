package org.lossforge.core.bench;

import java.util.SplittableRandom;

/** Seeded sampling shared by every benchmark, so that a seed means the same sample everywhere. */
public final class Sampling {
    private Sampling() {}

    /**
     * {@code n} distinct indices from {@code 0 … size-1}, uniformly, by a partial Fisher–Yates shuffle
     * driven by {@link SplittableRandom}(seed). Order of the result is the draw order.
     */
    public static int[] withoutReplacement(int size, int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("sample size must be positive, got " + n);
        }
        if (n > size) {
            throw new IllegalArgumentException("sample size " + n + " is larger than the space (" + size + " architectures)");
        }
        int[] perm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(size - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = new int[n];
        System.arraycopy(perm, 0, out, 0, n);
        return out;
    }
}
