package org.lossforge.core.nlfs;

import org.lossforge.core.nlfs.Expr.Binary;
import org.lossforge.core.nlfs.Expr.Operand;
import org.lossforge.core.nlfs.Expr.Unary;

/** Printing rules of {@link Expr#text()} and the canonical order of commutative inputs. */
final class ExprPrinter {
    private static final int ATOM = 4;
    private static final int PREFIX = 3;

    private ExprPrinter() {
    }

    static int precedence(Expr e) {
        if (e instanceof Unary u) {
            return u.op() == UnaryOp.NEG ? PREFIX : ATOM;
        }
        if (e instanceof Binary b) {
            return b.op().isInfix() ? b.op().precedence() : ATOM;
        }
        return ATOM;
    }

    static void print(Expr e, StringBuilder s) {
        if (e instanceof Operand o) {
            s.append(o.text());
        } else if (e instanceof Unary u) {
            printUnary(u, s);
        } else {
            printBinary((Binary) e, s);
        }
    }

    private static void printUnary(Unary u, StringBuilder s) {
        UnaryOp op = u.op();
        if (op == UnaryOp.NEG) {
            Expr a = u.arg();
            boolean bare = a == Operand.Y || a == Operand.YHAT
                    || (a instanceof Unary au && au.op() != UnaryOp.NEG)
                    || (a instanceof Binary ab && !ab.op().isInfix());
            s.append('-');
            if (bare) {
                print(a, s);
            } else {
                s.append('(');
                print(a, s);
                s.append(')');
            }
        } else if (op == UnaryOp.ABS) {
            s.append('|');
            print(u.arg(), s);
            s.append('|');
        } else {
            s.append(op.symbol()).append('(');
            if (op.barred()) {
                s.append('|');
            }
            print(u.arg(), s);
            if (op.barred()) {
                s.append('|');
            }
            s.append(')');
        }
    }

    private static void printBinary(Binary b, StringBuilder s) {
        BinaryOp op = b.op();
        if (!op.isInfix()) {
            s.append(op.symbol()).append('(');
            print(b.left(), s);
            s.append(", ");
            print(b.right(), s);
            s.append(')');
            return;
        }
        int p = op.precedence();
        wrap(b.left(), precedence(b.left()) < p, s);
        s.append(' ').append(op.symbol()).append(' ');
        wrap(b.right(), precedence(b.right()) <= p, s);
    }

    private static void wrap(Expr e, boolean parens, StringBuilder s) {
        if (parens) {
            s.append('(');
        }
        print(e, s);
        if (parens) {
            s.append(')');
        }
    }

    /** Canonical order of two canonical expressions: operands first (y, yhat, 1, −1), then by text. */
    static int order(Expr a, Expr b) {
        boolean ao = a instanceof Operand;
        boolean bo = b instanceof Operand;
        if (ao && bo) {
            return Integer.compare(((Operand) a).index(), ((Operand) b).index());
        }
        if (ao != bo) {
            return ao ? -1 : 1;
        }
        return a.text().compareTo(b.text());
    }
}
