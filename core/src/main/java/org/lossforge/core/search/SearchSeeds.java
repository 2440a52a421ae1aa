package org.lossforge.core.search;

import org.lossforge.core.study.Seeds;

/**
 * Every random choice of a search is derived from (run seed, round, purpose), never from a long-lived random
 * generator, so a step depends only on the {@link SearchState} it is given: a controller that persists the state
 * and restarts makes the same choices.
 */
public final class SearchSeeds {
    private SearchSeeds() {}

    /** What a derived seed is used for; each purpose gets its own stream. */
    enum Purpose {
        INITIAL(0x1A1), RANDOM(0x2B2), CANDIDATES(0x3C3), PREDICTOR(0x4D4), HOLDOUT_SPLIT(0x5E5), HOLDOUT_PREDICTOR(0x6F6),
        EVOLUTION(0x707), FALLBACK(0x818);

        final long salt;

        Purpose(long salt) {
            this.salt = salt;
        }
    }

    /**
     * Seed of run {@code k} (0-based) of (benchmark, dataset). Independent of the method, so every method's run k
     * starts from the same random queries and trains its predictors from the same initial weights (paired runs).
     */
    public static long run(long baseSeed, String benchmark, String dataset, int k) {
        return Seeds.trialSeed(baseSeed, "search:" + benchmark, dataset, 0, k);
    }

    /** Seed for one purpose in one round of a run. */
    static long of(long runSeed, int round, Purpose purpose) {
        return Seeds.mix(Seeds.mix(runSeed ^ purpose.salt) ^ round);
    }
}
