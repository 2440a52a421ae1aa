package org.lossforge.core.nlfs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.lossforge.core.study.Seeds;
import org.lossforge.core.nlfs.EvolutionState.Phase;

/**
 * Regularized evolution of loss cells (nlfs-paper.md §2) as a pure, deterministic state machine: no clock, no
 * long-lived random generator, no I/O. The caller (a stream processor, a loop in a test) trains what
 * {@link #propose} returns and reports the result with {@link #accept} or {@link #fail}; when propose returns
 * nothing (every mutant of the child was invalid) it calls {@link #skip}. Every random draw of a proposal comes
 * from a generator seeded by (run seed, step, training try), so a run restored from a serialised
 * {@link EvolutionState} proposes exactly what the uninterrupted run would have.
 *
 * <p>Phases. INITIAL: {@code initialPoolSize} random losses (re-drawn until well-formed and through the
 * integrity check; no de-duplication, as the authors'); a failed training scores 0. Then the best P (fitness,
 * then lower id) fill the slots in that order. RESCORE (if configured): each kept loss is trained again and its
 * fitness replaced (failure: 0). EVOLVE: per cycle, a tournament of S slots drawn with replacement picks the
 * parent (highest fitness, first drawn on ties); up to {@code maxMutationAttempts} mutants are drawn until one is
 * well-formed, passes the integrity check, has a canonical hash no member has, and is farther than
 * {@code minPhenotypeDistance} from every member's phenotype. The child is trained; if training fails a fresh
 * mutant of the same parent is drawn, up to {@code maxTrainingTries} in all, then the child is dropped. An
 * accepted child replaces the oldest member (ties: lowest fitness, then lowest slot) and takes its slot. Every
 * cycle advances the ages, whether the child was inserted, dropped or skipped.
 */
public final class Evolution {

    private static final long SALT = 0x4E4C46535245L; // "NLFSRE"
    private static final int MAX_RANDOM_DRAWS = 1_000_000;

    private Evolution() {
    }

    /** The state before anything is proposed. */
    public static EvolutionState start(EvolutionConfig config) {
        return new EvolutionState(config, Phase.INITIAL, 0, 0, 0, 0, List.of(), List.of());
    }

    /** The generator of one proposal: a function of (seed, step, stream) only. */
    static SplittableRandom random(long seed, long step, long stream) {
        return new SplittableRandom(Seeds.mix(Seeds.mix(Seeds.mix(seed ^ SALT) ^ step) ^ stream));
    }

    /**
     * The next loss to train, or empty when this cycle's child has no valid mutant (then call {@link #skip}).
     * Pure: the same state gives the same candidate.
     *
     * @throws IllegalStateException when the run is finished
     */
    public static Optional<Candidate> propose(EvolutionState s) {
        switch (s.phase()) {
            case INITIAL:
                return Optional.of(randomLoss(s));
            case RESCORE: {
                Member m = s.population().get(s.rescored());
                return Optional.of(new Candidate(s.step(), 0, Candidate.Stage.RESCORE, m.id(), m.cell(), m.expression(), m.hash(),
                        m.flip(), m.phenotypeRef(), 0));
            }
            case EVOLVE:
                return child(s);
            default:
                throw new IllegalStateException("the run is finished (" + s.config().cycles() + " cycles)");
        }
    }

    private static Candidate randomLoss(EvolutionState s) {
        SplittableRandom r = random(s.config().seed(), s.step(), 0);
        for (int draw = 1; draw <= MAX_RANDOM_DRAWS; draw++) {
            Cell cell = Genetics.random(r);
            if (cell.structuralProblem() != null) {
                continue;
            }
            IntegrityCheck.Verdict v = IntegrityCheck.check(cell);
            if (v.passed()) {
                Expr e = cell.toExpr().canonical();
                return new Candidate(s.step(), 0, Candidate.Stage.INITIAL, -1, cell, e.text(), e.hash(), v.flip(), v.phenotype(), draw);
            }
        }
        throw new IllegalStateException("no valid random loss in " + MAX_RANDOM_DRAWS + " draws");
    }

