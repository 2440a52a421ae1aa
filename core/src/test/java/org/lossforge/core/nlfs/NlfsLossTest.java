package org.lossforge.core.nlfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cell as a loss on NDArrays (autograd) and on plain arrays. */
class NlfsLossTest {

    static final double EPS = UnaryOp.EPS;

    /** Logits ~ N(0, scale²) with {@code boost} added to the true class; labels uniform. */
    record Batch(double[][] logits, int[] labels) {
        static Batch random(long seed, int b, int k, double scale, double boost) {
            SplittableRandom r = new SplittableRandom(seed);
            double[][] z = new double[b][k];
            int[] lab = new int[b];
            for (int i = 0; i < b; i++) {
                lab[i] = r.nextInt(k);
                for (int c = 0; c < k; c++) {
                    z[i][c] = scale * gaussian(r) + (c == lab[i] ? boost : 0);
                }
            }
            return new Batch(z, lab);
        }

        double[][] probs() {
            double[][] p = new double[logits.length][];
            for (int i = 0; i < logits.length; i++) {
                double mx = Double.NEGATIVE_INFINITY;
                for (double v : logits[i]) {
                    mx = Math.max(mx, v);
                }
                double s = 0;
                p[i] = new double[logits[i].length];
                for (int c = 0; c < p[i].length; c++) {
                    p[i][c] = Math.exp(logits[i][c] - mx);
                    s += p[i][c];
                }
                for (int c = 0; c < p[i].length; c++) {
                    p[i][c] /= s;
                }
            }
            return p;
        }

        double[][] oneHot() {
            double[][] y = new double[labels.length][logits[0].length];
            for (int i = 0; i < labels.length; i++) {
                y[i][labels[i]] = 1;
            }
            return y;
        }
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static NDArray array(NDManager m, double[][] v, DataType t) {
        int b = v.length;
        int k = v[0].length;
        double[] flat = new double[b * k];
        for (int i = 0; i < b; i++) {
            System.arraycopy(v[i], 0, flat, i * k, k);
        }
        NDArray a = m.create(flat, new Shape(b, k));
        return t == DataType.FLOAT64 ? a : a.toType(t, false);
    }

    static NlfsLoss loss(String expr) {
        return new NlfsLoss(Cell.fromExpr(ExprParser.parse(expr)), false, 0);
    }

