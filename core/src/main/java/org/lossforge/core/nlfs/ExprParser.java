package org.lossforge.core.nlfs;

import java.util.HashMap;
import java.util.Map;
import org.lossforge.core.nlfs.Expr.Binary;
import org.lossforge.core.nlfs.Expr.Operand;
import org.lossforge.core.nlfs.Expr.Unary;

/**
 * Parses the loss syntax (DESIGN.md, "Text syntax"). Grammar, whitespace anywhere between tokens:
 * <pre>
 * expr    := term (('+' | '-') term)*                    left-associative
 * term    := unary (('*' | '/') unary)*                  left-associative
 * unary   := '-1' | '-' unary | primary                   '-1' (no space) is the operand −1
 * primary := 'y' | 'yhat' | '1' | '(' expr ')' | '|' expr '|'
 *          | NAME '(' expr ')'                            exp, sigmoid, softplus, erf, …
 *          | BARRED '(' '|' expr '|' ')'                  ln, log10, inv1p, sqrt
 *          | ('max' | 'min' | 'divsqrt') '(' expr ',' expr ')'
 * </pre>
 * Any failure is an {@link ExprSyntaxException} naming the position and what was expected; nothing else is
 * thrown, whatever the input (the fuzz test feeds random strings). Inputs longer than {@value #MAX_LENGTH}
 * characters, nested deeper than {@value #MAX_DEPTH} levels or with more than {@value #MAX_OPERATORS} operators
 * are refused the same way (so no later recursion over the tree can overflow the stack). The limits are tied so
 * that whatever parses also prints within them: printing adds at most 2 nesting levels per operator ({@code -(…)}),
 * so {@code 2 · MAX_OPERATORS ≤ MAX_DEPTH} makes {@code parse(e.text())} and {@code parse(e.canonical().text())}
 * succeed for every parsed {@code e}.
 */
public final class ExprParser {

    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_DEPTH = 64;
    /**
     * More operator applications than any cell prints (at most 12, sharing written out) by a wide margin, and at
     * most {@code MAX_DEPTH / 2}: any tree of this many operators prints (canonical or not) within MAX_DEPTH levels.
     */
    public static final int MAX_OPERATORS = MAX_DEPTH / 2;

    private static final Map<String, UnaryOp> UNARY_CALLS = new HashMap<>();
    private static final Map<String, BinaryOp> BINARY_CALLS = new HashMap<>();
    /** Characters of an unknown word a message quotes (the message stays short whatever the input). */
    private static final int QUOTED_WORD = 24;
    private static final String PRIMARY = "an operand (y, yhat, 1, -1), '(', '|', '-' or an operator name";

    static {
        for (UnaryOp op : UnaryOp.values()) {
            if (op.isCall()) {
                UNARY_CALLS.put(op.symbol(), op);
            }
        }
        for (BinaryOp op : BinaryOp.values()) {
            if (!op.isInfix()) {
                BINARY_CALLS.put(op.symbol(), op);
            }
        }
    }

    private final String s;
    private int pos;
    private int depth;
    private int operators;

    private ExprParser(String s) {
        this.s = s;
    }

