package org.lossforge.core.nlfs;

/**
 * The cell on plain arrays (the integrity check's fast path; no NDArrays). Values are {@code double[]} of the
 * batch's flat length n = rows·K, of length 1 for a sub-expression of constants only, or of length K when an
 * operand repeats with period K (the probe's y is (0, 1) in every row): operators on such short values run on
 * K elements instead of n, and a binary operator broadcasts a short input to the other's length. Every
 * operator is the same sequence of primitives as on NDArrays ({@link NdEvaluator}); with {@code float32} each
 * primitive's result is rounded to float, which emulates float32 tensors (the authors ran the integrity probe
 * in float32, and saturation, overflow and plateaus depend on it). Not thread-safe: one per thread.
 */
final class ArrayEvaluator {

    private static final float EPS32 = (float) UnaryOp.EPS;
    private static final double LN10_64 = Math.log(10);
    private static final float LN10_32 = (float) Math.log(10);

    private final boolean f32;
    private final double eps;
    private final double ln10;

    ArrayEvaluator(boolean float32) {
        this.f32 = float32;
        this.eps = float32 ? EPS32 : UnaryOp.EPS;
        this.ln10 = float32 ? LN10_32 : LN10_64;
    }

    boolean float32() {
        return f32;
    }

    /**
     * The root output of a well-formed cell over flat operand arrays (length n; y and yhat already rounded to
     * float when this evaluator is float32). {@code order} is {@link Cell#evaluationOrder()}.
     */
    double[] root(Cell cell, int[] order, double[] y, double[] yhat) {
        double[][] v = new double[Cell.SIZE][];
        v[Cell.Y] = y;
        v[Cell.YHAT] = yhat;
        v[Cell.ONE] = new double[] {1};
        v[Cell.NEG_ONE] = new double[] {-1};
        for (int i : order) {
            Node n = cell.node(i);
            v[i] = n.binary() ? binary(n.binaryOp(), v[n.left()], v[n.right()]) : unary(n.unaryOp(), v[n.left()]);
        }
        return v[Cell.ROOT];
    }

    /** Per-row Σ over the K classes of the root output (a short output is broadcast to rows·K). */
    double[] rowSums(double[] t, int rows, int k) {
        double[] out = new double[rows];
        int len = t.length;
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s = r(s + t[(r * k + c) % len]);
            }
            out[r] = s;
        }
        return out;
    }

    /** {@code a} repeated to length n (n a multiple of its length). */
    private static double[] expand(double[] a, int n) {
        if (a.length == n) {
            return a;
        }
        double[] o = new double[n];
        for (int i = 0; i < n; i += a.length) {
            System.arraycopy(a, 0, o, i, a.length);
        }
        return o;
    }

    private double r(double v) {
        return f32 ? (float) v : v;
    }

    double[] unary(UnaryOp op, double[] x) {
        int n = x.length;
        double[] o = new double[n];
        switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    o[i] = -x[i];
                }
            }
            case LN -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Math.log(r(Math.abs(x[i]) + eps)));
                }
            }
            case LOG10 -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(r(Math.log(r(Math.abs(x[i]) + eps))) / ln10);
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Math.exp(x[i]));
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    o[i] = Math.abs(x[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(1 / r(1 + r(Math.exp(-x[i]))));
                }
            }
            case INV1P -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(1 / r(1 + Math.abs(x[i])));
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Math.log(r(Math.abs(r(1 + r(Math.exp(x[i])))) + eps)));
                }
            }
            case ERF -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Specials.erf(x[i]));
                }
            }
            case ERFC -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Specials.erfc(x[i]));
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Math.sin(x[i]));
                }
            }
            case SINH -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Math.sinh(x[i]));
                }
            }
            case ASINH -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Specials.asinh(x[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Math.tanh(x[i]));
                }
            }
            case ATAN -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Math.atan(x[i]));
                }
            }
            case RECIP -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(1 / r(x[i] + eps));
                }
            }
            case I0 -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Specials.i0(x[i]));
                }
            }
            case I0E -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Specials.i0e(x[i]));
                }
            }
            case I1 -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Specials.i1(x[i]));
                }
            }
            case I1E -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Specials.i1e(x[i]));
                }
            }
            case MAX0 -> {
                for (int i = 0; i < n; i++) {
                    o[i] = Math.max(x[i], 0.0);
                }
            }
            case MIN0 -> {
                for (int i = 0; i < n; i++) {
                    o[i] = Math.min(x[i], 0.0);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(x[i] * x[i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(Math.sqrt(Math.abs(x[i])));
                }
            }
            case SOFTSIGN -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(x[i] / r(1 + Math.abs(x[i])));
                }
            }
            case DTANH -> {
                for (int i = 0; i < n; i++) {
                    double t = r(Math.tanh(x[i]));
                    o[i] = r(1 - r(t * t));
                }
            }
            case DSIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double s = r(sigmoid(x[i]));
                    o[i] = r(s * r(1 - s));
                }
            }
            default -> throw new IllegalStateException("unknown unary operator " + op);
        }
        return o;
    }

    /** The logistic function without overflow (what a framework's sigmoid kernel computes). */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    double[] binary(BinaryOp op, double[] a, double[] b) {
        int n = Math.max(a.length, b.length);
        if (a.length > 1 && b.length > 1 && a.length != b.length) {
            a = expand(a, n);
            b = expand(b, n);
        }
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        double[] o = new double[n];
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(a[i * sa] + b[i * sb]);
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(a[i * sa] - b[i * sb]);
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(a[i * sa] * b[i * sb]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    o[i] = Math.max(a[i * sa], b[i * sb]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    o[i] = Math.min(a[i * sa], b[i * sb]);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[i] = r(a[i * sa] / r(b[i * sb] + eps));
                }
            }
            case DIVSQRT -> {
                for (int i = 0; i < n; i++) {
                    double bb = b[i * sb];
                    o[i] = r(a[i * sa] / r(Math.sqrt(r(1 + r(bb * bb)))));
                }
            }
            default -> throw new IllegalStateException("unknown binary operator " + op);
        }
        return o;
    }
}
