package org.lossforge.core.nlfs;

/**
 * Entry point for a loss written as text: parse, canonical form, cell, validity and integrity check in one call
 * ({@code ./lossforge nlfs check}).
 */
public final class Nlfs {

    private Nlfs() {
    }

    /**
     * A checked expression. When {@code valid}: the canonical expression and its hash, the cell it is evaluated
     * with, the flip and phenotype from the integrity check. Otherwise only {@code reason} (a parse error with
     * its position, an expression the cell cannot hold, a cycle or a missing operand, or the integrity check's
     * rejection).
     */
    public record Checked(boolean valid, String reason, Expr canonical, String hash, Cell cell, boolean flip,
                          float[] phenotype) {
        static Checked invalid(String reason) {
            return new Checked(false, reason, null, null, null, false, null);
        }
    }

    /** Never throws for bad input; the reason says what is wrong. */
    public static Checked check(String text) {
        Expr e;
        try {
            e = ExprParser.parse(text);
        } catch (ExprSyntaxException ex) {
            return Checked.invalid("parse error " + ex.getMessage());
        }
        Expr canonical = e.canonical();
        Cell cell;
        try {
            cell = Cell.fromExpr(canonical);
        } catch (IllegalArgumentException ex) {
            return Checked.invalid(ex.getMessage());
        }
        IntegrityCheck.Verdict v = IntegrityCheck.check(cell);
        if (!v.passed()) {
            return Checked.invalid(v.reason().startsWith("the loss") ? v.reason() : "integrity check: " + v.reason());
        }
        return new Checked(true, null, canonical, canonical.hash(), cell, v.flip(), v.phenotype());
    }
}
