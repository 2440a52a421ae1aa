package org.lossforge.core.nlfs;

/**
 * The 7 binary operators of the NLFS cell, in the order (and with the index) of the authors' code
 * (nlfs-paper.md §1.3); a is the left (first) input, b the right (second). {@code +  -  *  /} are infix,
 * {@code max}, {@code min} and {@code divsqrt} are calls {@code name(a, b)}.
 */
public enum BinaryOp {
    ADD(0, "+", 1, "a + b"),
    SUB(1, "-", 1, "a − b"),
    MUL(2, "*", 2, "a · b"),
    MAX(3, "max", 0, "max(a, b)"),
    MIN(4, "min", 0, "min(a, b)"),
    DIV(5, "/", 2, "a / (b + ε)"),
    DIVSQRT(6, "divsqrt", 0, "a / sqrt(1 + b²)");

    private static final BinaryOp[] BY_INDEX = values();

    private final int index;
    private final String symbol;
    private final int precedence;
    private final String formula;

    BinaryOp(int index, String symbol, int precedence, String formula) {
        this.index = index;
        this.symbol = symbol;
        this.precedence = precedence;
        this.formula = formula;
    }

    public int index() {
        return index;
    }

    public String symbol() {
        return symbol;
    }

    /** Infix precedence (1 for + −, 2 for * /); 0 for the operators written as calls. */
    int precedence() {
        return precedence;
    }

    public boolean isInfix() {
        return precedence > 0;
    }

    /**
     * True when a ∘ b = b ∘ a, used by the canonical form: IEEE addition and multiplication are commutative bit
     * for bit, max and min up to the sign of a zero result.
     */
    public boolean commutative() {
        return this == ADD || this == MUL || this == MAX || this == MIN;
    }

    public String formula() {
        return formula;
    }

    public static BinaryOp of(int index) {
        if (index < 0 || index >= BY_INDEX.length) {
            throw new IllegalArgumentException("binary operator index must be in [0, 7), got " + index);
        }
        return BY_INDEX[index];
    }

    public static int count() {
        return BY_INDEX.length;
    }
}
