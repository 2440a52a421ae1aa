package org.lossforge.core.nlfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators of loss-expression text for {@link ExprFuzzTest}, one per kind of input. Each draws only from
 * the {@link SplittableRandom} it is given, so an input is replayed from (seed, kind, index) alone.
 */
final class FuzzInputs {

    /** The characters of the syntax, digits and near misses ('.', '^', '_', '!'). */
    static final String ALPHABET = "yhat1-+*/()|, \t\nlnmaxiedfcrsqpogbuv0123456789._^!";

    /** Tokens of the syntax, their pieces and near misses. */
    static final String[] TOKENS = {"y", "yhat", "1", "-1", "-", "+", "*", "/", "(", ")", "|", ",", " ", "ln(|", "|)",
        "max(", "min(", "divsqrt(", "exp(", "erfc(", "i0e(", "sqrt(|", "log10(|", "inv1p(|", "recip(", "square(",
        "dsigmoid(", "2", "x", "yha", "yhatt", "Y", "((", "))", "||", "--", "\t", "\u0177", "\n", "-(1)", "ln(",
        "softplus", "max", ",,", "0", "1.0", "1e9", "-0", "_", "ln", "|(", ")|", "\u00a0", "\u2003"};

    /** Valid expressions written by hand (CE, Baikal, every call form, odd spacing). */
    static final List<String> VALID = List.of(ExprSyntaxTest.CE, ExprSyntaxTest.BAIKAL,
            "max(y, yhat) - divsqrt(yhat, -1)", "ln(||y - yhat| * yhat|)", "-(1) * sigmoid(yhat) / (y + -1)",
            "i0e(y) * erfc(-yhat)", "min(sqrt(|y|), log10(|yhat - 1|))", "--1 * inv1p(|y * yhat|)",
            " ( ( y ) ) * softplus ( yhat ) ", "y*yhat-1/yhat", "dtanh(y) - dsigmoid(yhat) * softsign(1)");

    /** Odd code points: controls, unicode spaces, a BOM, direction marks, combining marks, lookalikes. */
    private static final int[] ODD = {0x0, 0x7, 0x1b, 0x7f, 0x85, 0xa0, 0xad, 0x2003, 0x2028, 0x2029, 0x200b, 0x200e,
        0x202e, 0x3000, 0xfeff, 0xfffd, 0xffff, 0x301, 0x2212, 0xff08, 0xff09, 0x177, 0x1d466, 0x1f600, 0x10ffff};

    private FuzzInputs() {
    }