    /** {cell CE via the DJL adapter, DJL's SoftmaxCrossEntropyLoss} on logits with sparse labels. */
    static double[] crossEntropies(Batch batch, DataType t) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = array(m, batch.logits(), t);
            NDArray labels = m.create(batch.labels()).toType(t, false);
            double cell = NlfsLoss.value(new NlfsDjlLoss("ce-cell", NlfsLoss.of(ExprSyntaxTest.CE), true)
                    .evaluate(new NDList(labels), new NDList(logits)));
            double djl = NlfsLoss.value(Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits)));
            return new double[] {cell, djl};
        }
    }

    @Test
    void crossEntropyCellEqualsDjlSoftmaxCrossEntropy() {
        for (long seed = 1; seed <= 5; seed++) {
            // a confident network (true class boosted): the cell's ε = 1e-7 inside ln(ŷ + ε) stays below 1e-6
            Batch confident = Batch.random(seed, 64, 10, 1.0, 3.0);
            double[] v = crossEntropies(confident, DataType.FLOAT64);
            assertEquals(v[1], v[0], 1e-6, "seed " + seed);
            // any logits: the difference is exactly the ε term, −mean ln(1 + ε/p_true)
            for (Batch b : new Batch[] {confident, Batch.random(seed, 64, 10, 1.0, 0.0), Batch.random(seed, 32, 100, 2.0, 0.0)}) {
                v = crossEntropies(b, DataType.FLOAT64);
                double[][] p = b.probs();
                double epsTerm = 0;
                for (int i = 0; i < p.length; i++) {
                    epsTerm -= Math.log1p(EPS / p[i][b.labels()[i]]);
                }
                epsTerm /= p.length;
                assertEquals(v[1] + epsTerm, v[0], 1e-12, "seed " + seed);
            }
            // float32
            v = crossEntropies(confident, DataType.FLOAT32);
            assertEquals(v[1], v[0], 2e-6, "float32, seed " + seed);
        }
    }

    @Test
    void crossEntropyGradientWrtLogitsIsSoftmaxMinusOneHot() {
        Batch b = Batch.random(3, 16, 10, 1.0, 3.0);
        double[][] g = logitGradient(b, DataType.FLOAT64);
        double[][] p = b.probs();
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < p[i].length; c++) {
                double expected = (p[i][c] - (c == b.labels()[i] ? 1 : 0)) / p.length;
                assertEquals(expected, g[i][c], 1e-7, "[" + i + "][" + c + "]");
            }
        }
    }

    private static double[][] logitGradient(Batch b, DataType t) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = array(m, b.logits(), t);
            logits.setRequiresGradient(true);
            NDArray labels = m.create(b.labels());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(new NlfsDjlLoss("ce", NlfsLoss.of(ExprSyntaxTest.CE), true).evaluate(new NDList(labels), new NDList(logits)));
            }
            return rows(logits.getGradient(), b.logits().length);
        }
    }

    static double[][] rows(NDArray a, int b) {
        double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
        int k = flat.length / b;
        double[][] out = new double[b][k];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * k, out[i], 0, k);
        }
        return out;
    }

    /**
     * Groups of expressions, one group per operator, on inputs of both signs away from 0 (kinks, poles); the
     * group's gradient is non-zero somewhere (min0 and max0 are flat on one side).
     */
    static List<List<String>> everyOperator() {
        List<List<String>> groups = new ArrayList<>();
        Expr y = Expr.Operand.Y;
        Expr yhat = Expr.Operand.YHAT;
        Expr yMinusYhat = new Expr.Binary(BinaryOp.SUB, y, yhat); // 1 − ŷ > 0 on the true class, −ŷ < 0 elsewhere
        for (UnaryOp op : UnaryOp.values()) {
            groups.add(List.of(
                    new Expr.Binary(BinaryOp.ADD, y, new Expr.Unary(op, yMinusYhat)).text(),
                    new Expr.Binary(BinaryOp.MUL, y, new Expr.Unary(op, yhat)).text()));
        }
        for (BinaryOp op : BinaryOp.values()) {
            groups.add(List.of(
                    new Expr.Binary(op, yhat, yMinusYhat).text(),
                    new Expr.Binary(op, new Expr.Binary(BinaryOp.MUL, y, yhat), yhat).text()));
        }
        groups.add(List.of(ExprSyntaxTest.CE));
        groups.add(List.of(ExprSyntaxTest.BAIKAL));
        return groups;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Batch b = Batch.random(5, 4, 5, 1.0, 1.0);
        double[][] p = b.probs();
        double[][] y = b.oneHot();
        double h = 1e-6;
        for (List<String> group : everyOperator()) {
            boolean nonZero = false;
            for (String expr : group) {
                NlfsLoss loss = loss(expr);
                double[][] auto = probGradient(loss, p, y);
                for (int i = 0; i < p.length; i++) {
                    for (int c = 0; c < p[i].length; c++) {
                        double[][] up = copy(p);
                        double[][] down = copy(p);
                        up[i][c] += h;
                        down[i][c] -= h;
                        double lUp = loss.evaluate(up, y);
                        double fd = (lUp - loss.evaluate(down, y)) / (2 * h);
                        // rounding of the loss value itself limits central differences to about ulp(L)/h
                        double tol = 1e-6 * Math.max(1, Math.abs(fd)) + 4 * Math.ulp(lUp) / h;
                        assertEquals(fd, auto[i][c], tol, expr + " d/dŷ[" + i + "][" + c + "]");
                        nonZero |= Math.abs(auto[i][c]) > 1e-8;
                    }
                }
            }
            assertTrue(nonZero, "degenerate gradient check for " + group);
        }
    }

    static double[][] probGradient(NlfsLoss loss, double[][] p, double[][] y) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray yhat = array(m, p, DataType.FLOAT64);
            yhat.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.evaluate(yhat, array(m, y, DataType.FLOAT64)));
            }
            return rows(yhat.getGradient(), p.length);
        }
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Test
    void arrayAndNdArrayPathsAgreeOnRandomCells() {
        SplittableRandom r = new SplittableRandom(21);
        Batch b = Batch.random(8, 6, 4, 2.0, 0.0);
        double[][] p = b.probs();
        double[][] y = b.oneHot();
        int compared = 0;
        int[] worse32 = new int[1];
        while (compared < 400) {
            Cell cell = Genetics.random(r);
            if (cell.structuralProblem() != null) {
                continue;
            }
            compared++;
            NlfsLoss loss = new NlfsLoss(cell, false, 0);
            String what = cell.toExpr().text();
            double[] a64 = loss.perSample(p, y, false);
            double[] a32 = loss.perSample(p, y, true);
            double[] n64;
            double[] n32;
            try (NDManager m = NDManager.newBaseManager()) {
                n64 = loss.perSample(array(m, p, DataType.FLOAT64), array(m, y, DataType.FLOAT64)).toDoubleArray();
                n32 = loss.perSample(array(m, p, DataType.FLOAT32), array(m, y, DataType.FLOAT32))
                        .toType(DataType.FLOAT64, false).toDoubleArray();
            }
            for (int i = 0; i < p.length; i++) {
                same(a64[i], n64[i], 1e-9, "float64 " + what);
                same(a32[i], n32[i], 2e-4, "float32 " + what);
            }
        }
    }

    /**
     * Equal within a relative tolerance (absolute below 1), or both non-finite (an infinite input to erfc or a
     * Bessel function gives ±inf on arrays but NaN on NDArrays, through inf − inf in the gradient term).
     */
    static void same(double a, double b, double tol, String what) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            assertTrue(!Double.isFinite(a) && !Double.isFinite(b), what + ": " + a + " vs " + b);
            return;
        }
        assertEquals(a, b, tol * Math.max(1, Math.abs(a)), what);
    }

    @Test
    void labelSmoothingAndFlip() {
        Batch b = Batch.random(2, 8, 10, 1.0, 1.0);
        double[][] p = b.probs();
        double[][] y = b.oneHot();
        double ls = 0.1;
        double expected = 0;
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < 10; c++) {
                expected -= (y[i][c] * (1 - ls) + ls / 10) * Math.log(p[i][c] + EPS);
            }
        }
        expected /= p.length;
        Cell ce = Cell.fromExpr(ExprParser.parse(ExprSyntaxTest.CE));
        NlfsLoss smoothed = new NlfsLoss(ce, false, ls);
        assertEquals(expected, smoothed.evaluate(p, y), 1e-12);
        try (NDManager m = NDManager.newBaseManager()) {
            double nd = NlfsLoss.value(smoothed.evaluate(array(m, p, DataType.FLOAT64), array(m, y, DataType.FLOAT64)));
            assertEquals(expected, nd, 1e-12);
        }
        assertEquals(-expected, new NlfsLoss(ce, true, ls).evaluate(p, y), 1e-12);
    }
}
