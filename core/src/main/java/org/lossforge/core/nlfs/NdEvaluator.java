package org.lossforge.core.nlfs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import java.util.function.DoubleUnaryOperator;

/**
 * The cell on DJL NDArrays, differentiable by autograd: the same primitives, in the same order, as
 * {@link ArrayEvaluator}. Scalars (1, −1, 0, ε, ln 10) are arrays owned by yhat's manager, never DJL's
 * {@code op(Number)} overloads on values that carry a gradient (see the loss package's DESIGN.md: autograd
 * would keep a scalar whose buffer is freed before backward). erf and the rest are PyTorch's. erfc and the
 * Bessel functions are not in DJL, and its PyTorch engine does not implement asinh: their values and
 * derivatives come from {@link Specials} on the host,
 * joined as {@code v + d·(x − stopGradient(x))}, which has value v and gradient d.
 */
final class NdEvaluator {

    private final NDArray one;
    private final NDArray negOne;
    private final NDArray zero;
    private final NDArray eps;
    private final NDArray ln10;

    NdEvaluator(NDArray like) {
        one = scalar(like, 1);
        negOne = scalar(like, -1);
        zero = scalar(like, 0);
        eps = scalar(like, UnaryOp.EPS);
        ln10 = scalar(like, Math.log(10));
    }

    /** A scalar of {@code like}'s dtype on its manager (float32 values are rounded once, from the double). */
    static NDArray scalar(NDArray like, double v) {
        NDManager m = like.getManager();
        DataType t = like.getDataType();
        NDArray s = t == DataType.FLOAT64 ? m.create(v) : m.create((float) v);
        return s.getDataType() == t ? s : s.toType(t, false);
    }

    /** The root output of a well-formed cell; y is used as given (no gradient is taken through it by callers). */
    NDArray root(Cell cell, int[] order, NDArray y, NDArray yhat) {
        NDArray[] v = new NDArray[Cell.SIZE];
        v[Cell.Y] = y;
        v[Cell.YHAT] = yhat;
        v[Cell.ONE] = one;
        v[Cell.NEG_ONE] = negOne;
        for (int i : order) {
            Node n = cell.node(i);
            v[i] = n.binary() ? binary(n.binaryOp(), v[n.left()], v[n.right()]) : unary(n.unaryOp(), v[n.left()]);
        }
        return v[Cell.ROOT];
    }

    NDArray unary(UnaryOp op, NDArray x) {
        return switch (op) {
            case NEG -> x.neg();
            case LN -> x.abs().add(eps).log();
            case LOG10 -> x.abs().add(eps).log().div(ln10);
            case EXP -> x.exp();
            case ABS -> x.abs();
            case SIGMOID -> one.div(one.add(x.neg().exp()));
            case INV1P -> one.div(one.add(x.abs()));
            case SOFTPLUS -> one.add(x.exp()).abs().add(eps).log();
            case ERF -> x.erf();
            case ERFC -> host(x, Specials::erfc, t -> -Specials.erfDerivative(t));
            case SIN -> x.sin();
            case SINH -> x.sinh();
            case ASINH -> host(x, Specials::asinh, t -> 1 / Math.sqrt(1 + t * t));
            case TANH -> x.tanh();
            case ATAN -> x.atan();
            case RECIP -> one.div(x.add(eps));
            case I0 -> host(x, Specials::i0, Specials::i0Derivative);
            case I0E -> host(x, Specials::i0e, Specials::i0eDerivative);
            case I1 -> host(x, Specials::i1, Specials::i1Derivative);
            case I1E -> host(x, Specials::i1e, Specials::i1eDerivative);
            case MAX0 -> x.maximum(zero);
            case MIN0 -> x.minimum(zero);
            case SQUARE -> x.mul(x);
            case SQRT -> x.abs().sqrt();
            case SOFTSIGN -> x.div(one.add(x.abs()));
            case DTANH -> {
                NDArray t = x.tanh();
                yield one.sub(t.mul(t));
            }
            case DSIGMOID -> {
                NDArray s = Activation.sigmoid(x);
                yield s.mul(one.sub(s));
            }
        };
    }

    NDArray binary(BinaryOp op, NDArray a, NDArray b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case MAX -> a.maximum(b);
            case MIN -> a.minimum(b);
            case DIV -> a.div(b.add(eps));
            case DIVSQRT -> a.div(one.add(b.mul(b)).sqrt());
        };
    }

    /**
     * f(x) with gradient f'(x), f evaluated on the host in double and rounded to x's dtype. A derivative that
     * overflows the dtype is clamped to its largest finite value, so that v + d·0 keeps the value v (an
     * infinite d would turn a finite value into NaN).
     */
    private static NDArray host(NDArray x, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        NDArray xd = x.stopGradient();
        DataType t = x.getDataType();
        double max = t == DataType.FLOAT64 ? Double.MAX_VALUE : t == DataType.FLOAT32 ? Float.MAX_VALUE : 65504;
        double[] xs = xd.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] v = new double[xs.length];
        double[] d = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            v[i] = f.applyAsDouble(xs[i]);
            double g = df.applyAsDouble(xs[i]);
            d[i] = Math.abs(g) > max ? Math.copySign(max, g) : g;
        }
        NDManager m = x.getManager();
        NDArray value = m.create(v, x.getShape()).toType(t, false).toDevice(x.getDevice(), false);
        NDArray slope = m.create(d, x.getShape()).toType(t, false).toDevice(x.getDevice(), false);
        return value.add(slope.mul(x.sub(xd)));
    }
}
