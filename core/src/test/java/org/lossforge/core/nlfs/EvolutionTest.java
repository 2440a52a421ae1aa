package org.lossforge.core.nlfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lossforge.core.nlfs.EvolutionState.Phase;

/** Regularized evolution as a state machine: determinism, resume, aging, tournament, de-duplication, skips. */
class EvolutionTest {

    /** Small run: P = 10 from a pool of 16, re-scored, tournaments of 4, 80 cycles. */
    static final EvolutionConfig SMALL = new EvolutionConfig(42, 10, 16, true, 4, 2500, 7, 0.01, 80);

    /** A synthetic, deterministic "training": closeness to cross-entropy's phenotype; some hashes fail. */
    static final float[] CE_PHENOTYPE = IntegrityCheck.check(Cell.fromExpr(ExprParser.parse(ExprSyntaxTest.CE))).phenotype();

    static boolean trainingFails(Candidate c) {
        return c.hash().charAt(0) < '3'; // about 3 in 16
    }

    static double fitness(Candidate c) {
        return 1 - IntegrityCheck.distance(c.phenotype(), CE_PHENOTYPE) / Math.sqrt(IntegrityCheck.POINTS)
                + (c.stage() == Candidate.Stage.RESCORE ? 0.001 : 0);
    }

    /** One decision: propose, then accept, fail or skip. Appends what happened to the log. */
    static EvolutionState step(EvolutionState s, List<String> log) {
        Optional<Candidate> c = Evolution.propose(s);
        if (c.isEmpty()) {
            log.add("skip " + s.step());
            return Evolution.skip(s);
        }
        Candidate k = c.get();
        if (trainingFails(k)) {
            log.add("fail " + k);
            return Evolution.fail(s, k);
        }
        log.add("accept " + k + " " + fitness(k));
        return Evolution.accept(s, k, fitness(k));
    }

    static EvolutionState run(EvolutionState s, List<String> log, int decisions) {
        for (int i = 0; i < decisions && !s.finished(); i++) {
            s = step(s, log);
        }
        return s;
    }

    @Test
    void aRunResumedFromItsSerialisedStateProposesTheSameChildren() {
        List<String> straight = new ArrayList<>();
        EvolutionState end = run(Evolution.start(SMALL), straight, Integer.MAX_VALUE);
        assertEquals(Phase.DONE, end.phase());
        assertEquals(80, end.cycle());

        List<String> resumed = new ArrayList<>();
        EvolutionState s = Evolution.start(SMALL);
        // interrupted in every phase: inside the pool, during re-scoring, between and inside children's tries
        for (int chunk : new int[] {5, 12, 3, 1, 9, 40, 2, 7, 1000}) {
            s = run(s, resumed, chunk);
            String text = s.toText();
            EvolutionState restored = EvolutionState.parse(text);
            assertEquals(s, restored, "restored state equals the live one");
            assertEquals(text, restored.toText());
            s = restored;
        }
        assertEquals(straight, resumed);
        assertEquals(end, s);
        assertTrue(straight.stream().anyMatch(l -> l.startsWith("fail CHILD")), "training failures were exercised");
        assertTrue(straight.stream().filter(l -> l.startsWith("accept CHILD")).count() > 40);
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<String> c = new ArrayList<>();
        run(Evolution.start(SMALL.withCycles(15)), a, Integer.MAX_VALUE);
        run(Evolution.start(SMALL.withCycles(15)), b, Integer.MAX_VALUE);
        run(Evolution.start(new EvolutionConfig(43, 10, 16, true, 4, 2500, 7, 0.01, 15)), c, Integer.MAX_VALUE);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void initialPoolKeepsTheBestThenRescoresThem() {
        EvolutionState s = Evolution.start(SMALL);
        List<Double> poolFitness = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Candidate c = Evolution.propose(s).orElseThrow();
            assertEquals(Candidate.Stage.INITIAL, c.stage());
            assertTrue(IntegrityCheck.check(c.cell()).passed());
            double f = i * 0.01; // the later, the better
            poolFitness.add(f);
            s = Evolution.accept(s, c, f);
        }
        assertEquals(Phase.RESCORE, s.phase());
        assertEquals(10, s.population().size());
        for (int i = 0; i < 10; i++) {
            assertEquals(poolFitness.get(15 - i), s.population().get(i).fitness(), "slot " + i + " holds the " + (i + 1) + "-th best");
            assertEquals(15 - i, s.population().get(i).id());
        }
        for (int i = 0; i < 10; i++) {
            Candidate c = Evolution.propose(s).orElseThrow();
            assertEquals(Candidate.Stage.RESCORE, c.stage());
            assertEquals(s.population().get(i).id(), c.parentId());
            s = i == 3 ? Evolution.fail(s, c) : Evolution.accept(s, c, 0.5 + i);
        }
        assertEquals(Phase.EVOLVE, s.phase());
        assertEquals(0.0, s.population().get(3).fitness(), "a failed re-scoring scores 0");
        assertEquals(0.5 + 9, s.population().get(9).fitness());
    }

