package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Shared test helpers: every helper opens and closes its own NDManager and returns plain Java arrays, so
 * tests hold no NDArrays between calls. Contexts are given as suppliers so that a loss that draws (MSE+SR)
 * sees the same random streams on every evaluation (needed by finite differences and batching checks).
 */
final class LossTesting {

    static final double H = 1e-6;

    private LossTesting() {
    }

    /** Context for one row, epoch 0 of 1, rng seeded with 0 (fresh on every call). */
    static Supplier<LossContext> single(int n) {
        return () -> LossContext.single(n, 0);
    }

    /** Context for {@code seeds.length} rows, one fresh stream per seed. */
    static Supplier<LossContext> seeded(int n, long... seeds) {
        return () -> {
            SplittableRandom[] r = new SplittableRandom[seeds.length];
            for (int i = 0; i < seeds.length; i++) {
                r[i] = new SplittableRandom(seeds[i]);
            }
            return new LossContext(0, 1, n, r);
        };
    }

    static NDArray array(NDManager m, double[][] v, DataType type) {
        int rows = v.length;
        int n = v[0].length;
        double[] flat = new double[rows * n];
        for (int s = 0; s < rows; s++) {
            System.arraycopy(v[s], 0, flat, s * n, n);
        }
        NDArray a = m.create(flat, new Shape(rows, n));
        return type == DataType.FLOAT64 ? a : a.toType(type, false);
    }

    /** Per-row loss values of a (S, n) batch, in the given dtype (read back as double). */
    static double[] values(PredictorLoss loss, double[][] pred, double[][] truth, LossContext ctx, DataType type) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = loss.evaluate(array(m, pred, type), array(m, truth, type), ctx);
            assertEquals(new Shape(pred.length), out.getShape(), "result shape must be (S)");
            assertEquals(type, out.getDataType(), "result dtype must follow pred");
            return out.toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    static double[] values(PredictorLoss loss, double[][] pred, double[][] truth, LossContext ctx) {
        return values(loss, pred, truth, ctx, DataType.FLOAT64);
    }

    /** The loss of one row (S = 1) in float64. */
    static double value(PredictorLoss loss, double[] pred, double[] truth, LossContext ctx) {
        return values(loss, new double[][] {pred}, new double[][] {truth}, ctx)[0];
    }

    static double value(PredictorLoss loss, double[] pred, double[] truth) {
        return value(loss, pred, truth, LossContext.single(pred.length, 0));
    }

    /** d(Σ_s L_s)/d pred by DJL autograd. */
    static double[][] autogradGradient(PredictorLoss loss, double[][] pred, double[][] truth,
                                       Supplier<LossContext> ctx, DataType type) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = array(m, pred, type);
            NDArray t = array(m, truth, type);
            p.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.evaluate(p, t, ctx.get());
                gc.backward(l.sum());
            }
            NDArray g = p.getGradient();
            assertEquals(type, g.getDataType());
            return reshape(g.toType(DataType.FLOAT64, false).toDoubleArray(), pred.length, pred[0].length);
        }
    }

    /** d(Σ_s L_s)/d pred by central finite differences in float64. */
    static double[][] finiteDifferenceGradient(PredictorLoss loss, double[][] pred, double[][] truth,
                                               Supplier<LossContext> ctx, double h) {
        double[][] g = new double[pred.length][pred[0].length];
        for (int s = 0; s < pred.length; s++) {
            for (int i = 0; i < pred[0].length; i++) {
                double[][] plus = copy(pred);
                double[][] minus = copy(pred);
                plus[s][i] += h;
                minus[s][i] -= h;
                double up = sum(values(loss, plus, truth, ctx.get()));
                double down = sum(values(loss, minus, truth, ctx.get()));
                g[s][i] = (up - down) / (2 * h);
            }
        }
        return g;
    }

    /** Autograd vs central differences (float64, h = 1e-6), entry by entry within {@code tol}. */
    static void assertGradientMatchesFiniteDifferences(PredictorLoss loss, double[][] pred, double[][] truth,
                                                       Supplier<LossContext> ctx, double tol) {
        double[][] auto = autogradGradient(loss, pred, truth, ctx, DataType.FLOAT64);
        double[][] fd = finiteDifferenceGradient(loss, pred, truth, ctx, H);
        boolean nonZero = false;
        for (int s = 0; s < pred.length; s++) {
            for (int i = 0; i < pred[0].length; i++) {
                assertEquals(fd[s][i], auto[s][i], tol, "d L / d pred[" + s + "][" + i + "] of " + loss);
                nonZero |= Math.abs(auto[s][i]) > 1e-8;
            }
        }
        assertTrue(nonZero, "degenerate gradient check (all zero) for " + loss);
    }

    static void assertArrayClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
        }
    }

    /** n values ~ N(0, scale²), reproducible. */
    static double[] gaussian(long seed, int n, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            v[i] = scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return v;
    }

    /** n values uniform in [lo, hi), reproducible. */
    static double[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }

    static double[] plus(double[] v, double c) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += c;
        }
        return out;
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[][] reshape(double[] flat, int rows, int n) {
        double[][] out = new double[rows][n];
        for (int s = 0; s < rows; s++) {
            System.arraycopy(flat, s * n, out[s], 0, n);
        }
        return out;
    }
}
