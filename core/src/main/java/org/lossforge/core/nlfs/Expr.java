package org.lossforge.core.nlfs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A loss expression over the four operands, as a tree (records, structural equality). {@link #text()} prints
 * it in the syntax {@link ExprParser} reads ({@code parse(e.text())} equals {@code e}); {@link #canonical()}
 * orders the inputs of the commutative operators (+, *, max, min) so that equal losses written in different
 * orders print alike; {@link #hash()} hashes the canonical text (de-duplication).
 *
 * <p>Printing: infix {@code + - * /} with the usual precedence, parentheses only where needed and always around
 * a right input of equal precedence (so the tree, not just the value, round-trips); prefix {@code -} binds
 * tighter than {@code *} and is written {@code -x} before an operand name, a call or bars, {@code -(…)}
 * otherwise (so negation of the operand 1 is {@code -(1)}, distinct from the operand {@code -1}).
 */
public sealed interface Expr permits Expr.Operand, Expr.Unary, Expr.Binary {

    /** The expression in the text syntax. */
    default String text() {
        StringBuilder s = new StringBuilder();
        ExprPrinter.print(this, s);
        return s.toString();
    }

    /** The same loss with the inputs of every commutative operator in canonical order (operands first, y, yhat, 1, −1; then by canonical text). */
    Expr canonical();

    /** Number of operator applications in the tree (shared sub-expressions counted at every use). */
    int size();

    /** The canonical text. */
    default String canonicalText() {
        return canonical().text();
    }

    /** First 16 hex digits (64 bits) of the SHA-256 of the canonical text: the de-duplication key. */
    default String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The operands y, yhat, 1, −1 (cell indices 0–3). */
    enum Operand implements Expr {
        Y("y"), YHAT("yhat"), ONE("1"), NEG_ONE("-1");

        private final String text;

        Operand(String text) {
            this.text = text;
        }

        public int index() {
            return ordinal();
        }

        public static Operand of(int index) {
            return values()[index];
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public Expr canonical() {
            return this;
        }

        @Override
        public int size() {
            return 0;
        }
    }

    record Unary(UnaryOp op, Expr arg) implements Expr {
        @Override
        public Expr canonical() {
            return new Unary(op, arg.canonical());
        }

        @Override
        public int size() {
            return 1 + arg.size();
        }

        @Override
        public String toString() {
            return text();
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
        @Override
        public Expr canonical() {
            Expr l = left.canonical();
            Expr r = right.canonical();
            if (op.commutative() && ExprPrinter.order(l, r) > 0) {
                return new Binary(op, r, l);
            }
            return new Binary(op, l, r);
        }

        @Override
        public int size() {
            return 1 + left.size() + right.size();
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
