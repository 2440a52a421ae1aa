package org.lossforge.core.search;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;

class SearchStateTest {
    static final Benchmark NB201 = Benchmarks.get("nb201");

    static SearchConfig cfg(String method) {
        return SearchConfig.defaults(NB201, "cifar100", SearchMethod.parse(method));
    }

    @Test
    void defaultsFollowNpenasAndTheBenchmark() {
        SearchConfig c = cfg("pw");
        assertEquals(100, c.budget());
        assertEquals(10, c.initial());
        assertEquals(100, c.candidates());
        assertEquals(10, c.topK());
        assertEquals(50, c.pwSwitch());
        assertEquals("valid", c.trainMetric());
        assertEquals("test", c.evalMetric());
        assertEquals(150, SearchConfig.defaults(Benchmarks.get("nb101"), "cifar10", SearchMethod.HR).budget());
        assertEquals("valid", SearchConfig.defaults(Benchmarks.get("nb101"), "cifar10", SearchMethod.HR).evalMetric());
    }

    @Test
    void configMapRoundTripsAndRejectsBadSettings() {
        SearchConfig c = cfg("pw_adaptive");
        assertEquals(c, SearchConfig.fromMap(c.toMap(), null));
        assertEquals(SearchConfig.KEYS, c.toMap().keySet().stream().toList());
        Map<String, String> m = new LinkedHashMap<>(c.toMap());
        m.put("budjet", "3");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchConfig.fromMap(m, null)).getMessage().contains("budjet"));
        Map<String, String> m2 = new LinkedHashMap<>(c.toMap());
        m2.put("top_k", "ten");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchConfig.fromMap(m2, null)).getMessage().contains("top_k"));
        Map<String, String> m3 = new LinkedHashMap<>(c.toMap());
        m3.put("initial", "200");
        assertThrows(IllegalArgumentException.class, () -> SearchConfig.fromMap(m3, null));
        Map<String, String> m4 = new LinkedHashMap<>(c.toMap());
        m4.put("pw_loss", "pw:warm=hr,focus=mape,at=3");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchConfig.fromMap(m4, null)).getMessage().contains("pw_switch"));
        assertThrows(IllegalArgumentException.class, () -> SearchMethod.parse("bananas"));
    }

    @Test
    void textFormRoundTripsExactly() {
        SearchState s = SearchState.start(cfg("pw_adaptive"), -1234567890123L);
        s = s.advance(new Proposal(0, new int[] {5, 17, 9}, "", false, Double.NaN, 0, ""), new double[] {0.1, 71.23456789012345, 1e-300});
        s = s.advance(new Proposal(1, new int[] {3}, "pw/hr", true, Double.NaN, 0, ""), new double[] {50});
        s = s.advance(new Proposal(2, new int[] {4}, "pw/mape", true, -0.3333333333333333, 4, ""), new double[] {49.5});
        SearchState back = SearchState.parse(s.toText());
        assertEquals(s, back);
        assertEquals(3, back.round());
        assertEquals(4, back.switchedAt());
        assertEquals(2, back.heldOutTau().length);
        assertTrue(Double.isNaN(back.heldOutTau()[0]));
        assertEquals(1, back.bestPosition(5), "best by validation value");
        assertThrows(IllegalArgumentException.class, () -> SearchState.parse("hello"));
        assertThrows(IllegalArgumentException.class, () -> SearchState.parse(SearchState.HEADER + "\nseed=1\n"));
    }

    @Test
    void stateRefusesRepeatsOverBudgetAndStaleProposals() {
        SearchState s = SearchState.start(cfg("random"), 1);
        SearchState one = s.advance(new Proposal(0, new int[] {1, 2}, "", false, Double.NaN, 0, ""), new double[] {1, 2});
        assertThrows(IllegalArgumentException.class,
                () -> one.advance(new Proposal(1, new int[] {2}, "", false, Double.NaN, 0, ""), new double[] {2}));
        assertThrows(IllegalArgumentException.class,
                () -> one.advance(new Proposal(0, new int[] {3}, "", false, Double.NaN, 0, ""), new double[] {2}),
                "a proposal of an older round is refused");
        int[] many = java.util.stream.IntStream.range(10, 111).toArray();
        assertThrows(IllegalArgumentException.class,
                () -> s.advance(new Proposal(0, many, "", false, Double.NaN, 0, ""), new double[many.length]));
    }

    @Test
    void adaptiveRuleSwitchesAfterPatienceEvaluationsWithoutANewBest() {
        assertFalse(AdaptiveSwitch.shouldSwitch(new double[] {0.3}, 1, 0));
        assertFalse(AdaptiveSwitch.shouldSwitch(new double[] {0.3, 0.4, 0.5}, 1, 0));
        assertTrue(AdaptiveSwitch.shouldSwitch(new double[] {0.3, 0.4, 0.4}, 1, 0), "equal is no improvement");
        assertFalse(AdaptiveSwitch.shouldSwitch(new double[] {0.3, 0.2, 0.5}, 2, 0), "a new best resets the count");
        assertTrue(AdaptiveSwitch.shouldSwitch(new double[] {0.3, 0.5, 0.2, 0.45}, 2, 0));
        assertTrue(AdaptiveSwitch.shouldSwitch(new double[] {0.3, 0.32}, 1, 0.05), "below min_delta is no improvement");
        assertTrue(AdaptiveSwitch.shouldSwitch(new double[] {0.3, Double.NaN}, 1, 0), "NaN is no improvement");
        assertFalse(AdaptiveSwitch.shouldSwitch(new double[] {Double.NaN, 0.1}, 1, 0), "the first finite τ is a best");
    }
}
