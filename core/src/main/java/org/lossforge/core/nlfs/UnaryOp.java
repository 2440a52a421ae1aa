package org.lossforge.core.nlfs;

/**
 * The 27 unary operators of the NLFS cell, in the order (and with the index) of the authors' code
 * (nlfs-paper.md §1.2). ε = {@link #EPS}. {@link #symbol()} is the text syntax; an operator whose formula takes
 * |x| ({@link #barred()}) is written with the bars inside the call, e.g. {@code ln(|x|)}.
 */
public enum UnaryOp {
    NEG(0, "-", "−x"),
    LN(1, "ln", "ln(|x| + ε)"),
    LOG10(2, "log10", "ln(|x| + ε) / ln(10)"),
    EXP(3, "exp", "exp(x)"),
    ABS(4, "|", "|x|"),
    SIGMOID(5, "sigmoid", "1 / (1 + exp(−x))"),
    INV1P(6, "inv1p", "1 / (1 + |x|)"),
    SOFTPLUS(7, "softplus", "ln(|1 + exp(x)| + ε)"),
    ERF(8, "erf", "erf(x)"),
    ERFC(9, "erfc", "erfc(x)"),
    SIN(10, "sin", "sin(x)"),
    SINH(11, "sinh", "sinh(x)"),
    ASINH(12, "asinh", "asinh(x)"),
    TANH(13, "tanh", "tanh(x)"),
    ATAN(14, "atan", "atan(x)"),
    RECIP(15, "recip", "1 / (x + ε)"),
    I0(16, "i0", "I0(x), modified Bessel function of the first kind, order 0"),
    I0E(17, "i0e", "exp(−|x|)·I0(x)"),
    I1(18, "i1", "I1(x), modified Bessel function of the first kind, order 1"),
    I1E(19, "i1e", "exp(−|x|)·I1(x)"),
    MAX0(20, "max0", "max(x, 0)"),
    MIN0(21, "min0", "min(x, 0)"),
    SQUARE(22, "square", "x²"),
    SQRT(23, "sqrt", "sqrt(|x|)"),
    SOFTSIGN(24, "softsign", "x / (1 + |x|)"),
    DTANH(25, "dtanh", "1 − tanh(x)·tanh(x)"),
    DSIGMOID(26, "dsigmoid", "σ(x)·(1 − σ(x))");

    /** ε of the operator table: {@code tf.keras.backend.epsilon()}. */
    public static final double EPS = 1e-7;

    private static final UnaryOp[] BY_INDEX = values();

    private final int index;
    private final String symbol;
    private final String formula;

    UnaryOp(int index, String symbol, String formula) {
        this.index = index;
        this.symbol = symbol;
        this.formula = formula;
    }

    /** The operator's index in the paper's table (0–26). */
    public int index() {
        return index;
    }

    /** The text syntax: a function name, {@code -} (prefix negation) or {@code |} (bars). */
    public String symbol() {
        return symbol;
    }

    /** What it computes, for documentation and messages. */
    public String formula() {
        return formula;
    }

    /** True when the syntax puts bars inside the call: {@code ln(|x|)}, {@code log10(|x|)}, {@code inv1p(|x|)}, {@code sqrt(|x|)}. */
    public boolean barred() {
        return this == LN || this == LOG10 || this == INV1P || this == SQRT;
    }

    /** True for operators written {@code name(x)} (all but negation and abs). */
    public boolean isCall() {
        return this != NEG && this != ABS;
    }

    public static UnaryOp of(int index) {
        if (index < 0 || index >= BY_INDEX.length) {
            throw new IllegalArgumentException("unary operator index must be in [0, 27), got " + index);
        }
        return BY_INDEX[index];
    }

    public static int count() {
        return BY_INDEX.length;
    }
}
