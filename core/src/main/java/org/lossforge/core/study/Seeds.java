package org.lossforge.core.study;

/**
 * Derives every seed of a study from one base seed, so "same seed, same numbers" holds and every loss of a
 * configuration sees the same training sets and initial weights (a paired comparison).
 */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64 finaliser: a well-mixed 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Seed of trial {@code k} (0-based) of (benchmark, dataset, train size); independent of the loss. */
    public static long trialSeed(long baseSeed, String benchmark, String dataset, int trainSize, int k) {
        long h = mix(baseSeed);
        h = mix(h ^ benchmark.hashCode());
        h = mix(h ^ dataset.hashCode());
        h = mix(h ^ trainSize);
        return mix(h ^ k);
    }

    /** Seed of the training-set sample of a trial (kept apart from the model seed). */
    public static long sampleSeed(long trialSeed) {
        return mix(trialSeed ^ 0x5A4D504CL);
    }
}
