package org.lossforge.core.search;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;

/** The search loop on NB201 with small budgets and a 3-epoch GCN: mechanics, not search quality. */
class SearchStepTest {
    static final Benchmark NB201 = Benchmarks.get("nb201");
    static final SearchSpace SPACE = new SearchSpace(NB201);
    static final SearchStep STEP = new SearchStep(SPACE, true);

    @AfterAll
    static void close() {
        STEP.close();
    }

    /** A small configuration: budget 35 (the last round is partial), 30 candidates, k = 10. */
    static SearchConfig small(SearchMethod m, Map<String, String> extra) {
        Map<String, String> map = new LinkedHashMap<>(Map.of("benchmark", "nb201", "dataset", "cifar10", "method", m.id(),
                "budget", "35", "candidates", "30", "random_candidates", "5", "parents", "5",
                "predictor.epochs", "3", "pw_switch", "20"));
        map.putAll(extra);
        return SearchConfig.fromMap(map, NB201);
    }

    static List<SearchState> starts(SearchConfig c, int runs) {
        List<SearchState> s = new ArrayList<>();
        for (int k = 0; k < runs; k++) {
            s.add(SearchState.start(c, SearchSeeds.run(3, "nb201", "cifar10", k)));
        }
        return s;
    }

    /** Runs to the end, recording every proposal per run. */
    static List<SearchState> run(List<SearchState> states, List<List<Proposal>> log) {
        return SearchDriver.run(STEP, states, (st, props) -> log.add(props));
    }

    @Test
    void everyMethodSpendsExactlyTheBudgetWithoutRepeats() {
        for (SearchMethod m : SearchMethod.values()) {
            List<List<Proposal>> log = new ArrayList<>();
            List<SearchState> end = run(starts(small(m, Map.of()), 2), log);
            for (SearchState s : end) {
                assertEquals(35, s.size(), m + " spends the budget");
                assertTrue(s.done());
                Set<Integer> seen = new HashSet<>();
                for (int a : s.queried()) {
                    assertTrue(seen.add(a), m + ": architecture " + a + " queried twice");
                }
                for (int i = 0; i < s.size(); i++) {
                    assertEquals(NB201.truth(s.queried()[i], "cifar10", "valid"), s.values()[i], 0.0,
                            "a query returns the validation accuracy");
                }
                assertEquals(0, STEP.step(s).queries().length, "a finished run proposes nothing");
            }
            int budgetLeft = 35;
            for (List<Proposal> round : log) {
                int q = round.get(0).queries().length;
                assertTrue(q <= budgetLeft, m + ": a round never asks for more than the budget left");
                assertTrue(round == log.get(0) ? q == 10 : q <= (m == SearchMethod.RE ? 1 : 10),
                        m + ": N0 first, then at most k per round (re: 1)");
                budgetLeft -= q;
            }
            assertEquals(0, budgetLeft);
        }
    }

    @Test
    void everyMethodStartsFromTheSameRandomQueriesOfARunSeed() {
        int[] first = null;
        for (SearchMethod m : SearchMethod.values()) {
            Proposal p = STEP.step(SearchState.start(small(m, Map.of()), 42L));
            assertEquals(10, p.queries().length);
            if (first == null) {
                first = p.queries();
            } else {
                assertArrayEquals(first, p.queries(), m + " starts like the others");
            }
        }
        assertFalse(Arrays.equals(first, STEP.step(SearchState.start(small(SearchMethod.MSE, Map.of()), 43L)).queries()),
                "another seed, other random queries");
    }

    @Test
    void pwSwitchesFromWarmToFocusWhenDReachesTheSwitchPoint() {
        List<List<Proposal>> log = new ArrayList<>();
        run(starts(small(SearchMethod.PW, Map.of("budget", "50", "pw_switch", "30")), 2), log);
        List<String> losses = new ArrayList<>();
        for (List<Proposal> round : log.subList(1, log.size())) { // round 0 is the random start
            assertEquals(round.get(0).loss(), round.get(1).loss(), "both runs use the same loss in a round");
            losses.add(round.get(0).loss());
        }
        // rounds at |D| = 10, 20 use the warm loss; at |D| = 30, 40 the focus loss (NB201 preset HR -> MAPE)
        assertEquals(List.of("pw/hr", "pw/hr", "pw/mape", "pw/mape"), losses);
    }

    @Test
    void fixedLossMethodsNameTheirLoss() {
        List<List<Proposal>> log = new ArrayList<>();
        run(starts(small(SearchMethod.HR, Map.of("budget", "20")), 1), log);
        assertEquals("hr", log.get(1).get(0).loss());
        assertEquals("", log.get(0).get(0).loss(), "the random start trains nothing");
    }

    @Test
    void pwAdaptiveMeasuresTauFromTheMinimumSizeAndSwitchesByItsRule() {
        List<List<Proposal>> log = new ArrayList<>();
        SearchConfig c = small(SearchMethod.PW_ADAPTIVE, Map.of("budget", "60", "adaptive_min_size", "20", "patience", "1",
                "min_delta", "1.0"));
        // min_delta 1 makes every τ after the first "no improvement", so with patience 1 the rule must switch at the
        // second evaluation: τ measured at |D| = 20 and 30, focus loss from |D| = 30 on.
        List<SearchState> end = run(starts(c, 2), log);
        for (int r = 0; r < 2; r++) {
            List<String> losses = new ArrayList<>();
            List<Boolean> measured = new ArrayList<>();
            for (List<Proposal> round : log.subList(1, log.size())) {
                losses.add(round.get(r).loss());
                measured.add(round.get(r).tauEvaluated());
            }
            assertEquals(List.of("pw/hr", "pw/hr", "pw/mape", "pw/mape", "pw/mape"), losses);
            assertEquals(List.of(false, true, true, false, false), measured);
            assertEquals(30, end.get(r).switchedAt());
            assertEquals(2, end.get(r).heldOutTau().length);
            for (double t : end.get(r).heldOutTau()) {
                assertTrue(Double.isNaN(t) || (t >= -1 && t <= 1), "τ in [-1, 1]: " + t);
            }
        }
    }

