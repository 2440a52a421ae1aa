package org.lossforge.core.search;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Regularized evolution (Real et al. 2019) over architectures, one query per round: the population is the
 * {@code population} most recent queries (so the oldest die, "aging"); {@code tournament} of them are drawn without
 * replacement; the best of those (train metric, ties to the earlier query) is mutated into one child. Defaults
 * population 30, tournament 10, as in the evolution baseline of the BANANAS / NPENAS code (which, unlike Real et al.,
 * removes the worst member instead of the oldest; we keep aging). The child is a random one-edit neighbour
 * of the parent that is not yet queried (the next ring when all are, a random unqueried architecture when the space
 * has none left), so no architecture is queried twice.
 */
final class RegularizedEvolution {
    private RegularizedEvolution() {}

    static Proposal step(SearchState s, SearchSpace space) {
        SearchConfig c = s.config();
        SplittableRandom rng = new SplittableRandom(SearchSeeds.of(s.seed(), s.round(), SearchSeeds.Purpose.EVOLUTION));
        int n = s.size();
        int pop = Math.min(c.population(), n);
        int from = n - pop;
        int t = Math.min(c.tournament(), pop);
        int[] slots = new int[pop];
        for (int i = 0; i < pop; i++) {
            slots[i] = from + i;
        }
        int parent = -1;
        for (int i = 0; i < t; i++) {
            int j = i + rng.nextInt(pop - i);
            int x = slots[i];
            slots[i] = slots[j];
            slots[j] = x;
            int p = slots[i];
            if (parent < 0 || s.valueAt(p) > s.valueAt(parent) || (s.valueAt(p) == s.valueAt(parent) && p < parent)) {
                parent = p;
            }
        }
        BitSet taken = Picks.queried(s);
        int[] child = space.neighbourhood().nearest(s.queriedAt(parent), 1, a -> !taken.get(a), rng);
        if (child.length == 0) {
            child = Picks.unqueried(space.benchmark().size(), taken, 1, rng);
        }
        return Proposal.plain(s, child);
    }
}
