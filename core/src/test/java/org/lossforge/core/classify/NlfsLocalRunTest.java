package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lossforge.core.nlfs.Evolution;
import org.lossforge.core.nlfs.EvolutionState;

/** A whole (very small) NLFS run on real trainings of the tiny surrogate. */
@ExtendWith(OneIntraOpThread.class)
class NlfsLocalRunTest {

    static final Map<String, String> SETTINGS = Map.of("preset", "tiny", "train_images", "700", "epochs", "1",
            "steps_per_epoch", "3", "precheck_epochs", "0", "population", "3", "initial_pool", "4", "rescore", "false",
            "tournament", "2", "cycles", "4");
    @Test
    void aRunTrainsEachLossOnceAndIsReproducible() {
        NlfsRunConfig cfg = NlfsRunConfig.fromMap(SETTINGS, 21);
        List<String> trainedLosses = new ArrayList<>();
        int[] proposals = {0};
        EvolutionState end = new NlfsLocalRun(cfg).run(Evolution.start(cfg.evolution()), (before, c, loss, r, now) -> {
            proposals[0]++;
            if (now) {
                trainedLosses.add(loss);
                assertNotNull(r);
            }
        });
        assertTrue(end.finished());
        assertEquals(4, end.cycle());
        assertEquals(3, end.population().size());
        Set<String> distinct = new HashSet<>(trainedLosses);
        assertEquals(distinct.size(), trainedLosses.size(), "no loss trained twice: " + trainedLosses);
        assertTrue(proposals[0] >= 8, "4 initial losses and 4 cycles");
        EvolutionState again = new NlfsLocalRun(cfg).run(Evolution.start(cfg.evolution()), (b, c, l, r, n) -> { });
        assertEquals(end, again, "same settings and seed, same run");
    }
}
