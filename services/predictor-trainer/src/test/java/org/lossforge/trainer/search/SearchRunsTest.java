package org.lossforge.trainer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.search.SearchConfig;
import org.lossforge.core.search.SearchDriver;
import org.lossforge.core.search.SearchSpace;
import org.lossforge.core.search.SearchState;
import org.lossforge.core.search.SearchStep;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.ArchResult;
import org.lossforge.schemas.SearchProgress;
import org.lossforge.schemas.SearchRequested;
import org.lossforge.services.common.InvalidRecordException;

/** The controller loop over an in-memory port: a crash between rounds resumes without asking anything twice. */
class SearchRunsTest {

    private static final Benchmark NB201 = Benchmarks.get("nb201");

    /** Topics as maps; {@code failAfterSaves} simulates a crash after that many saved rounds. */
    static final class MemoryPort implements SearchRuns.Port {
        final Map<String, SearchProgress> state = new HashMap<>();
        final Map<String, ArchResult> results = new HashMap<>();
        final List<ArchQuery> asked = new ArrayList<>();
        int failAfterSaves = Integer.MAX_VALUE;
        int saves;

        @Override
        public SearchProgress latest(String runId) {
            return state.get(runId);
        }

        @Override
        public ArchResult answer(ArchQuery q, Duration within) {
            String key = q.getRunId() + "/" + q.getRound();
            return results.computeIfAbsent(key, k -> {
                asked.add(q);
                List<Double> values = q.getQueries().stream()
                        .map(a -> NB201.truth(a, q.getDataset(), q.getTrainMetric())).toList();
                return ArchResult.newBuilder().setRunId(q.getRunId()).setRound(q.getRound()).setQueries(q.getQueries())
                        .setValues(values).setAnsweredAt(Instant.EPOCH).build();
            });
        }

        @Override
        public void save(String runId, SearchProgress p) {
            if (saves++ >= failAfterSaves) {
                throw new IllegalStateException("crash");
            }
            state.put(runId, p);
        }
    }

    private static SearchRequested request(String method, long seed) {
        return SearchRequested.newBuilder().setRunId("run-" + method).setSearchId("s").setRunIndex(0).setSeed(seed)
                .setSettings(Map.of("benchmark", "nb201", "dataset", "cifar10", "method", method, "budget", "40",
                        "candidates", "30", "random_candidates", "5", "predictor.epochs", "15"))
                .setRequestedAt(Instant.EPOCH).build();
    }

    @Test
    void aRunStoppedAfterTwoRoundsResumesAsTheUninterruptedRunAndAsksEveryRoundOnce() {
        SearchRuns runs = new SearchRuns(Clock.systemUTC(), Duration.ofSeconds(5));
        SearchRequested r = request("hr", 11);
        SearchConfig c = runs.config(r);
        MemoryPort port = new MemoryPort();
        port.failAfterSaves = 2;
        assertThrows(IllegalStateException.class, () -> runs.run(r, c, port));
        // the crash came while saving round 3: its answer is on the results topic, its state is not
        assertEquals(2, port.state.get("run-hr").getRound());
        assertEquals(3, port.asked.size());

        port.failAfterSaves = Integer.MAX_VALUE;
        SearchState end = runs.run(r, c, port);
        assertEquals(40, end.size());
        assertTrue(end.done());
        assertEquals(4, port.asked.size(), "rounds 0..3 asked once each, round 2's answer reused after the restart");
        Set<Integer> archs = new HashSet<>();
        port.asked.forEach(q -> archs.addAll(q.getQueries()));
        assertEquals(40, archs.size(), "no architecture queried twice");

        SearchState uninterrupted;
        try (SearchStep step = new SearchStep(new SearchSpace(NB201), false)) {
            uninterrupted = SearchDriver.run(step, List.of(SearchState.start(c, 11)), SearchDriver.Listener.NONE).get(0);
        }
        assertEquals(uninterrupted, end);
        assertEquals(end, SearchState.parse(port.state.get("run-hr").getState()));
        assertTrue(port.state.get("run-hr").getDone());

        // a finished run is not run again
        int before = port.asked.size();
        runs.run(r, c, port);
        assertEquals(before, port.asked.size());
    }

    @Test
    void aShutdownStopsTheRunBetweenRoundsAndTheRestartFinishesIt() {
        SearchRuns runs = new SearchRuns(Clock.systemUTC(), Duration.ofSeconds(5));
        SearchRequested r = request("random", 21);
        SearchConfig c = runs.config(r);
        MemoryPort port = new MemoryPort();
        int[] rounds = {0};
        assertThrows(SearchRuns.Stopped.class, () -> runs.run(r, c, port, () -> rounds[0]++ >= 2));
        assertEquals(2, port.state.get("run-random").getRound(), "two rounds done and saved before the stop");
        assertEquals(2, port.asked.size());
        SearchState end = runs.run(r, c, port);
        assertEquals(40, end.size());
        assertEquals(4, port.asked.size());
    }

    @Test
    void badRequestsAndAReusedRunIdAreRefusedWithAReason() {
        SearchRuns runs = new SearchRuns(Clock.systemUTC(), Duration.ofSeconds(5));
        SearchRequested unknown = SearchRequested.newBuilder(request("hr", 1))
                .setSettings(Map.of("benchmark", "nb999", "dataset", "cifar10", "method", "hr")).build();
        assertEquals("UNKNOWN_BENCHMARK", assertThrows(InvalidRecordException.class, () -> runs.config(unknown)).code());
        SearchRequested badKey = SearchRequested.newBuilder(request("hr", 1))
                .setSettings(Map.of("benchmark", "nb201", "dataset", "cifar10", "method", "hr", "budgett", "5")).build();
        assertEquals("INVALID_SEARCH", assertThrows(InvalidRecordException.class, () -> runs.config(badKey)).code());

        MemoryPort port = new MemoryPort();
        SearchRequested random = request("random", 5);
        runs.run(random, runs.config(random), port);
        SearchRequested sameIdOtherSeed = SearchRequested.newBuilder(random).setSeed(6).build();
        assertEquals("RUN_ID_REUSED", assertThrows(InvalidRecordException.class,
                () -> runs.run(sameIdOtherSeed, runs.config(sameIdOtherSeed), port)).code());
    }
}