    /** Index of the tournament winner: S slots drawn with replacement, the fittest wins, the first drawn on ties. */
    static int tournament(List<Member> population, int size, SplittableRandom r) {
        int best = -1;
        for (int k = 0; k < size; k++) {
            int i = r.nextInt(population.size());
            if (best < 0 || population.get(i).fitness() > population.get(best).fitness()) {
                best = i;
            }
        }
        return best;
    }

    private static Optional<Candidate> child(EvolutionState s) {
        EvolutionConfig c = s.config();
        List<Member> pop = s.population();
        Member parent = pop.get(tournament(pop, c.tournamentSize(), random(c.seed(), s.step(), -1)));
        SplittableRandom r = random(c.seed(), s.step(), s.tries());
        Set<String> hashes = new HashSet<>();
        for (Member m : pop) {
            hashes.add(m.hash());
        }
        for (int attempt = 1; attempt <= c.maxMutationAttempts(); attempt++) {
            Cell cell = Genetics.mutate(parent.cell(), r).cell();
            if (cell.structuralProblem() != null) {
                continue;
            }
            Expr e = cell.toExpr().canonical();
            String hash = e.hash();
            if (hashes.contains(hash)) {
                continue;
            }
            IntegrityCheck.Verdict v = IntegrityCheck.check(cell);
            if (!v.passed() || tooClose(v.phenotype(), pop, c.minPhenotypeDistance())) {
                continue;
            }
            return Optional.of(new Candidate(s.step(), s.tries(), Candidate.Stage.CHILD, parent.id(), cell, e.text(), hash, v.flip(),
                    v.phenotype(), attempt));
        }
        return Optional.empty();
    }

    private static boolean tooClose(float[] phenotype, List<Member> pop, double min) {
        for (Member m : pop) {
            if (IntegrityCheck.distance(phenotype, m.phenotypeRef()) <= min) {
                return true;
            }
        }
        return false;
    }

    /** Records the fitness of a trained candidate (it must be the one {@link #propose} returns for this state). */
    public static EvolutionState accept(EvolutionState s, Candidate c, double fitness) {
        requireCurrent(s, c);
        if (!Double.isFinite(fitness)) {
            throw new IllegalArgumentException("fitness must be a finite number, got " + fitness);
        }
        EvolutionConfig cfg = s.config();
        switch (s.phase()) {
            case INITIAL: {
                List<Member> pool = new ArrayList<>(s.pool());
                pool.add(Member.of(c, 0, fitness));
                if (pool.size() < cfg.initialPoolSize()) {
                    return new EvolutionState(cfg, Phase.INITIAL, s.step() + 1, 0, 0, 0, pool, List.of());
                }
                List<Member> kept = new ArrayList<>(pool);
                kept.sort(Comparator.comparingDouble(Member::fitness).reversed().thenComparingLong(Member::id));
                kept = kept.subList(0, cfg.populationSize());
                Phase next = cfg.rescoreInitial() ? Phase.RESCORE : evolveOrDone(cfg, 0);
                return new EvolutionState(cfg, next, s.step() + 1, 0, 0, 0, List.of(), kept);
            }
            case RESCORE: {
                List<Member> pop = new ArrayList<>(s.population());
                pop.set(s.rescored(), pop.get(s.rescored()).withFitness(fitness));
                int done = s.rescored() + 1;
                Phase next = done == pop.size() ? evolveOrDone(cfg, 0) : Phase.RESCORE;
                return new EvolutionState(cfg, next, s.step() + 1, 0, 0, next == Phase.RESCORE ? done : 0, List.of(), pop);
            }
            default: {
                long cycle = s.cycle() + 1;
                List<Member> pop = new ArrayList<>(s.population());
                pop.set(oldest(pop), Member.of(c, cycle, fitness));
                return new EvolutionState(cfg, evolveOrDone(cfg, cycle), s.step() + 1, 0, cycle, 0, List.of(), pop);
            }
        }
    }

