package org.lossforge.core.nlfs;

/**
 * Settings of a regularized-evolution run (nlfs-paper.md §2.1). {@link #paper(long)} gives the authors' values:
 * population 100, an initial pool of 1000 random losses whose best 100 are re-scored, tournaments of 20 drawn
 * with replacement, up to 2500 mutation attempts per child, up to 7 trainings per child, phenotype distance
 * &gt; 0.01, 4000 cycles.
 *
 * @param seed                 the run seed: every random draw derives from (seed, step)
 * @param populationSize       P, the number of members
 * @param initialPoolSize      random losses trained first (≥ P); the best P become the population
 * @param rescoreInitial       re-train the kept P (the authors use a cheaper surrogate for the pool, then the main one)
 * @param tournamentSize       S, members drawn with replacement per tournament
 * @param maxMutationAttempts  mutants tried per child before the child is skipped
 * @param maxTrainingTries     failed trainings per child (each with a fresh mutant) before the child is dropped
 * @param minPhenotypeDistance a mutant closer than this (L2, normalised phenotypes) to a member is a duplicate
 * @param cycles               evolution cycles (children proposed, whether inserted, dropped or skipped)
 */
public record EvolutionConfig(long seed, int populationSize, int initialPoolSize, boolean rescoreInitial, int tournamentSize,
                              int maxMutationAttempts, int maxTrainingTries, double minPhenotypeDistance, long cycles) {

    public EvolutionConfig {
        positive("populationSize", populationSize);
        positive("tournamentSize", tournamentSize);
        positive("maxMutationAttempts", maxMutationAttempts);
        positive("maxTrainingTries", maxTrainingTries);
        if (initialPoolSize < populationSize) {
            throw new IllegalArgumentException("initialPoolSize (" + initialPoolSize + ") must be at least populationSize (" + populationSize + ")");
        }
        if (!(minPhenotypeDistance >= 0) || Double.isInfinite(minPhenotypeDistance)) {
            throw new IllegalArgumentException("minPhenotypeDistance must be a finite number ≥ 0, got " + minPhenotypeDistance);
        }
        if (cycles < 0) {
            throw new IllegalArgumentException("cycles must be ≥ 0, got " + cycles);
        }
    }

    private static void positive(String what, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    /** The authors' settings ([C1] in nlfs-paper.md). */
    public static EvolutionConfig paper(long seed) {
        return new EvolutionConfig(seed, 100, 1000, true, 20, 2500, 7, 0.01, 4000);
    }

    public EvolutionConfig withPopulation(int populationSize, int initialPoolSize, boolean rescoreInitial) {
        return new EvolutionConfig(seed, populationSize, initialPoolSize, rescoreInitial, tournamentSize, maxMutationAttempts,
                maxTrainingTries, minPhenotypeDistance, cycles);
    }

    public EvolutionConfig withTournamentSize(int tournamentSize) {
        return new EvolutionConfig(seed, populationSize, initialPoolSize, rescoreInitial, tournamentSize, maxMutationAttempts,
                maxTrainingTries, minPhenotypeDistance, cycles);
    }

    public EvolutionConfig withCycles(long cycles) {
        return new EvolutionConfig(seed, populationSize, initialPoolSize, rescoreInitial, tournamentSize, maxMutationAttempts,
                maxTrainingTries, minPhenotypeDistance, cycles);
    }

    public EvolutionConfig withMinPhenotypeDistance(double minPhenotypeDistance) {
        return new EvolutionConfig(seed, populationSize, initialPoolSize, rescoreInitial, tournamentSize, maxMutationAttempts,
                maxTrainingTries, minPhenotypeDistance, cycles);
    }

    public EvolutionConfig withMaxMutationAttempts(int maxMutationAttempts) {
        return new EvolutionConfig(seed, populationSize, initialPoolSize, rescoreInitial, tournamentSize, maxMutationAttempts,
                maxTrainingTries, minPhenotypeDistance, cycles);
    }
}
