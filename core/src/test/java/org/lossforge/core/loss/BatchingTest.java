package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lossforge.core.loss.LossTesting.*;

import ai.djl.ndarray.types.DataType;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every loss must have: rows are independent, float32 works and agrees with float64. */
class BatchingTest {

    static final int N = 6;
    static final long[] SEEDS = {101, 202, 303};

    static Stream<PredictorLoss> allLosses() {
        return Stream.of(new Mse(), new HingeRanking(), new LogisticRanking(), new MseSr(), new ListMle(),
                new ExpWeighted(), new ExpWeighted("exp"), new Mape(), new Warp(), new Warp(0.5, "items"),
                new Piecewise(new HingeRanking(0.01), new Mape()),
                new Piecewise(new MseSr(), new ExpWeighted(), Piecewise.Mode.SIZE, 100));
    }

    /** Labels in [0.1, 0.9) (valid for UNIT losses and MAPE), predictions near them; row 1 has a tie. */
    static double[][] truth() {
        double[][] y = {uniform(1, N, 0.1, 0.9), uniform(2, N, 0.1, 0.9), uniform(3, N, 0.1, 0.9)};
        y[1][4] = y[1][2];
        return y;
    }

    static double[][] pred() {
        return new double[][] {uniform(4, N, 0.05, 0.95), uniform(5, N, 0.05, 0.95), uniform(6, N, 0.05, 0.95)};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allLosses")
    void batchEqualsRowsAlone(PredictorLoss loss) {
        double[][] p = pred();
        double[][] y = truth();
        double[] batch = values(loss, p, y, seeded(N, SEEDS).get());
        for (int s = 0; s < 3; s++) {
            double alone = value(loss, p[s], y[s], seeded(N, SEEDS[s]).get());
            assertEquals(alone, batch[s], 1e-12, loss + " row " + s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allLosses")
    void batchGradientEqualsRowGradients(PredictorLoss loss) {
        double[][] p = pred();
        double[][] y = truth();
        double[][] g = autogradGradient(loss, p, y, seeded(N, SEEDS), DataType.FLOAT64);
        for (int s = 0; s < 3; s++) {
            double[][] alone = autogradGradient(loss, new double[][] {p[s]}, new double[][] {y[s]},
                    seeded(N, SEEDS[s]), DataType.FLOAT64);
            assertArrayClose(alone[0], g[s], 1e-12, loss + " gradient row " + s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allLosses")
    void float32AgreesWithFloat64(PredictorLoss loss) {
        double[][] p = pred();
        double[][] y = truth();
        Supplier<LossContext> ctx = seeded(N, SEEDS);
        double[] f64 = values(loss, p, y, ctx.get(), DataType.FLOAT64);
        double[] f32 = values(loss, p, y, ctx.get(), DataType.FLOAT32);
        assertArrayClose(f64, f32, 1e-5 * (1 + Math.abs(sum(f64))), loss + " float32 value");
        double[][] g64 = autogradGradient(loss, p, y, ctx, DataType.FLOAT64);
        double[][] g32 = autogradGradient(loss, p, y, ctx, DataType.FLOAT32);
        for (int s = 0; s < 3; s++) {
            assertArrayClose(g64[s], g32[s], 1e-4, loss + " float32 gradient row " + s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allLosses")
    void gradientMatchesFiniteDifferencesOnABatch(PredictorLoss loss) {
        assertGradientMatchesFiniteDifferences(loss, pred(), truth(), seeded(N, SEEDS), 1e-6);
    }
}
