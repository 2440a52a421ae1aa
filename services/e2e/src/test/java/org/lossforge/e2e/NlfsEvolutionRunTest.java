package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossforge.core.classify.NlfsRunConfig;

/** The total of {@code ./lossforge nlfs evolve}'s progress bar: initial pool + rescoring (when on) + cycles. */
class NlfsEvolutionRunTest {

    @Test
    void plannedStepsArePoolPlusRescoringPlusCycles() {
        NlfsRunConfig rescoring = NlfsRunConfig.fromMap(Map.of("population", "4", "initial_pool", "6", "rescore", "true",
                "cycles", "10"), 0);
        assertEquals(6 + 4 + 10, NlfsEvolutionRun.plannedSteps(rescoring));
        NlfsRunConfig plain = NlfsRunConfig.fromMap(Map.of("population", "4", "initial_pool", "6", "rescore", "false",
                "cycles", "10"), 0);
        assertEquals(6 + 10, NlfsEvolutionRun.plannedSteps(plain));
    }
}
