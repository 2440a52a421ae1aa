package org.lossforge.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.lossforge.core.bench.ArchEncoding;
import org.lossforge.core.bench.Benchmark;

/**
 * Mutation as "move to a nearby architecture of the table": the edit distance between two architectures is the
 * number of adjacency entries plus the number of node ops in which their (padded) op-on-node encodings differ.
 *
 * <p>On NB201 and TransNAS-Bench-101 micro every cell has the same adjacency and every op combination is in the
 * table, so distance 1 is exactly "change the op of one edge" (24 neighbours on NB201, 18 on TNB101 micro). On the
 * NB101 30k subset a one-edit neighbour is usually not in the subset; the nearest subset members stand in for it
 * (an approximation the subset forces).
 */
final class Neighbourhood {
    private final int size;
    private final int nodes;
    private final int words;
    private final byte[] ops;   // [size][nodes]
    private final long[] adj;   // [size][words], row-major adjacency bits
    private final int maxDistance;

    Neighbourhood(Benchmark b) {
        size = b.size();
        nodes = b.maxNodes();
        words = (nodes * nodes + 63) / 64;
        ops = new byte[size * nodes];
        adj = new long[size * words];
        for (int a = 0; a < size; a++) {
            ArchEncoding e = b.encode(a);
            for (int i = 0; i < nodes; i++) {
                ops[a * nodes + i] = (byte) e.ops()[i];
                for (int j = 0; j < nodes; j++) {
                    if (e.adjacency()[i][j] != 0) {
                        int bit = i * nodes + j;
                        adj[a * words + bit / 64] |= 1L << (bit % 64);
                    }
                }
            }
        }
        maxDistance = nodes * nodes + nodes;
    }

    int distance(int a, int b) {
        int d = 0;
        for (int w = 0; w < words; w++) {
            d += Long.bitCount(adj[a * words + w] ^ adj[b * words + w]);
        }
        for (int i = 0; i < nodes; i++) {
            if (ops[a * nodes + i] != ops[b * nodes + i]) {
                d++;
            }
        }
        return d;
    }

    /** All architectures at the smallest distance ≥ 1 from {@code a} (its one-mutation neighbours where complete). */
    int[] nearestRing(int a) {
        int best = Integer.MAX_VALUE;
        List<Integer> ring = new ArrayList<>();
        for (int b = 0; b < size; b++) {
            if (b == a) {
                continue;
            }
            int d = distance(a, b);
            if (d < best) {
                best = d;
                ring.clear();
            }
            if (d == best) {
                ring.add(b);
            }
        }
        return ring.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Up to {@code count} architectures that pass {@code allowed}, nearest first: all of the closest ring before any
     * of the next, uniformly at random within a ring (drawn from {@code rng}).
     */
    int[] nearest(int a, int count, IntPredicate allowed, SplittableRandom rng) {
        if (count <= 0) {
            return new int[0];
        }
        int[] dist = new int[size];
        int[] perRing = new int[maxDistance + 1];
        for (int b = 0; b < size; b++) {
            if (b == a || !allowed.test(b)) {
                dist[b] = -1;
                continue;
            }
            dist[b] = distance(a, b);
            perRing[dist[b]]++;
        }
        int[] out = new int[Math.min(count, size)];
        int n = 0;
        for (int d = 1; d <= maxDistance && n < count; d++) {
            if (perRing[d] == 0) {
                continue;
            }
            int[] ring = new int[perRing[d]];
            int r = 0;
            for (int b = 0; b < size; b++) {
                if (dist[b] == d) {
                    ring[r++] = b;
                }
            }
            // partial Fisher–Yates: the first min(need, ring) entries are a uniform draw without replacement
            int take = Math.min(count - n, ring.length);
            for (int i = 0; i < take; i++) {
                int j = i + rng.nextInt(ring.length - i);
                int t = ring[i];
                ring[i] = ring[j];
                ring[j] = t;
                out[n++] = ring[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
