package org.lossforge.loadtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The short chaos scenario in {@code mvn verify}: the four services as shipped over a child-process broker, a 36-job
 * oracle study, and a seeded schedule with one SIGKILL of the trainer, one of the ranker and one of the broker (each
 * restarted). Every invariant must hold: each configuration counts exactly its seeds, no trial counted twice, every
 * trial's metrics and every aggregate equal core's within 1e-9, nothing valid dead-lettered. A failure prints the
 * schedule's seed; {@code ./lossforge chaos short --seed N} replays it.
 */
class ShortChaosTest {

    @Test
    void theStudySurvivesTrainerRankerAndBrokerKillsWithNothingLostOrCountedTwice() {
        long seed = Long.getLong("chaos.seed", 11);
        ChaosRun.Result r = new ChaosRun(Chaos.scenario("short", seed, null, null), System.out)
                .run(Path.of("target", "chaos-logs", "short"));
        String replay = " (replay: ./lossforge chaos short --seed " + seed + ")";
        assertEquals(List.of(), r.violations(), "invariants" + replay);
        assertEquals(3, r.recoveries().size(), "every scheduled fault was applied mid-study" + replay);
        assertEquals(36, r.counted());
        assertEquals(0, r.lost());
        assertEquals(0, r.duplicated());
        assertEquals(36, r.distinctEvaluated());
        assertTrue(r.maxAbsError() <= 1e-9, "leaderboard equals core: " + r.maxAbsError());
    }
}
