package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {

    static NamedLoss fake(String name) {
        return new NamedLoss(name, name, (yhat, y) -> {
            throw new AssertionError("not trained in this test");
        });
    }

    static SurrogateResult ok(double fitness) {
        return new SurrogateResult(SurrogateResult.Status.OK, null, fitness, 0, new double[] {0.5}, new double[] {fitness}, new double[0],
                false, 10, 0);
    }

    static SurrogateResult failed() {
        return new SurrogateResult(SurrogateResult.Status.DIVERGED, "loss is NaN", Double.NaN, -1, new double[0], new double[0],
                new double[0], false, 3, 0);
    }

    @Test
    void halvesWithDoubledBudgetsUntilTheFinalistsRemain() {
        // 10 candidates c0…c9; the score grows with the index and with the budget, except c9 which always fails
        List<NamedLoss> cands = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cands.add(fake("c" + i));
        }
        List<String> calls = new ArrayList<>();
        SuccessiveHalving.Outcome o = SuccessiveHalving.run(cands, new SuccessiveHalving.Settings(2, 0.5, 2), (l, epochs, round) -> {
            calls.add(l.name() + "@" + epochs + "/" + round);
            int i = Integer.parseInt(l.name().substring(1));
            return i == 9 ? failed() : ok(i / 100.0 + epochs / 1000.0);
        });
        // round 0: 10 trained at 2 epochs, keep ⌈10·½⌉ = 5: c8 c7 c6 c5 c4 (c9 failed → last)
        // round 1: 5 at 4 epochs, keep max(2, ⌈2.5⌉) = 3: c8 c7 c6; round 2: 3 at 8 epochs, keep max(2, ⌈1.5⌉) = 2: c8 c7
        assertEquals(3, o.rounds().size());
        assertEquals(List.of(2, 4, 8), o.rounds().stream().map(SuccessiveHalving.Round::epochs).toList());
        assertEquals(List.of(5, 3, 2), o.rounds().stream().map(SuccessiveHalving.Round::kept).toList());
        assertEquals(List.of("c8", "c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0", "c9"),
                o.rounds().get(0).ranked().stream().map(e -> e.loss().name()).toList());
        assertEquals(List.of("c8", "c7"), o.finalists().stream().map(NamedLoss::name).toList());
        assertEquals(10 + 5 + 3, calls.size());
        assertEquals("c4@4/1", calls.get(10 + 4));
        assertEquals("c6@8/2", calls.get(17));
    }

    @Test
    void failuresAreNeverKeptAndTiesKeepInputOrder() {
        Map<String, SurrogateResult> fixed = Map.of("a", ok(0.5), "b", failed(), "c", ok(0.5), "d", failed(), "e", failed());
        SuccessiveHalving.Outcome o = SuccessiveHalving.run(List.of(fake("a"), fake("b"), fake("c"), fake("d"), fake("e")),
                new SuccessiveHalving.Settings(1, 0.5, 4), (l, e, r) -> fixed.get(l.name()));
        // keep would be max(4, 3) = 4, but only 2 trained
        assertEquals(1, o.rounds().size());
        assertEquals(2, o.rounds().get(0).kept());
        assertEquals(List.of("a", "c"), o.finalists().stream().map(NamedLoss::name).toList());
    }

    @Test
    void fewCandidatesNeedNoRound() {
        SuccessiveHalving.Outcome o = SuccessiveHalving.run(List.of(fake("a"), fake("b")), new SuccessiveHalving.Settings(1, 0.5, 4),
                (l, e, r) -> {
                    throw new AssertionError();
                });
        assertEquals(0, o.rounds().size());
        assertEquals(2, o.finalists().size());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving.Settings(0, 0.5, 4));
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving.Settings(1, 1.0, 4));
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving.Settings(1, 0.5, 0));
    }
}
