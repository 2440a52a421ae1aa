package org.lossforge.core.search;

import java.util.SplittableRandom;

/**
 * The switch rule of {@code pw_adaptive} (ours, not the paper's). While the warm loss is active and |D| ≥
 * {@code adaptive_min_size}, every round:
 * <ol>
 *   <li>D is split at random (seed from (run, round)) into a held-out part of h = max(2, round(holdout · |D|))
 *       architectures and a fit part of the rest;</li>
 *   <li>a fresh predictor is trained with the warm loss on the fit part, and τ = Kendall τ-b between its scores and
 *       the returned values on the held-out part (NaN when undefined, e.g. constant scores);</li>
 *   <li>τ is a <em>new best</em> when it exceeds the best τ so far by more than {@code min_delta} (the first finite
 *       τ always is; NaN never is). Once {@code patience} evaluations in a row bring no new best, the warm loss
 *       "stops improving": the focus loss is used from this round on (switchedAt = |D|) and τ is no longer measured.</li>
 * </ol>
 * Defaults: holdout 0.3, adaptive_min_size 20, patience 2, min_delta 0. On a budget of 100 (rounds at |D| = 10, 20,
 * …, 90) the first evaluation is at |D| = 20 and always sets the best, so the earliest switch is at |D| = 40; a run
 * whose τ keeps reaching new bests stays warm to the end.
 */
final class AdaptiveSwitch {
    private AdaptiveSwitch() {}

    /** Whether τ is measured this round. */
    static boolean evaluates(SearchState s) {
        return s.switchedAt() == 0 && s.size() >= s.config().adaptiveMinSize();
    }

    /** Positions in D of the held-out part (first array) and the fit part (second), each in D order. */
    static int[][] split(SearchState s) {
        int n = s.size();
        int h = Math.max(2, (int) Math.round(s.config().holdout() * n));
        h = Math.min(h, n - 2);
        SplittableRandom rng = new SplittableRandom(SearchSeeds.of(s.seed(), s.round(), SearchSeeds.Purpose.HOLDOUT_SPLIT));
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < h; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] held = java.util.Arrays.copyOf(perm, h);
        int[] fit = java.util.Arrays.copyOfRange(perm, h, n);
        java.util.Arrays.sort(held);
        java.util.Arrays.sort(fit);
        return new int[][] {held, fit};
    }

    /**
     * The rule on a history of τ values (oldest first): true when the last {@code patience} evaluations brought no
     * new best, a new best being a τ above the best before it by more than {@code minDelta}.
     */
    static boolean shouldSwitch(double[] taus, int patience, double minDelta) {
        double best = Double.NEGATIVE_INFINITY;
        int since = 0;
        for (double t : taus) {
            if (!Double.isNaN(t) && (best == Double.NEGATIVE_INFINITY || t > best + minDelta)) {
                best = t;
                since = 0;
            } else {
                since++;
            }
        }
        return since >= patience;
    }
}
