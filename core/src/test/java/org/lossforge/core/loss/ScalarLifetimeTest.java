package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression test for scalars under autograd. DJL's {@code op(Number)} overloads build a scalar array from a
 * Java direct buffer and close it right after the op, while autograd keeps it for the backward pass; once the
 * garbage collector frees the buffer and the memory is reused, backward reads garbage. Here the forward pass
 * runs, then memory is churned (GC, then many NaN-filled direct buffers), then backward: every loss must give
 * bit-for-bit the gradient of an undisturbed run. (It failed for HR, MSE+SR, WARP and ListMLE before they
 * stopped using {@code op(Number)} on values with a gradient.)
 */
class ScalarLifetimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"mse", "hr", "lr", "mse_sr", "listmle", "ew", "mape", "warp"})
    void gradientSurvivesMemoryChurnBetweenForwardAndBackward(String name) throws Exception {
        Map<String, String> params = switch (name) {
            case "listmle" -> Map.of("temperature", "2");
            case "warp" -> Map.of("normalize", "items");
            default -> Map.of();
        };
        PredictorLoss loss = Losses.create(name, params);
        int n = 24;
        double[] truth = new double[n];
        double[] pred = LossTesting.gaussian(5, n, 0.3);
        for (int i = 0; i < n; i++) {
            truth[i] = 0.2 + 0.6 * i / n; // in [0,1]: valid for every label scale
        }
        Supplier<LossContext> ctx = LossTesting.single(n);
        double[] quiet = gradient(loss, pred, truth, ctx, false);
        for (int rep = 0; rep < 3; rep++) {
            assertArrayEquals(quiet, gradient(loss, pred, truth, ctx, true), 0.0, name + " gradient changed under memory churn");
        }
    }

    private static double[] gradient(PredictorLoss loss, double[] pred, double[] truth, Supplier<LossContext> ctx,
                                     boolean churn) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = LossTesting.array(m, new double[][] {pred}, DataType.FLOAT32);
            NDArray t = LossTesting.array(m, new double[][] {truth}, DataType.FLOAT32);
            p.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.evaluate(p, t, ctx.get());
                if (churn) {
                    churn();
                }
                gc.backward(l.sum());
            }
            return p.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /** Frees what is unreachable, then refills small native allocations with NaN. */
    private static void churn() throws InterruptedException {
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(20);
        }
        List<ByteBuffer> keep = new ArrayList<>();
        for (int k = 0; k < 4000; k++) {
            ByteBuffer b = ByteBuffer.allocateDirect(k % 2 == 0 ? 4 : 8).order(ByteOrder.nativeOrder());
            if (b.capacity() == 4) {
                b.putFloat(0, Float.NaN);
            } else {
                b.putDouble(0, Double.NaN);
            }
            keep.add(b);
        }
        keep.clear();
    }
}
