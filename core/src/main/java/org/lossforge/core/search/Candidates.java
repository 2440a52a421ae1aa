package org.lossforge.core.search;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The candidates a predictor round scores (NPENAS / BANANAS style): mutants of the best architectures in D plus a
 * few uniformly random ones, all distinct and unqueried.
 *
 * <p>The {@code parents} best of D (by the train metric, ties to the earlier query) get {@code candidates −
 * randomCandidates} mutants between them, as evenly as possible (the better parents get the remainder). A parent's
 * mutants are its nearest unqueried architectures ({@link Neighbourhood#nearest}: the one-edit ring first, random
 * within a ring). Then random unqueried architectures fill up to {@code candidates} (the configured random ones and
 * any mutant a parent could not supply). Fewer only when the space runs out.
 */
final class Candidates {
    private Candidates() {}

    static int[] generate(SearchState s, SearchSpace space) {
        SearchConfig c = s.config();
        SplittableRandom rng = new SplittableRandom(SearchSeeds.of(s.seed(), s.round(), SearchSeeds.Purpose.CANDIDATES));
        BitSet taken = Picks.queried(s);
        int[] parents = Picks.bestPositions(s, c.parents());
        int mutants = c.candidates() - c.randomCandidates();
        int[] out = new int[c.candidates()];
        int n = 0;
        for (int p = 0; p < parents.length; p++) {
            int quota = mutants / parents.length + (p < mutants % parents.length ? 1 : 0);
            int[] m = space.neighbourhood().nearest(s.queriedAt(parents[p]), quota, a -> !taken.get(a), rng);
            for (int a : m) {
                taken.set(a);
                out[n++] = a;
            }
        }
        int[] random = Picks.unqueried(space.benchmark().size(), taken, c.candidates() - n, rng);
        System.arraycopy(random, 0, out, n, random.length);
        return java.util.Arrays.copyOf(out, n + random.length);
    }
}
