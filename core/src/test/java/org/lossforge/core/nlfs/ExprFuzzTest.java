package org.lossforge.core.nlfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random strings, token soups and mutations of valid expressions: the parser either returns an expression that
 * round-trips or throws {@link ExprSyntaxException} with a position inside the text (or just past it) and a
 * one-line message; never anything else. Whatever parses goes through {@link Nlfs#check} without throwing.
 */
class ExprFuzzTest {

    private static final String[] TOKENS = {"y", "yhat", "1", "-1", "-", "+", "*", "/", "(", ")", "|", ",", " ", "ln(|",
        "|)", "max(", "min(", "divsqrt(", "exp(", "erfc(", "i0e(", "sqrt(|", "log10(|", "recip(", "square(", "2", "x",
        "yha", "((", "))", "||", "--", "\t", "ŷ", "\n", "-(1)", "ln(", "softplus", "max", ",,"};

    private static final String ALPHABET = "yhat1-+*/()|, ,lnmaxiedfcrsqpogu02.^\u00e9\u0000\n";

    @Test
    void randomInputsNeverThrowAnythingButAParseError() {
        SplittableRandom r = new SplittableRandom(2024);
        List<String> valid = List.of(ExprSyntaxTest.CE, ExprSyntaxTest.BAIKAL, "max(y, yhat) - divsqrt(yhat, -1)",
                "ln(||y - yhat| * yhat|)", "-(1) * sigmoid(yhat) / (y + -1)", "i0e(y) * erfc(-yhat)");
        int parsed = 0;
        int failed = 0;
        for (int i = 0; i < 12_000; i++) {
            String text = switch (i % 5) {
                case 0 -> randomChars(r);
                case 1 -> tokenSoup(r);
                case 2 -> mutate(valid.get(r.nextInt(valid.size())), r);
                case 3 -> mutate(ExprSyntaxTest.randomExpr(r, 1 + r.nextInt(5)).text(), r);
                default -> respace(ExprSyntaxTest.randomExpr(r, 1 + r.nextInt(5)).text(), r);
            };
            try {
                Expr e = ExprParser.parse(text);
                parsed++;
                assertEquals(e, ExprParser.parse(e.text()), "round trip of " + text);
                Nlfs.Checked c = Nlfs.check(text);
                assertTrue(c.valid() || (c.reason() != null && !c.reason().isEmpty()), text);
            } catch (ExprSyntaxException ex) {
                failed++;
                assertTrue(ex.position() >= 1 && ex.position() <= text.length() + 1, text + " → " + ex.getMessage());
                assertEquals(1, ex.getMessage().lines().count(), "one line: " + ex.getMessage());
                assertNotNull(ex.expected());
                assertTrue(Nlfs.check(text).reason().startsWith("parse error at position " + ex.position()));
            } catch (RuntimeException | StackOverflowError ex) {
                fail("input " + quoted(text) + " threw " + ex);
            }
        }
        assertTrue(parsed > 2000, "enough inputs parse to exercise the round trip: " + parsed);
        assertTrue(failed > 1000, "enough inputs fail: " + failed);
    }

    @Test
    void whitespaceDoesNotChangeTheParse() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 3000; i++) {
            Expr e = ExprSyntaxTest.randomExpr(r, 1 + r.nextInt(5));
            String text = respace(e.text(), r);
            assertEquals(e, ExprParser.parse(text), quoted(text));
        }
    }

    @Test
    void hugeAndDeepInputsAreRefusedNotOverflowed() {
        String deep = "-".repeat(50_000) + "y";
        ExprSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(deep));
        assertEquals(ExprParser.MAX_LENGTH + 1, e.position());
        String nested = "|".repeat(9_000) + "y" + "|".repeat(900);
        e = org.junit.jupiter.api.Assertions.assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(nested));
        assertEquals(ExprParser.MAX_OPERATORS + 1, e.position(), "each bar is an operator: that limit comes first");
        String parens = "(".repeat(9_000) + "y" + ")".repeat(900);
        e = org.junit.jupiter.api.Assertions.assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(parens));
        assertEquals(ExprParser.MAX_DEPTH + 1, e.position());
        for (String op : new String[] {" + ", " * ", " - ", " / "}) {
            String chain = "y" + (op + "yhat").repeat(1400); // a flat chain: deep tree, no nesting
            e = org.junit.jupiter.api.Assertions.assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(chain));
            assertTrue(e.expected().contains("operators"), e.getMessage());
            assertEquals(7 * ExprParser.MAX_OPERATORS + 3, e.position(), e.getMessage()); // the 101st operator
            assertTrue(Nlfs.check(chain).reason().contains("at most " + ExprParser.MAX_OPERATORS + " operators"));
        }
        String minus = "-".repeat(ExprParser.MAX_DEPTH + 1) + "y";
        e = org.junit.jupiter.api.Assertions.assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(minus));
        assertTrue(e.expected().contains("operators"), e.getMessage()); // each '-' is an operator
    }

    private static String randomChars(SplittableRandom r) {
        int n = r.nextInt(40);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(r.nextInt(20) == 0 ? (char) r.nextInt(0x3000) : ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static String tokenSoup(SplittableRandom r) {
        int n = r.nextInt(16);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(TOKENS[r.nextInt(TOKENS.length)]);
        }
        return s.toString();
    }

    /** Drops or adds whitespace between characters (outside '-1'), which must not change the parse. */
    private static String respace(String text, SplittableRandom r) {
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
                s.append(r.nextBoolean() ? " " : "\t");
            }
        }
        return s.toString();
    }

    /** 1–3 edits: delete, insert or replace a character, or swap two. */
    private static String mutate(String text, SplittableRandom r) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = s.length() == 0 ? 0 : r.nextInt(s.length());
            char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
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

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.append('"').toString();
    }
}