    /** Up to 60 characters of the syntax's alphabet. */
    static String alphabet(SplittableRandom r) {
        int n = r.nextInt(61);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** Up to 60 code points: any BMP char (lone surrogates included), supplementary ones, odd ones, syntax chars. */
    static String unicode(SplittableRandom r) {
        int n = r.nextInt(61);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0 -> s.append((char) r.nextInt(0x10000));
                case 1 -> s.appendCodePoint(0x10000 + r.nextInt(0x100000));
                case 2 -> s.appendCodePoint(ODD[r.nextInt(ODD.length)]);
                default -> s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return s.toString();
    }

    /** Up to 80 random bytes decoded as UTF-8 (malformed sequences become U+FFFD) or as ISO-8859-1. */
    static String bytes(SplittableRandom r) {
        byte[] b = new byte[r.nextInt(81)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return new String(b, r.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** Up to 20 tokens of {@link #TOKENS}. */
    static String tokenSoup(SplittableRandom r) {
        int n = r.nextInt(21);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(TOKENS[r.nextInt(TOKENS.length)]);
        }
        return s.toString();
    }

    /**
     * A valid expression: a random tree of the grammar (all operators, up to 31 of them), a random cell's
     * expression (these pass the integrity check often) or a hand-written one; re-spaced, sometimes in redundant
     * parentheses.
     */
    static String valid(SplittableRandom r) {
        String text = switch (r.nextInt(3)) {
            case 0 -> ExprSyntaxTest.randomExpr(r, 1 + r.nextInt(5)).text(); // height 5: at most 31 operators
            case 1 -> randomCellExpr(r).text();
            default -> VALID.get(r.nextInt(VALID.size()));
        };
        text = respace(text, r);
        for (int k = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0; k > 0; k--) {
            text = "(" + text + ")";
        }
        return text;
    }

    /** The expression of a random acyclic cell (Genetics.random, as the evolver draws them). */
    static Expr randomCellExpr(SplittableRandom r) {
        while (true) {
            Cell c = Genetics.random(r);
            if (c.acyclic()) {
                return c.toExpr();
            }
        }
    }

    /** 1–4 character edits of a valid expression: delete, insert, replace, swap. */
    static String charEdits(SplittableRandom r) {
        StringBuilder s = new StringBuilder(valid(r));
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
            int at = s.length() == 0 ? 0 : r.nextInt(s.length());
            char c = r.nextInt(8) == 0 ? (char) ODD[r.nextInt(9)] : ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (s.length() > 0) {
                        s.deleteCharAt(at);
                    }
                }
                case 1 -> s.insert(at, c);
                case 2 -> {
                    if (s.length() > 0) {
                        s.setCharAt(at, c);
                    }
                }
                default -> {
                    if (s.length() > 1) {
                        int b = r.nextInt(s.length());
                        char t = s.charAt(at);
                        s.setCharAt(at, s.charAt(b));
                        s.setCharAt(b, t);
                    }
                }
            }
        }
        return s.toString();
    }

    /** 1–4 token edits of a valid expression: delete, insert, replace, duplicate or swap tokens. */
    static String tokenEdits(SplittableRandom r) {
        List<String> t = tokens(valid(r));
        for (int k = 1 + r.nextInt(4); k > 0 && !t.isEmpty(); k--) {
            int at = r.nextInt(t.size());
            String other = r.nextBoolean() ? TOKENS[r.nextInt(TOKENS.length)] : t.get(r.nextInt(t.size()));
            switch (r.nextInt(5)) {
                case 0 -> t.remove(at);
                case 1 -> t.add(at, other);
                case 2 -> t.set(at, other);
                case 3 -> t.add(at, t.get(at));
                default -> {
                    int b = r.nextInt(t.size());
                    String x = t.get(at);
                    t.set(at, t.get(b));
                    t.set(b, x);
                }
            }
        }
        return String.join(r.nextInt(3) == 0 ? " " : "", t);
    }

    /** A prefix, a suffix or the middle of a valid expression. */
    static String truncation(SplittableRandom r) {
        String v = valid(r);
        int a = r.nextInt(v.length() + 1);
        int b = r.nextInt(v.length() + 1);
        return switch (r.nextInt(3)) {
            case 0 -> v.substring(0, a);
            case 1 -> v.substring(a);
            default -> v.substring(Math.min(a, b), Math.max(a, b));
        };
    }

    /**
     * Duplication: a piece of a valid expression repeated in place, two expressions joined with or without an
     * operator, or an expression wrapped k times (k up to 150, across the depth limit) in parentheses, bars,
     * negation or a call.
     */
    static String duplication(SplittableRandom r) {
        String v = valid(r);
        int k = 1 + r.nextInt(150);
        switch (r.nextInt(4)) {
            case 0 -> {
                int a = r.nextInt(v.length() + 1);
                int b = a + r.nextInt(v.length() - a + 1);
                return v.substring(0, b) + v.substring(a, b).repeat(1 + r.nextInt(4)) + v.substring(b);
            }
            case 1 -> {
                String[] joins = {"", " ", " + ", "*", ",", " - ", "|", ")("};
                String w = valid(r);
                return v + joins[r.nextInt(joins.length)] + w;
            }
            case 2 -> {
                String[][] wraps = {{"(", ")"}, {"|", "|"}, {"-", ""}, {"- ", ""}, {"exp(", ")"}, {"ln(|", "|)"},
                    {"max(y, ", ")"}, {"divsqrt(", ", yhat)"}};
                String[] w = wraps[r.nextInt(wraps.length)];
                return w[0].repeat(k) + v + w[1].repeat(k);
            }
            default -> {
                String[] ops = {" + ", " - ", " * ", " / "};
                StringBuilder s = new StringBuilder(v);
                for (int i = 0; i < k; i++) {
                    s.append(ops[r.nextInt(ops.length)]).append(r.nextBoolean() ? "y" : "(" + v + ")");
                }
                return s.toString();
            }
        }
    }

    /**
     * Extreme sizes: deep nesting (up to 20,000 levels), long operator chains, huge numbers, long identifiers,
     * long runs of spaces, texts of exactly the length limit and one more. Sizes are drawn log-uniformly and near
     * the limits ({@link ExprParser#MAX_DEPTH}, {@link ExprParser#MAX_OPERATORS}, {@link ExprParser#MAX_LENGTH}).
     */
    static String extreme(SplittableRandom r) {
        int n = size(r);
        return switch (r.nextInt(16)) {
            case 0 -> "(".repeat(n) + "y * yhat" + (r.nextBoolean() ? ")".repeat(n) : "");
            case 1 -> "|".repeat(n) + "y - yhat" + "|".repeat(n);
            case 2 -> "-".repeat(n) + "yhat";
            case 3 -> "exp(".repeat(n) + "y * yhat" + ")".repeat(n);
            case 4 -> "ln(|".repeat(n) + "y - yhat" + "|)".repeat(n);
            case 5 -> "max(y, ".repeat(n) + "yhat" + ")".repeat(n);
            case 6 -> "y" + " + yhat".repeat(n);
            case 7 -> "y" + "*yhat/1-y".repeat(n);
            case 8 -> digits(r, n) + (r.nextBoolean() ? " * y" : "");
            case 9 -> "y * " + new String[] {"1e308", "1.7976931348623157E309", "0x7fffffff", "1.0", "-0", "NaN",
                "Infinity", "1_000", "1" + "0".repeat(n), "-" + "9".repeat(n) + "e-" + n}[r.nextInt(10)];
            case 10 -> "abcdefghijklmnopqrstuvwxyz_".charAt(r.nextInt(27)) + "a".repeat(n);
            case 11 -> "yhat".repeat(1 + n / 4) + (r.nextBoolean() ? "(y)" : "");
            case 12 -> " ".repeat(n) + ExprSyntaxTest.CE + "\t".repeat(n);
            case 13 -> "(".repeat(n);
            case 14 -> "-1".repeat(n);
            default -> padded(valid(r), ExprParser.MAX_LENGTH + r.nextInt(3) - 1);
        };
    }

    private static int size(SplittableRandom r) {
        int[] near = {ExprParser.MAX_DEPTH - 1, ExprParser.MAX_DEPTH, ExprParser.MAX_DEPTH + 1,
            ExprParser.MAX_OPERATORS - 1, ExprParser.MAX_OPERATORS, ExprParser.MAX_OPERATORS + 1,
            ExprParser.MAX_LENGTH - 1, ExprParser.MAX_LENGTH, ExprParser.MAX_LENGTH + 1, 10_000, 20_000};
        return r.nextBoolean() ? near[r.nextInt(near.length)] : (int) Math.exp(r.nextDouble() * Math.log(20_000));
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }

    /** {@code text} padded with spaces on both sides to {@code length} characters (when shorter). */
    static String padded(String text, int length) {
        int pad = Math.max(0, length - text.length());
        return " ".repeat(pad / 2) + text + " ".repeat(pad - pad / 2);
    }

    /** Words, whitespace runs and single other characters. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int j = i + 1;
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_') {
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
            } else if (Character.isWhitespace(c)) {
                while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
            }
            out.add(text.substring(i, j));
            i = j;
        }
        return out;
    }

    /** Drops or adds whitespace between tokens (never inside a word or the operand '-1'): the parse is the same. */
    static String respace(String text, SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean literal = c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '1';
            boolean word = Character.isLetterOrDigit(c) && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1));
            if (c == ' ' && r.nextBoolean()) {
                continue;
            }
            s.append(c);
            if (!literal && !word && r.nextInt(3) == 0) {
                s.append(" \t\n\r\u2003".charAt(r.nextInt(5)));
            }
        }
        return s.toString();
    }

    /** The text with everything outside printable ASCII escaped, and cut to 300 characters: for messages. */
    static String quoted(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.append(s.length() > 300 ? "\"… (" + s.length() + " characters)" : "\"").toString();
    }
}