    public static Expr parse(String text) {
        if (text == null) {
            throw new ExprSyntaxException(1, "an expression", "nothing");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExprSyntaxException(MAX_LENGTH + 1, "at most " + MAX_LENGTH + " characters", "a longer text");
        }
        ExprParser p = new ExprParser(text);
        Expr e = p.expr();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("an operator (+, -, *, /) or the end of the expression");
        }
        return e;
    }

    private Expr expr() {
        Expr left = term();
        while (true) {
            skipSpace();
            char c = peek();
            if (c != '+' && c != '-') {
                return left;
            }
            operator();
            pos++;
            Expr right = term();
            left = new Binary(c == '+' ? BinaryOp.ADD : BinaryOp.SUB, left, right);
        }
    }

    private Expr term() {
        Expr left = unary();
        while (true) {
            skipSpace();
            char c = peek();
            if (c != '*' && c != '/') {
                return left;
            }
            operator();
            pos++;
            Expr right = unary();
            left = new Binary(c == '*' ? BinaryOp.MUL : BinaryOp.DIV, left, right);
        }
    }

    private Expr unary() {
        skipSpace();
        if (peek() != '-') {
            return primary();
        }
        if (charAt(pos + 1) == '1' && !isWordChar(charAt(pos + 2))) {
            pos += 2;
            return Operand.NEG_ONE;
        }
        enter();
        operator();
        pos++;
        Expr arg = unary();
        depth--;
        return new Unary(UnaryOp.NEG, arg);
    }

    private Expr primary() {
        skipSpace();
        char c = peek();
        if (c == '(') {
            enter();
            pos++;
            Expr e = expr();
            expect(')', "')'");
            depth--;
            return e;
        }
        if (c == '|') {
            enter();
            operator();
            pos++;
            Expr e = expr();
            expect('|', "'|' closing the bars");
            depth--;
            return new Unary(UnaryOp.ABS, e);
        }
        if (isWordChar(c)) {
            int start = pos;
            while (isWordChar(peek())) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "y":
                    return Operand.Y;
                case "yhat":
                    return Operand.YHAT;
                case "1":
                    return Operand.ONE;
                default:
                    break;
            }
            UnaryOp u = UNARY_CALLS.get(word);
            BinaryOp b = BINARY_CALLS.get(word);
            if (u == null && b == null) {
                pos = start;
                throw error(PRIMARY + " (operators: " + String.join(", ", operatorNames()) + ")", quoted(word));
            }
            skipSpace();
            enter();
            operator();
            expect('(', "'(' after " + word);
            Expr result;
            if (u != null && u.barred()) {
                skipSpace();
                expect('|', "'|' (" + word + " takes its argument between bars: " + word + "(|x|))");
                Expr arg = expr();
                expect('|', "'|' closing the bars of " + word + "(|x|)");
                skipSpace();
                expect(')', "')' (" + word + "(|x|) takes the whole argument between the bars)");
                result = new Unary(u, arg);
            } else if (u != null) {
                Expr arg = expr();
                skipSpace();
                expect(')', "')' (" + word + " takes one argument)");
                result = new Unary(u, arg);
            } else {
                Expr a = expr();
                skipSpace();
                expect(',', "',' (" + word + " takes two arguments)");
                Expr bArg = expr();
                skipSpace();
                expect(')', "')' (" + word + " takes two arguments)");
                result = new Binary(b, a, bArg);
            }
            depth--;
            return result;
        }
        throw error(PRIMARY);
    }

    /** An unknown word for a message: in quotes, its first {@value #QUOTED_WORD} characters when longer. */
    private static String quoted(String word) {
        return word.length() <= QUOTED_WORD ? "'" + word + "'"
                : "'" + word.substring(0, QUOTED_WORD) + "...' (" + word.length() + " characters)";
    }

    private static String[] operatorNames() {
        return new String[] {"ln(|x|)", "log10(|x|)", "exp", "sigmoid", "inv1p(|x|)", "softplus", "erf", "erfc",
            "sin", "sinh", "asinh", "tanh", "atan", "recip", "i0", "i0e", "i1", "i1e", "max0", "min0", "square",
            "sqrt(|x|)", "softsign", "dtanh", "dsigmoid", "max(a, b)", "min(a, b)", "divsqrt(a, b)"};
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("at most " + MAX_DEPTH + " nested levels");
        }
    }

    private void operator() {
        if (++operators > MAX_OPERATORS) {
            throw error("at most " + MAX_OPERATORS + " operators (the cell holds 5)");
        }
    }

    private void expect(char c, String what) {
        skipSpace();
        if (peek() != c || pos >= s.length()) {
            throw error(what);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return charAt(pos);
    }

    private char charAt(int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private ExprSyntaxException error(String expected) {
        return error(expected, describe());
    }

    private ExprSyntaxException error(String expected, String found) {
        return new ExprSyntaxException(pos + 1, expected, found);
    }

    /** What is at the current position, printable on one line. */
    private String describe() {
        if (pos >= s.length()) {
            return "the end of the expression";
        }
        int cp = s.codePointAt(pos);
        if (cp >= 0x21 && cp <= 0x7e && cp != '\'') {
            return "'" + (char) cp + "'";
        }
        return String.format("U+%04X", cp);
    }
}