    @Test
    void theOldestIsReplacedTiesGoToTheWorstAndInitialMembersGoFirst() {
        EvolutionState s = afterInitialPhase(SMALL.withPopulation(10, 10, false));
        List<Long> initialIds = s.population().stream().map(Member::id).toList();
        // first child: all members are equally old (born at cycle 0): the worst goes
        int worst = 0;
        for (int i = 1; i < 10; i++) {
            worst = s.population().get(i).fitness() < s.population().get(worst).fitness() ? i : worst;
        }
        long worstId = s.population().get(worst).id();
        Candidate c = Evolution.propose(s).orElseThrow();
        s = Evolution.accept(s, c, 0.0);
        assertEquals(c.step(), s.population().get(worst).id(), "the child takes the worst member's slot");
        assertFalse(s.population().stream().anyMatch(m -> m.id() == worstId));
        assertEquals(1, s.population().get(worst).birth());
        // nine more accepted children, scoring 0: every initial member is gone, the fittest too
        int accepted = 1;
        while (accepted < 10) {
            Optional<Candidate> next = Evolution.propose(s);
            if (next.isEmpty()) {
                s = Evolution.skip(s);
                continue;
            }
            s = Evolution.accept(s, next.get(), 0.0);
            accepted++;
        }
        assertTrue(s.population().stream().noneMatch(m -> initialIds.contains(m.id())), s.population().toString());
    }

    /** Fills the pool (fitness = its step / 100, no failures). */
    static EvolutionState afterInitialPhase(EvolutionConfig cfg) {
        EvolutionState s = Evolution.start(cfg);
        while (s.phase() == Phase.INITIAL || s.phase() == Phase.RESCORE) {
            Candidate c = Evolution.propose(s).orElseThrow();
            s = Evolution.accept(s, c, ((c.step() * 7919) % 100) / 100.0);
        }
        return s;
    }

    @Test
    void tournamentPicksTheFittestOfItsDrawsWithReplacement() {
        EvolutionState s = afterInitialPhase(SMALL.withPopulation(10, 10, false));
        List<Member> pop = s.population();
        for (long seed = 0; seed < 200; seed++) {
            int chosen = Evolution.tournament(pop, 4, new SplittableRandom(seed));
            SplittableRandom replay = new SplittableRandom(seed);
            int best = -1;
            for (int k = 0; k < 4; k++) {
                int i = replay.nextInt(10);
                best = best < 0 || pop.get(i).fitness() > pop.get(best).fitness() ? i : best;
            }
            assertEquals(best, chosen);
        }
    }

    @Test
    void childrenAreNeverDuplicatesOfMembers() {
        EvolutionState s = afterInitialPhase(SMALL.withPopulation(10, 10, false));
        for (int k = 0; k < 40 && !s.finished(); k++) {
            Optional<Candidate> c = Evolution.propose(s);
            if (c.isEmpty()) {
                s = Evolution.skip(s);
                continue;
            }
            for (Member m : s.population()) {
                assertNotEquals(m.hash(), c.get().hash());
                assertTrue(IntegrityCheck.distance(m.phenotype(), c.get().phenotype()) > 0.01);
            }
            Candidate k2 = c.get();
            assertEquals(k2.expression(), k2.cell().toExpr().canonicalText());
            assertTrue(IntegrityCheck.check(k2.cell()).passed());
            s = Evolution.accept(s, k2, 0.5);
        }
    }

