package org.lossforge.core.nlfs;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loss package's scalar-lifetime regression test, for cell losses: forward, then churn native memory (GC,
 * then NaN-filled direct buffers), then backward; the gradient must equal an undisturbed run's bit for bit.
 * The expressions use every scalar the evaluator creates (1, −1, 0, ε, ln 10) and a host-evaluated operator.
 */
class NlfsScalarLifetimeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "divsqrt(log10(|yhat|), y) - sigmoid(yhat) / y",
        "min0(yhat - -1) + erfc(y * yhat)",
        "softplus(yhat) * i1e(y - yhat) + yhat"})
    void gradientSurvivesMemoryChurnBetweenForwardAndBackward(String expr) throws Exception {
        NlfsLoss loss = new NlfsLoss(Cell.fromExpr(ExprParser.parse(expr)), false, 0);
        NlfsLossTest.Batch b = NlfsLossTest.Batch.random(4, 6, 5, 1.0, 0.5);
        double[] quiet = gradient(loss, b, false);
        for (int rep = 0; rep < 3; rep++) {
            assertArrayEquals(quiet, gradient(loss, b, true), 0.0, expr + ": gradient changed under memory churn");
        }
    }

    private static double[] gradient(NlfsLoss loss, NlfsLossTest.Batch b, boolean churn) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray yhat = NlfsLossTest.array(m, b.probs(), DataType.FLOAT32);
            NDArray y = NlfsLossTest.array(m, b.oneHot(), DataType.FLOAT32);
            yhat.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.evaluate(yhat, y);
                if (churn) {
                    churn();
                }
                gc.backward(l);
            }
            return yhat.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    private static void churn() throws InterruptedException {
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(20);
        }
        List<ByteBuffer> keep = new ArrayList<>();
        for (int k = 0; k < 4000; k++) {
            ByteBuffer buf = ByteBuffer.allocateDirect(k % 2 == 0 ? 4 : 8).order(ByteOrder.nativeOrder());
            if (buf.capacity() == 4) {
                buf.putFloat(0, Float.NaN);
            } else {
                buf.putDouble(0, Double.NaN);
            }
            keep.add(buf);
        }
        keep.clear();
    }
}
