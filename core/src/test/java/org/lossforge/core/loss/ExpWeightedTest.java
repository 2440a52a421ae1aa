package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lossforge.core.loss.LossTesting.*;

import org.junit.jupiter.api.Test;

class ExpWeightedTest {

    @Test
    void handComputedValue() {
        // pred (0.5, 0, 1), y (1, 0, 0.5); squared errors 0.25, 0, 0.25
        // gmaenas weights (e^y − 1)/(e − 1): 1, 0, (√e − 1)/(e − 1) = 1/(√e + 1)
        //   → L = (0.25·1 + 0 + 0.25/(√e + 1))/3
        double[] p = {0.5, 0, 1};
        double[] y = {1, 0, 0.5};
        double rootE = Math.sqrt(Math.E);
        assertEquals((0.25 + 0.25 / (rootE + 1)) / 3, value(new ExpWeighted(), p, y), 1e-12);
        // exp form weights e^{y−1}: 1, e^−1, e^−0.5 → L = (0.25 + 0 + 0.25·e^−0.5)/3
        assertEquals((0.25 + 0.25 * Math.exp(-0.5)) / 3, value(new ExpWeighted("exp"), p, y), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] pred = {uniform(19, 6, 0, 1)};
        double[][] y = {uniform(20, 6, 0, 1)};
        assertGradientMatchesFiniteDifferences(new ExpWeighted(), pred, y, single(6), 1e-6);
        assertGradientMatchesFiniteDifferences(new ExpWeighted("exp"), pred, y, single(6), 1e-6);
    }

    @Test
    void unitLabelsAndFormCheck() {
        assertEquals(LabelScale.UNIT, new ExpWeighted().labelScale());
        assertThrows(IllegalArgumentException.class, () -> new ExpWeighted("linear"));
    }
}