    /**
     * Records a failed training. INITIAL and RESCORE: the loss scores 0 (as the authors'). EVOLVE: the next
     * proposal is a fresh mutant of the same parent; after {@code maxTrainingTries} failures the child is
     * dropped and the cycle ends without a new member.
     */
    public static EvolutionState fail(EvolutionState s, Candidate c) {
        requireCurrent(s, c);
        if (s.phase() != Phase.EVOLVE) {
            return accept(s, c, 0);
        }
        int tries = s.tries() + 1;
        if (tries < s.config().maxTrainingTries()) {
            return new EvolutionState(s.config(), Phase.EVOLVE, s.step(), tries, s.cycle(), 0, List.of(), s.population());
        }
        return endCycle(s);
    }

    /** Ends the cycle without a child after {@link #propose} returned empty (the ages advance). */
    public static EvolutionState skip(EvolutionState s) {
        if (s.phase() != Phase.EVOLVE) {
            throw new IllegalStateException("only a child can be skipped, the run is in phase " + s.phase());
        }
        return endCycle(s);
    }

    private static EvolutionState endCycle(EvolutionState s) {
        long cycle = s.cycle() + 1;
        return new EvolutionState(s.config(), evolveOrDone(s.config(), cycle), s.step() + 1, 0, cycle, 0, List.of(), s.population());
    }

    private static Phase evolveOrDone(EvolutionConfig cfg, long cycle) {
        return cycle >= cfg.cycles() ? Phase.DONE : Phase.EVOLVE;
    }

    /** The slot of the oldest member (smallest birth); ties: lowest fitness, then lowest slot. */
    static int oldest(List<Member> pop) {
        int o = 0;
        for (int i = 1; i < pop.size(); i++) {
            Member m = pop.get(i);
            Member b = pop.get(o);
            if (m.birth() < b.birth() || (m.birth() == b.birth() && m.fitness() < b.fitness())) {
                o = i;
            }
        }
        return o;
    }

    private static void requireCurrent(EvolutionState s, Candidate c) {
        if (s.finished()) {
            throw new IllegalStateException("the run is finished");
        }
        Candidate.Stage expected = switch (s.phase()) {
            case INITIAL -> Candidate.Stage.INITIAL;
            case RESCORE -> Candidate.Stage.RESCORE;
            default -> Candidate.Stage.CHILD;
        };
        if (c.step() != s.step() || c.trainingTry() != s.tries() || c.stage() != expected) {
            throw new IllegalArgumentException("stale candidate: it is " + c.stage() + " step " + c.step() + " try " + c.trainingTry()
                    + ", the state expects " + expected + " step " + s.step() + " try " + s.tries());
        }
    }

    /** Checks a restored state's invariants (sizes and counters consistent with its phase). */
    static EvolutionState checked(EvolutionState s) {
        EvolutionConfig c = s.config();
        boolean ok = switch (s.phase()) {
            case INITIAL -> s.pool().size() < c.initialPoolSize() && s.population().isEmpty() && s.step() == s.pool().size();
            case RESCORE -> s.pool().isEmpty() && s.population().size() == c.populationSize() && s.rescored() < c.populationSize();
            case EVOLVE, DONE -> s.pool().isEmpty() && s.population().size() == c.populationSize();
        };
        boolean done = s.cycle() >= c.cycles();
        if (s.phase() == Phase.EVOLVE && done || s.phase() == Phase.DONE && !done) {
            ok = false;
        }
        if (!ok || s.tries() < 0 || s.tries() >= c.maxTrainingTries() || s.step() < 0 || s.cycle() < 0) {
            throw new IllegalArgumentException("inconsistent state: " + s);
        }
        return s;
    }
}
