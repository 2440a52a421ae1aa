package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossforge.core.nlfs.EvolutionConfig;

class NlfsRunConfigTest {

    @Test
    void emptySettingsAreTheCpuPresetAndTheAuthorsEvolution() {
        NlfsRunConfig c = NlfsRunConfig.fromMap(Map.of(), 5);
        assertEquals(SurrogateConfig.cpuDefault(), c.surrogate());
        EvolutionConfig p = EvolutionConfig.paper(5);
        assertEquals(p, c.evolution());
        assertEquals("cpu", c.settings().get("preset"));
        assertEquals("100", c.settings().get("population"));
        assertEquals(NlfsRunConfig.trainingSeed(5), c.trainingSeed());
        assertNotEquals(NlfsRunConfig.trainingSeed(5), NlfsRunConfig.trainingSeed(6));
    }

    @Test
    void overridesApplyOnTopOfThePreset() {
        NlfsRunConfig c = NlfsRunConfig.fromMap(Map.ofEntries(Map.entry("preset", "tiny"),
                Map.entry("dataset", "cifar10"), Map.entry("epochs", "2"), Map.entry("steps_per_epoch", "7"),
                Map.entry("train_images", "1000"), Map.entry("precheck_accuracy", "0.15"), Map.entry("population", "8"),
                Map.entry("initial_pool", "10"), Map.entry("rescore", "false"), Map.entry("tournament", "3"),
                Map.entry("cycles", "20")), 9);
        SurrogateConfig s = c.surrogate();
        assertEquals("cifar10", s.data().dataset());
        assertEquals(1000, s.data().trainImages());
        assertEquals(2, s.schedule().epochs());
        assertEquals(7, s.schedule().stepsPerEpoch());
        assertEquals(SurrogateConfig.tiny().schedule().batchSize(), s.schedule().batchSize());
        assertEquals(2, s.precheck().epochs(), "the tiny preset's 2-epoch precheck fits 2 epochs");
        assertEquals(0.15, s.precheck().minTrainAccuracy());
        EvolutionConfig e = c.evolution();
        assertEquals(9, e.seed());
        assertEquals(8, e.populationSize());
        assertEquals(10, e.initialPoolSize());
        assertFalse(e.rescoreInitial());
        assertEquals(3, e.tournamentSize());
        assertEquals(20, e.cycles());
        assertEquals(1000 - 10 * SurrogateConfig.tiny().data().validPerClass(), c.trainSize());
    }

    @Test
    void trainSizeIsWhatTheSurrogateFitsOn() {
        NlfsRunConfig c = NlfsRunConfig.fromMap(Map.of("preset", "tiny"), 1);
        assertEquals(new Surrogate(c.surrogate()).trainSet().size(), c.trainSize());
        assertEquals(8000 - 1000, NlfsRunConfig.fromMap(Map.of(), 1).trainSize());
    }

    @Test
    void badSettingsNameTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NlfsRunConfig.fromMap(Map.of("popsize", "3"), 0))
                .getMessage().contains("unknown NLFS setting 'popsize'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NlfsRunConfig.fromMap(Map.of("preset", "huge"), 0))
                .getMessage().contains("preset must be one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NlfsRunConfig.fromMap(Map.of("epochs", "zero"), 0))
                .getMessage().contains("epochs must be an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NlfsRunConfig.fromMap(Map.of("population", "50",
                "initial_pool", "10"), 0)).getMessage().startsWith("evolution: initialPoolSize (10)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NlfsRunConfig.fromMap(Map.of("rescore", "yes"), 0))
                .getMessage().contains("rescore must be true or false"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NlfsRunConfig.fromMap(Map.of("dataset", "mnist"), 0))
                .getMessage().contains("dataset must be one of"));
    }

    @Test
    void candidateLossesScreenExpressionsAndKnowTheBaselines() {
        assertEquals("ce", CandidateLosses.baseline(" Cross-Entropy "));
        assertEquals("baikal", CandidateLosses.baseline("baikal"));
        assertNull(CandidateLosses.baseline("-(y * ln(|yhat|))"));
        assertEquals("-(y * ln(|yhat|))", CandidateLosses.of("-(ln(|yhat|) * y)", "x").expression());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CandidateLosses.of("y * (yhat", "x"));
        assertTrue(e.getMessage().startsWith("parse error at position 10"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CandidateLosses.of("y + yhat", "x")).getMessage()
                .contains("integrity check"));
        // found by ExprFuzzTest: a null text threw NullPointerException from baseline(); now the parse error
        assertNull(CandidateLosses.baseline(null));
        e = assertThrows(IllegalArgumentException.class, () -> CandidateLosses.of(null, "x"));
        assertEquals("parse error at position 1: expected an expression, found nothing", e.getMessage());
    }
}
