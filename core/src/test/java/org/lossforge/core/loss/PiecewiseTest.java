package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.core.loss.LossTesting.*;

import org.junit.jupiter.api.Test;

class PiecewiseTest {

    private static LossContext epoch(int epoch, int epochs) {
        return new LossContext(epoch, epochs, 50, null);
    }

    private static LossContext size(int trainSize) {
        return new LossContext(3, 10, trainSize, null);
    }

    @Test
    void epochModeFractionSwitchesExactlyAtRoundedEpoch() {
        HingeRanking warm = new HingeRanking(0.01);
        Mape focus = new Mape();
        Piecewise pw = new Piecewise(warm, focus); // epoch mode, at 0.5
        // 10 epochs → switch epoch round(5.0) = 5: epochs 0..4 warm, 5.. focus
        assertEquals(5, pw.switchEpoch(10));
        assertSame(warm, pw.active(epoch(4, 10)));
        assertSame(focus, pw.active(epoch(5, 10)));
        // 7 epochs → round(3.5) = 4 (half rounds up)
        assertEquals(4, pw.switchEpoch(7));
        assertTrue(pw.warmActive(epoch(3, 7)));
        assertSame(focus, pw.active(epoch(4, 7)));
    }

    @Test
    void epochModeWholeNumberIsAnEpoch() {
        Piecewise pw = new Piecewise(new Mse(), new ExpWeighted(), Piecewise.Mode.EPOCH, 3);
        assertEquals(3, pw.switchEpoch(100));
        assertTrue(pw.warmActive(epoch(2, 100)));
        assertTrue(!pw.warmActive(epoch(3, 100)));
        assertThrows(IllegalArgumentException.class, () -> new Piecewise(new Mse(), new Mse(), Piecewise.Mode.EPOCH, 2.5));
    }

    @Test
    void sizeModeUsesWarmUpToAndIncludingAt() {
        Piecewise pw = new Piecewise(new ListMle(), new Warp(), Piecewise.Mode.SIZE, 20);
        assertSame(pw.warm(), pw.active(size(20)));
        assertSame(pw.focus(), pw.active(size(21)));
        assertSame(pw.warm(), pw.active(size(1)));
    }

    @Test
    void labelScaleIsTheFocusLosss() {
        assertEquals(LabelScale.UNIT, new Piecewise(new HingeRanking(), new Mape()).labelScale());
        assertEquals(LabelScale.ZSCORE, new Piecewise(new Mse(), new Warp()).labelScale());
        assertEquals("pw", new Piecewise(new Mse(), new Warp()).name());
    }

    @Test
    void valueIsTheActivePartsValue() {
        Piecewise pw = new Piecewise(new HingeRanking(), new Mse(), Piecewise.Mode.EPOCH, 2);
        double[] p = {0.05, 0.2, 0.0};
        double[] y = {3, 2, 1};
        // epoch 1 < 2: HR hand value (HingeRankingTest) 0.1; epoch 2: MSE = ((0.05 − 3)² + (0.2 − 2)² + (0 − 1)²)/3
        assertEquals(0.1, value(pw, p, y, new LossContext(1, 4, 3, null)), 1e-12);
        double mse = (2.95 * 2.95 + 1.8 * 1.8 + 1.0) / 3;
        assertEquals(mse, value(pw, p, y, new LossContext(2, 4, 3, null)), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Piecewise pw = new Piecewise(new LogisticRanking(), new Warp(), Piecewise.Mode.EPOCH, 1);
        double[][] pred = {gaussian(27, 5, 1)};
        double[][] y = {gaussian(28, 5, 1)};
        assertGradientMatchesFiniteDifferences(pw, pred, y, () -> new LossContext(0, 2, 5, null), 1e-6);
        assertGradientMatchesFiniteDifferences(pw, pred, y, () -> new LossContext(1, 2, 5, null), 1e-6);
    }

    @Test
    void rejectsBadConfig() {
        assertThrows(IllegalArgumentException.class, () -> new Piecewise(new Mse(), new Mse(), Piecewise.Mode.SIZE, -1));
        assertThrows(IllegalArgumentException.class, () -> Piecewise.Mode.parse("iteration"));
        assertEquals(Piecewise.Mode.SIZE, Piecewise.Mode.parse("size"));
    }
}