    @Test
    void sameSeedSameTrajectoryOtherSeedOtherTrajectory() {
        for (SearchMethod m : List.of(SearchMethod.RE, SearchMethod.PW, SearchMethod.PW_ADAPTIVE)) {
            SearchConfig c = small(m, Map.of("adaptive_min_size", "10"));
            List<SearchState> a = run(starts(c, 2), new ArrayList<>());
            List<SearchState> b = run(starts(c, 2), new ArrayList<>());
            assertEquals(a, b, m + ": same seeds, same states");
            assertFalse(Arrays.equals(a.get(0).queried(), a.get(1).queried()), m + ": two run seeds differ");
        }
    }

    /**
     * A controller that persisted the states after round 2, died, and restarted with a fresh step (new predictors)
     * from the persisted text ends with exactly the budget and the trajectory of an uninterrupted run.
     */
    @Test
    void resumedFromAPersistedMidRunStateFinishesLikeAnUninterruptedRun() {
        for (SearchMethod m : List.of(SearchMethod.MSE, SearchMethod.PW_ADAPTIVE, SearchMethod.RE)) {
            SearchConfig c = small(m, Map.of("adaptive_min_size", "10"));
            List<SearchState> uninterrupted = run(starts(c, 2), new ArrayList<>());

            List<SearchState> cur = starts(c, 2);
            for (int r = 0; r < 2; r++) {
                cur = SearchDriver.round(STEP, cur, SearchDriver.Listener.NONE);
            }
            List<String> persisted = cur.stream().map(SearchState::toText).toList();
            List<SearchState> restored = persisted.stream().map(SearchState::parse).toList();
            assertEquals(cur, restored, "the text form keeps the whole state");
            List<Proposal> queriedAfterRestart = new ArrayList<>();
            try (SearchStep fresh = new SearchStep(new SearchSpace(NB201), true)) {
                List<SearchState> end = SearchDriver.run(fresh, restored, (st, p) -> queriedAfterRestart.addAll(p));
                assertEquals(uninterrupted, end, m + ": same trajectory after the restart");
                for (SearchState s : end) {
                    assertEquals(c.budget(), s.size());
                }
            }
            int proposed = queriedAfterRestart.stream().mapToInt(p -> p.queries().length).sum();
            assertEquals(2 * (c.budget() - cur.get(0).size()), proposed, "after the restart only the rest of the budget is queried");
        }
    }

    /** Stepped alone or batched with other runs, a run follows the same trajectory (seed-batched rows are independent). */
    @Test
    void aRunsTrajectoryDoesNotDependOnTheRunsSteppedWithIt() {
        for (SearchMethod m : List.of(SearchMethod.HR, SearchMethod.PW_ADAPTIVE)) {
            SearchConfig c = small(m, Map.of("adaptive_min_size", "10"));
            List<SearchState> together = run(starts(c, 3), new ArrayList<>());
            SearchState alone = run(List.of(starts(c, 3).get(1)), new ArrayList<>()).get(0);
            assertEquals(together.get(1), alone, m.id());
        }
    }

    @Test
    void candidatesAreDistinctUnqueriedAndMostlyNeighboursOfTheBest() {
        SearchConfig c = small(SearchMethod.MSE, Map.of());
        SearchState s = SearchDriver.round(STEP, starts(c, 1), SearchDriver.Listener.NONE).get(0);
        int[] cand = Candidates.generate(s, SPACE);
        assertEquals(30, cand.length);
        assertEquals(30, Arrays.stream(cand).distinct().count());
        Set<Integer> d = new HashSet<>();
        Arrays.stream(s.queried()).forEach(d::add);
        int nearParent = 0;
        int[] parents = Picks.bestPositions(s, 5);
        for (int a : cand) {
            assertFalse(d.contains(a), "a candidate is never already queried");
            for (int p : parents) {
                if (SPACE.neighbourhood().distance(a, s.queried()[p]) == 1) {
                    nearParent++;
                    break;
                }
            }
        }
        assertTrue(nearParent >= 25, "25 mutants are one op away from a parent, got " + nearParent);
        assertArrayEquals(cand, Candidates.generate(s, SPACE), "candidates depend only on the state");
    }

    @Test
    void evolutionMutatesAMemberOfThePopulation() {
        SearchConfig c = small(SearchMethod.RE, Map.of("population", "5", "tournament", "2"));
        SearchState s = starts(c, 1).get(0);
        for (int r = 0; r < 8; r++) {
            Proposal p = STEP.step(s);
            if (s.size() > 0) {
                assertEquals(1, p.queries().length);
                int child = p.queries()[0];
                int from = Math.max(0, s.size() - 5);
                boolean neighbourOfPopulation = false;
                for (int i = from; i < s.size(); i++) {
                    neighbourOfPopulation |= SPACE.neighbourhood().distance(child, s.queried()[i]) == 1;
                }
                assertTrue(neighbourOfPopulation, "the child is one op away from one of the 5 youngest");
            }
            s = s.advance(p, SearchDriver.query(SPACE, c, p.queries()));
        }
    }
}
