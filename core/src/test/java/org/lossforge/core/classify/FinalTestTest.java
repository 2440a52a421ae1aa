package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinalTestTest {

    @TempDir
    Path tmp;

    /** Test accuracies per loss and seed index (NaN = the training fails). */
    static final Map<String, double[]> TABLE = Map.of(
            "cross-entropy", new double[] {0.78, 0.80, 0.80, 0.82, 0.79, 0.80},
            "Baikal", new double[] {0.77, 0.79, 0.81, 0.80, 0.78, 0.79},
            "good", new double[] {0.80, 0.82, 0.79, 0.85, 0.81, 0.83},
            "flaky", new double[] {0.80, Double.NaN, 0.79, 0.85, Double.NaN, 0.83});

    static SurrogateResult result(double test) {
        if (Double.isNaN(test)) {
            return new SurrogateResult(SurrogateResult.Status.DIVERGED, "loss is NaN at epoch 2, step 17", Double.NaN, -1,
                    new double[] {0.3, 0.4}, new double[0], new double[0], false, 217, 1);
        }
        return new SurrogateResult(SurrogateResult.Status.OK, null, test + 0.01, 1, new double[] {0.5, 0.6}, new double[] {0.5, test + 0.01},
                new double[] {0.4, test}, false, 300, 1);
    }

    static NamedLoss named(String name, String expr) {
        return new NamedLoss(name, expr, (yhat, y) -> {
            throw new AssertionError();
        });
    }

    FinalTest.Outcome run(List<String> calls) {
        long[] seeds = FinalTest.seeds(0, 6);
        List<Long> seedList = new ArrayList<>();
        for (long s : seeds) {
            seedList.add(s);
        }
        return FinalTest.run(List.of(named("good", "-(y * ln(|yhat|)) + square(yhat)"), named("flaky", "-(y * sqrt(|yhat|))")),
                List.of(named("cross-entropy", Baselines.CE_EXPRESSION), named("Baikal", Baselines.BAIKAL_EXPRESSION)), seeds,
                (l, seed) -> {
                    calls.add(l.name() + "#" + seedList.indexOf(seed));
                    return result(TABLE.get(l.name())[seedList.indexOf(seed)]);
                }, null);
    }

    @Test
    void everyLossEverySeedPairedComparisonsAgainstEachBaseline() {
        List<String> calls = new ArrayList<>();
        FinalTest.Outcome o = run(calls);
        assertEquals(24, calls.size());
        assertEquals(List.of("good#0", "good#1"), calls.subList(0, 2));
        assertEquals(List.of("good", "flaky", "cross-entropy", "Baikal"), o.rows().stream().map(r -> r.loss().name()).toList());
        FinalTest.Row good = o.rows().get(0);
        assertEquals(PairedTests.mean(TABLE.get("good")), good.mean(), 1e-12);
        assertEquals(PairedTests.sd(TABLE.get("good")), good.sd(), 1e-12);
        FinalTest.Row flaky = o.rows().get(1);
        assertEquals(2, flaky.failures());
        assertEquals(4, flaky.successful().length);
        // comparisons: good−CE, good−Baikal, flaky−CE, flaky−Baikal, CE−Baikal
        assertEquals(5, o.comparisons().size());
        FinalTest.Comparison gc = o.comparisons().get(0);
        assertEquals("good", gc.loss());
        assertEquals("cross-entropy", gc.baseline());
        assertEquals(6, gc.pairs());
        // the differences are PairedTestsTest's hand-computed sample / 100: t = 3.0508511, p = 0.0283967
        assertEquals(3.05085107923876, gc.t().t(), 1e-6);
        assertEquals(0.028396725127640465, gc.t().p(), 1e-6);
        assertEquals(4.0 / 64, gc.wilcoxon().p(), 1e-12);
        FinalTest.Comparison fc = o.comparisons().get(2);
        assertEquals("flaky", fc.loss());
        assertEquals(4, fc.pairs(), "failed seeds leave the pairs");
        FinalTest.Comparison cb = o.comparisons().get(4);
        assertEquals("cross-entropy", cb.loss());
        assertEquals("Baikal", cb.baseline());
        assertTrue(Double.isNaN(cb.holmP()), "baseline-vs-baseline is outside the Holm family");
        // Holm over the 4 evolved-vs-baseline p-values: the smallest is multiplied by 4, and adjusted p ≥ raw p
        double minRaw = o.comparisons().subList(0, 4).stream().mapToDouble(c -> c.t().p()).min().orElseThrow();
        double minAdj = o.comparisons().subList(0, 4).stream().mapToDouble(FinalTest.Comparison::holmP).min().orElseThrow();
        assertEquals(Math.min(1, 4 * minRaw), minAdj, 1e-12);
        for (FinalTest.Comparison c : o.comparisons().subList(0, 4)) {
            assertTrue(c.holmP() >= c.t().p());
        }
    }

    @Test
    void tooFewSeedsOrDuplicateNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FinalTest.run(List.of(named("a", "a")), List.of(named("b", "b")),
                FinalTest.seeds(0, 5), (l, s) -> result(0.5), null));
        assertThrows(IllegalArgumentException.class, () -> FinalTest.run(List.of(named("a", "a")), List.of(named("a", "b")),
                FinalTest.seeds(0, 6), (l, s) -> result(0.5), null));
    }

    @Test
    void aComparisonWithFewerThanTwoPairsHasNoTest() {
        FinalTest.Outcome o = FinalTest.run(List.of(named("dead", "x")), List.of(named("cross-entropy", "y")), FinalTest.seeds(1, 6),
                (l, s) -> result(l.name().equals("dead") ? Double.NaN : 0.5), null);
        assertEquals(0, o.comparisons().get(0).pairs());
        assertNull(o.comparisons().get(0).t());
    }

    @Test
    void seedsAreDistinctAndStable() {
        long[] a = FinalTest.seeds(0, 6);
        assertEquals(6, java.util.Arrays.stream(a).distinct().count());
        assertEquals(a[3], FinalTest.seeds(0, 10)[3]);
    }

    @Test
    void theReportPrintsEveryLossInTextSyntaxAndTheNumbers() throws Exception {
        FinalTest.Outcome o = run(new ArrayList<>());
        SuccessiveHalving.Outcome elim = SuccessiveHalving.run(
                List.of(named("good", "g"), named("flaky", "f"), named("weak", "w")), new SuccessiveHalving.Settings(2, 0.5, 2),
                (l, e, r) -> result(l.name().equals("weak") ? 0.3 : 0.8));
        Files.writeString(tmp.resolve("nlfs-t1-discussion.md"), "## Discussion\n\nHand-written.\n");
        Path md = NlfsReport.write(tmp, new NlfsReport.Inputs("t1", "./lossforge nlfs final --run t1", SurrogateConfig.cpuDefault(),
                "Test environment.", elim, o, 1.5));
        assertEquals(tmp.resolve("nlfs-t1.md"), md);
        String text = Files.readString(md);
        assertTrue(text.startsWith("# NLFS final test `t1`\n\nGenerated by:\n\n```\n./lossforge nlfs final --run t1\n```"), text);
        assertTrue(text.contains("| good | 6/6 | 81.67 ± 2.16 | 80.00, 82.00, 79.00, 85.00, 81.00, 83.00 |"), text);
        assertTrue(text.contains("| flaky | 4/6 |"), text);
        assertTrue(text.contains("failed, 79.00"), text);
        assertTrue(text.contains("| cross-entropy (baseline) | 6/6 | 79.83 ± 1.33 |"), text);
        assertTrue(text.contains("| good | cross-entropy | 6 | +1.83 | 3.051 | 5 | 0.028 |"), text);
        assertTrue(text.contains("- flaky, seed " + o.seeds()[1] + ": DIVERGED, loss is NaN at epoch 2, step 17"), text);
        assertTrue(text.contains("- **good**: `-(y * ln(|yhat|)) + square(yhat)`"), text);
        assertTrue(text.contains("- **Baikal**: `-(ln(|yhat|) - y / yhat)`"), text);
        assertTrue(text.contains("## Elimination (successive halving)"), text);
        assertTrue(text.contains("| 0 | 2 | weak | OK | 31.00 |  |"), text);
        assertTrue(text.contains("Finalists: good, flaky."), text);
        assertTrue(text.strip().endsWith("Hand-written."), text);
        assertThrows(IllegalArgumentException.class, () -> NlfsReport.write(tmp, new NlfsReport.Inputs("../x", "c",
                SurrogateConfig.cpuDefault(), "e", null, o, 1)));
    }
}