    @Test
    void aChildWithoutAValidMutantIsSkippedAndNeverTrained() {
        // every phenotype is "too close": no mutant is ever valid
        EvolutionState s = afterInitialPhase(SMALL.withPopulation(10, 10, false).withMinPhenotypeDistance(1e9).withMaxMutationAttempts(50));
        List<Member> before = s.population();
        assertTrue(Evolution.propose(s).isEmpty());
        EvolutionState after = Evolution.skip(s);
        assertEquals(before, after.population());
        assertEquals(s.cycle() + 1, after.cycle(), "the ages advance");
        assertEquals(s.step() + 1, after.step());
        assertThrows(IllegalStateException.class, () -> Evolution.skip(Evolution.start(SMALL)));
    }

    @Test
    void aChildThatFailsTrainingSevenTimesIsDropped() {
        EvolutionState s = afterInitialPhase(SMALL.withPopulation(10, 10, false));
        List<Member> before = s.population();
        long step = s.step();
        List<Long> parents = new ArrayList<>();
        for (int t = 0; t < 7; t++) {
            Candidate c = Evolution.propose(s).orElseThrow();
            assertEquals(t, c.trainingTry());
            parents.add(c.parentId());
            s = Evolution.fail(s, c);
        }
        assertEquals(1, parents.stream().distinct().count(), "every retry mutates the same parent");
        assertEquals(before, s.population());
        assertEquals(step + 1, s.step());
        assertEquals(1, s.cycle());
        assertEquals(0, s.tries());
    }

    @Test
    void staleOrForeignCandidatesAndBadFitnessAreRefused() {
        EvolutionState s = Evolution.start(SMALL);
        Candidate c0 = Evolution.propose(s).orElseThrow();
        EvolutionState s1 = Evolution.accept(s, c0, 0.3);
        assertThrows(IllegalArgumentException.class, () -> Evolution.accept(s1, c0, 0.3), "already accepted");
        Candidate c1 = Evolution.propose(s1).orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> Evolution.accept(s1, c1, Double.NaN));
        assertEquals(c1, Evolution.propose(s1).orElseThrow(), "propose is pure");
    }

    @Test
    void mutationKindsFollowTheAuthorsProbabilities() {
        Cell parent = Cell.fromExpr(ExprParser.parse(ExprSyntaxTest.BAIKAL));
        SplittableRandom r = new SplittableRandom(3);
        int n = 20_000;
        int[] count = new int[3];
        for (int i = 0; i < n; i++) {
            Genetics.Mutant m = Genetics.mutate(parent, r);
            count[m.kind().ordinal()]++;
            assertNotEquals(parent, m.cell(), "a mutation always changes the cell");
            assertTrue(parent.active()[m.node()], "only active nodes mutate");
        }
        assertEquals(0.70, count[0] / (double) n, 0.015);
        assertEquals(0.15, count[1] / (double) n, 0.015);
        assertEquals(0.15, count[2] / (double) n, 0.015);
    }

    @Test
    void malformedStatesAreRefusedWithTheLine() {
        String good = afterInitialPhase(SMALL.withPopulation(10, 10, false)).toText();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvolutionState.parse("hello"));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
        String broken = good.replaceFirst("member (\\d+) 0 ", "member $1 zero ");
        e = assertThrows(IllegalArgumentException.class, () -> EvolutionState.parse(broken));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
        String missing = good.substring(0, good.lastIndexOf("member"));
        e = assertThrows(IllegalArgumentException.class, () -> EvolutionState.parse(missing));
        assertTrue(e.getMessage().contains("inconsistent"), e.getMessage());
    }

    @Test
    void paperSettings() {
        EvolutionConfig p = EvolutionConfig.paper(1);
        assertEquals(100, p.populationSize());
        assertEquals(1000, p.initialPoolSize());
        assertTrue(p.rescoreInitial());
        assertEquals(20, p.tournamentSize());
        assertEquals(2500, p.maxMutationAttempts());
        assertEquals(7, p.maxTrainingTries());
        assertEquals(0.01, p.minPhenotypeDistance());
        assertEquals(4000, p.cycles());
    }
}
