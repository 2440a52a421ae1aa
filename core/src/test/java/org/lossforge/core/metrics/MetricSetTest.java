package org.lossforge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricSetTest {

    @Test
    void smallSpaceMatchesIndividualMetricsAndReportsNaNWhereUndefined() {
        double[] truth = NAtKTest.TRUTH;
        double[] pred = NAtKTest.PRED;
        MetricReport r = MetricSet.standard().compute(truth, pred);
        assertEquals(10, r.n());
        assertEquals(KendallTauB.of(truth, pred), r.kendallTauB(), 0);
        assertEquals(Spearman.of(truth, pred), r.spearman(), 0);
        assertEquals(List.of(0.5, 1.0, 5.0, 10.0), List.copyOf(r.precisionAt().keySet()));
        // n = 10: k = 0 for T = 0.5, 1, 5 -> NaN; T = 10 -> k = 1: pred top {0}, true top {1} -> 0
        assertTrue(Double.isNaN(r.precisionAt().get(0.5)));
        assertTrue(Double.isNaN(r.precisionAt().get(1.0)));
        assertTrue(Double.isNaN(r.precisionAt().get(5.0)));
        assertEquals(0.0, r.precisionAt().get(10.0), 0);
        assertEquals(List.of(1, 5, 10), List.copyOf(r.nAt().keySet()));
        assertEquals(5.0, r.nAt().get(1), 0);
        assertEquals(1.0, r.nAt().get(5), 0);
        assertEquals(1.0, r.nAt().get(10), 0);
        assertEquals(0.0, r.regretAt().get(10), 0);
    }

    @Test
    void kGreaterThanNIsNaN() {
        MetricReport r = MetricSet.standard().compute(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 3});
        assertEquals(0.8, r.kendallTauB(), 1e-15);
        assertEquals(5.0 / 6, r.spearman(), 1e-15);
        assertEquals(2.0, r.nAt().get(1), 0); // pred top {1} (tie with 3, lower index), truth 2 -> rank 2
        assertTrue(Double.isNaN(r.nAt().get(5)));
        assertTrue(Double.isNaN(r.regretAt().get(10)));
    }

    @Test
    void agreesWithIndividualMetricsOnRandomData() {
        Random rnd = new Random(11);
        int n = 2000;
        double[] truth = new double[n];
        double[] pred = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = Math.round(rnd.nextGaussian() * 20) / 20.0;
            pred[i] = truth[i] + Math.round(rnd.nextGaussian() * 10) / 10.0;
        }
        MetricReport r = MetricSet.standard().compute(truth, pred);
        assertEquals(Spearman.of(truth, pred), r.spearman(), 0);
        for (double t : List.of(0.5, 1.0, 5.0, 10.0)) {
            assertEquals(new PrecisionAtT(t).compute(truth, pred), r.precisionAt().get(t), 0);
        }
        for (int k : List.of(1, 5, 10)) {
            assertEquals(new NAtK(k).compute(truth, pred), r.nAt().get(k), 0);
        }
        assertEquals(new TopKRegret(10).compute(truth, pred), r.regretAt().get(10), 0);
    }

    @Test
    void invalidInputThrows() {
        MetricSet s = MetricSet.standard();
        assertThrows(IllegalArgumentException.class, () -> s.compute(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> s.compute(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> s.compute(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> s.compute(new double[] {1, 1}, new double[] {1, 2}));
        assertThrows(UnsupportedOperationException.class,
                () -> s.compute(new double[] {1, 2}, new double[] {1, 2}).nAt().put(3, 1.0));
    }
}
