package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private static final int B = 32;
    private static final int K = 10;

    /** Random logits (scale 3) and labels. */
    private static float[] logits(SplittableRandom r) {
        float[] v = new float[B * K];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (3 * r.nextGaussian());
        }
        return v;
    }

    private static int[] labels(SplittableRandom r) {
        int[] l = new int[B];
        for (int i = 0; i < B; i++) {
            l[i] = r.nextInt(K);
        }
        return l;
    }

    @Test
    void crossEntropyEqualsDjlSoftmaxCrossEntropy() {
        SplittableRandom r = new SplittableRandom(42);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int rep = 0; rep < 5; rep++) {
                NDArray z = m.create(logits(r), new Shape(B, K));
                int[] lab = labels(r);
                NDArray sparse = m.create(lab);
                NDArray oneHot = sparse.oneHot(K).toType(DataType.FLOAT32, false);
                float ours = Baselines.crossEntropy(z.softmax(-1), oneHot).getFloat();
                float djl = new SoftmaxCrossEntropyLoss("ce").evaluate(new NDList(sparse), new NDList(z)).getFloat();
                assertEquals(djl, ours, 1e-6, "rep " + rep);
                assertEquals(djl, ours, 1e-6 * Math.abs(djl) + 1e-7);
            }
        }
    }

    @Test
    void crossEntropyGradientWithRespectToLogitsIsSoftmaxMinusTarget() {
        SplittableRandom r = new SplittableRandom(3);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] zv = logits(r);
            int[] lab = labels(r);
            NDArray z = m.create(zv, new Shape(B, K));
            z.setRequiresGradient(true);
            NDArray y = m.create(lab).oneHot(K).toType(DataType.FLOAT32, false);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                gc.backward(Baselines.crossEntropy(z.softmax(-1), y));
            }
            float[] g = z.getGradient().toFloatArray();
            float[] p = z.softmax(-1).toFloatArray();
            for (int i = 0; i < B; i++) {
                for (int c = 0; c < K; c++) {
                    double want = (p[i * K + c] - (lab[i] == c ? 1 : 0)) / B;
                    if (p[i * K + lab[i]] > 1e-6) { // below ε the clip cuts the gradient, as Keras does
                        assertEquals(want, g[i * K + c], 1e-6, "row " + i + " class " + c);
                    }
                }
            }
        }
    }

    @Test
    void baikalMatchesItsFormulaInDoublePrecision() {
        SplittableRandom r = new SplittableRandom(5);
        try (NDManager m = NDManager.newBaseManager()) {
            double[] p = new double[B * K];
            int[] lab = labels(r);
            for (int i = 0; i < B; i++) {
                double sum = 0;
                for (int c = 0; c < K; c++) {
                    p[i * K + c] = Math.exp(2 * r.nextGaussian());
                    sum += p[i * K + c];
                }
                for (int c = 0; c < K; c++) {
                    p[i * K + c] /= sum;
                }
            }
            double want = 0;
            for (int i = 0; i < B; i++) {
                for (int c = 0; c < K; c++) {
                    double y = lab[i] == c ? 1 : 0;
                    want -= Math.log(p[i * K + c] + 1e-7) - y / (p[i * K + c] + 1e-7);
                }
            }
            want /= B;
            NDArray yhat = m.create(p, new Shape(B, K));
            NDArray y = m.create(lab).oneHot(K).toType(DataType.FLOAT64, false);
            assertEquals(want, Baselines.baikal(yhat, y).getDouble(), 1e-9 * Math.abs(want));
            // float32 too
            float got = Baselines.baikal(yhat.toType(DataType.FLOAT32, false), y.toType(DataType.FLOAT32, false)).getFloat();
            assertEquals(want, got, 1e-5 * Math.abs(want));
        }
    }

    @Test
    void namesAndExpressions() {
        assertEquals("-(y * ln(|yhat|))", Baselines.crossEntropy().expression());
        assertEquals("-(ln(|yhat|) - y / yhat)", Baselines.baikal().expression());
    }
}
