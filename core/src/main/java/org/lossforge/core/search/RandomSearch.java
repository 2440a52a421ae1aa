package org.lossforge.core.search;

import java.util.SplittableRandom;

/** Random search: each round queries k (at most the budget left) uniformly random unqueried architectures. */
final class RandomSearch {
    private RandomSearch() {}

    /** Round 0 of every method: the N0 random architectures, the same for every method of a run seed. */
    static Proposal initial(SearchState s, SearchSpace space) {
        SplittableRandom rng = new SplittableRandom(SearchSeeds.of(s.seed(), 0, SearchSeeds.Purpose.INITIAL));
        int n = Math.min(s.config().initial(), s.config().budget());
        return Proposal.plain(s, Picks.unqueried(space.benchmark().size(), new java.util.BitSet(), n, rng));
    }

    static Proposal step(SearchState s, SearchSpace space) {
        SplittableRandom rng = new SplittableRandom(SearchSeeds.of(s.seed(), s.round(), SearchSeeds.Purpose.RANDOM));
        int k = Math.min(s.config().topK(), s.config().budget() - s.size());
        return Proposal.plain(s, Picks.unqueried(space.benchmark().size(), Picks.queried(s), k, rng));
    }
}
