package org.lossforge.core.nlfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lossforge.core.nlfs.Expr.Binary;
import org.lossforge.core.nlfs.Expr.Operand;
import org.lossforge.core.nlfs.Expr.Unary;

/** Text syntax: parse ∘ print round trip, canonical form, hash, error positions, cell capacity. */
class ExprSyntaxTest {

    static final String CE = "-(y * ln(|yhat|))";
    static final String BAIKAL = "-(ln(|yhat|) - y / yhat)";

    @Test
    void crossEntropyAndBaikalParseToTheExpectedTreesAndPrintBack() {
        Expr ce = ExprParser.parse(CE);
        assertEquals(new Unary(UnaryOp.NEG, new Binary(BinaryOp.MUL, Operand.Y, new Unary(UnaryOp.LN, Operand.YHAT))), ce);
        assertEquals(CE, ce.text());
        assertEquals(CE, ce.canonicalText(), "CE is already canonical (operands before calls)");
        Expr baikal = ExprParser.parse(BAIKAL);
        assertEquals(new Unary(UnaryOp.NEG, new Binary(BinaryOp.SUB, new Unary(UnaryOp.LN, Operand.YHAT),
                new Binary(BinaryOp.DIV, Operand.Y, Operand.YHAT))), baikal);
        assertEquals(BAIKAL, baikal.text());
    }

    @Test
    void crossEntropyCellIsThePapersEncoding() {
        // nlfs-paper.md §1.4: node4 = ln|ŷ|, node5 = y · node4, root = −node5
        Cell c = Cell.fromExpr(ExprParser.parse(CE));
        assertEquals(Node.unary(UnaryOp.LN, BinaryOp.ADD, Cell.YHAT), c.node(4));
        assertEquals(Node.binary(BinaryOp.MUL, UnaryOp.NEG, Cell.Y, 4), c.node(5));
        assertEquals(Node.unary(UnaryOp.NEG, BinaryOp.ADD, 5), c.node(8));
        boolean[] a = c.active();
        assertTrue(a[4] && a[5] && a[8] && !a[6] && !a[7] && a[Cell.Y] && a[Cell.YHAT] && !a[Cell.ONE]);
        assertEquals(CE, c.toExpr().text());
        assertEquals(c, Cell.parseCode(c.code()));
    }

    @Test
    void everyOperatorRoundTrips() {
        for (UnaryOp op : UnaryOp.values()) {
            Expr e = new Unary(op, new Binary(BinaryOp.ADD, Operand.Y, Operand.YHAT));
            assertEquals(e, ExprParser.parse(e.text()), op + ": " + e.text());
            Expr f = new Unary(op, Operand.YHAT);
            assertEquals(f, ExprParser.parse(f.text()), op + ": " + f.text());
        }
        for (BinaryOp op : BinaryOp.values()) {
            Expr e = new Binary(op, Operand.NEG_ONE, new Binary(op, Operand.Y, Operand.YHAT));
            assertEquals(e, ExprParser.parse(e.text()), op + ": " + e.text());
        }
        assertEquals("ln(|yhat|)", new Unary(UnaryOp.LN, Operand.YHAT).text());
        assertEquals("log10(|y|)", new Unary(UnaryOp.LOG10, Operand.Y).text());
        assertEquals("sqrt(|y - yhat|)", ExprParser.parse("sqrt(|y-yhat|)").text());
        assertEquals("|yhat|", new Unary(UnaryOp.ABS, Operand.YHAT).text());
        assertEquals("divsqrt(y, yhat)", new Binary(BinaryOp.DIVSQRT, Operand.Y, Operand.YHAT).text());
    }

    @Test
    void negationAndTheOperandMinusOneAreDistinct() {
        assertEquals(Operand.NEG_ONE, ExprParser.parse("-1"));
        assertEquals(new Unary(UnaryOp.NEG, Operand.ONE), ExprParser.parse("-(1)"));
        assertEquals(new Unary(UnaryOp.NEG, Operand.ONE), ExprParser.parse("- 1"));
        assertEquals("-(1)", new Unary(UnaryOp.NEG, Operand.ONE).text());
        assertEquals("-(-1)", new Unary(UnaryOp.NEG, Operand.NEG_ONE).text());
        assertEquals(new Unary(UnaryOp.NEG, Operand.NEG_ONE), ExprParser.parse("--1"));
        assertEquals(new Binary(BinaryOp.SUB, Operand.Y, Operand.NEG_ONE), ExprParser.parse("y - -1"));
        assertEquals(new Binary(BinaryOp.SUB, Operand.Y, Operand.ONE), ExprParser.parse("y -1"));
        assertEquals(new Binary(BinaryOp.MUL, new Unary(UnaryOp.NEG, Operand.Y), Operand.YHAT), ExprParser.parse("-y * yhat"));
        assertEquals("-y * yhat", ExprParser.parse("(-y) * yhat").text());
        assertEquals("-(y * yhat)", ExprParser.parse("-(y * yhat)").text());
        assertEquals("-(-y)", ExprParser.parse("--y").text());
    }

    @Test
    void precedenceAssociativityAndParentheses() {
        assertEquals(new Binary(BinaryOp.ADD, Operand.Y, new Binary(BinaryOp.MUL, Operand.YHAT, Operand.ONE)),
                ExprParser.parse("y + yhat * 1"));
        Expr leftAssoc = ExprParser.parse("y - yhat - 1");
        assertEquals(new Binary(BinaryOp.SUB, new Binary(BinaryOp.SUB, Operand.Y, Operand.YHAT), Operand.ONE), leftAssoc);
        assertEquals("y - yhat - 1", leftAssoc.text());
        assertEquals("y - (yhat - 1)", ExprParser.parse("y - (yhat - 1)").text());
        assertEquals("y * (yhat * 1)", ExprParser.parse("y*(yhat*1)").text(), "structure kept: right input of equal precedence");
        assertEquals("(y + yhat) / 1", ExprParser.parse("((y + yhat)) / (1)").text());
        assertEquals(CE, ExprParser.parse("  ( -( (y) * ln( | yhat | ) ) )\t").text(), "whitespace and redundant parentheses");
    }

    @Test
    void randomTreesRoundTripAndCanonicalFormIsStable() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 3000; i++) {
            Expr e = randomExpr(r, 1 + r.nextInt(5));
            String text = e.text();
            assertEquals(e, ExprParser.parse(text), text);
            Expr c = e.canonical();
            assertEquals(c, c.canonical(), "canonical is idempotent: " + text);
            assertEquals(c, ExprParser.parse(c.text()).canonical(), text);
            assertEquals(e.hash(), ExprParser.parse(text).hash());
        }
    }

    static Expr randomExpr(SplittableRandom r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return Operand.of(r.nextInt(4));
        }
        if (r.nextBoolean()) {
            return new Unary(UnaryOp.of(r.nextInt(UnaryOp.count())), randomExpr(r, depth - 1));
        }
        return new Binary(BinaryOp.of(r.nextInt(BinaryOp.count())), randomExpr(r, depth - 1), randomExpr(r, depth - 1));
    }

    @Test
    void canonicalFormOrdersCommutativeInputsOnly() {
        assertEquals(ExprParser.parse("y * yhat").hash(), ExprParser.parse("yhat * y").hash());
        assertEquals("y * yhat", ExprParser.parse("yhat*y").canonicalText());
        assertEquals("max(y, exp(yhat))", ExprParser.parse("max(exp(yhat), y)").canonicalText());
        assertEquals("-(y * ln(|yhat|))", ExprParser.parse("-(ln(|yhat|) * y)").canonicalText());
        assertEquals("exp(y) + sin(yhat)", ExprParser.parse("sin(yhat) + exp(y)").canonicalText());
        assertNotEquals(ExprParser.parse("y - yhat").hash(), ExprParser.parse("yhat - y").hash());
        assertNotEquals(ExprParser.parse("y / yhat").hash(), ExprParser.parse("yhat / y").hash());
        assertNotEquals(ExprParser.parse("divsqrt(y, yhat)").hash(), ExprParser.parse("divsqrt(yhat, y)").hash());
        String h = ExprParser.parse(CE).hash();
        assertTrue(h.matches("[0-9a-f]{16}"), h);
    }

    @Test
    void everyCellPrintsAnExpressionThatParsesBackIntoTheCell() {
        SplittableRandom r = new SplittableRandom(11);
        int checked = 0;
        while (checked < 2000) {
            Cell cell = Genetics.random(r);
            if (!cell.acyclic()) {
                continue;
            }
            checked++;
            Expr e = cell.toExpr();
            Expr parsed = ExprParser.parse(e.text());
            assertEquals(e, parsed, cell.code());
            Cell back = Cell.fromExpr(parsed); // fits: shared nodes are shared again
            assertEquals(e, back.toExpr(), cell.code());
            assertEquals(e.canonical(), Cell.fromExpr(e.canonical()).toExpr(), cell.code());
        }
    }

    @Test
    void anExpressionNeedingMoreNodesThanTheCellIsRejected() {
        // 6 distinct operators: 5 hidden nodes + root
        Expr big = ExprParser.parse("exp(sin(tanh(atan(erf(y * yhat)))))");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cell.fromExpr(big));
        assertTrue(e.getMessage().contains("needs 6 operator nodes") && e.getMessage().contains("has 5"), e.getMessage());
        Nlfs.Checked c = Nlfs.check("exp(sin(tanh(atan(erf(y * yhat)))))");
        assertTrue(!c.valid() && c.reason().contains("needs 6"), c.reason());
        c = Nlfs.check("max0(yhat - 1) + min0(-1 * yhat) - erfc(yhat) * recip(y)");
        assertTrue(!c.valid() && c.reason().contains("needs 9"), c.reason());
        // 5 operators fit; a repeated sub-expression uses one node
        assertEquals(5, Cell.fromExpr(ExprParser.parse("sin(tanh(atan(erf(y * yhat))))")).toExpr().size());
        assertEquals(3, activeNodes(Cell.fromExpr(ExprParser.parse("ln(|yhat|) * y + ln(|yhat|)"))));
        // the same compound input on both sides of one operator needs a second node: still 5
        Cell dup = Cell.fromExpr(ExprParser.parse("y * ln(|yhat|) + (y * ln(|yhat|)) * (y * ln(|yhat|))"));
        assertEquals(5, activeNodes(dup));
        assertEquals("y * ln(|yhat|) + y * ln(|yhat|) * (y * ln(|yhat|))", dup.toExpr().text());
    }

    private static int activeNodes(Cell c) {
        boolean[] a = c.active();
        int n = 0;
        for (int i = Cell.OPERANDS; i < Cell.SIZE; i++) {
            n += a[i] ? 1 : 0;
        }
        return n;
    }

    @Test
    void expressionsTheCellCannotHoldSayWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cell.fromExpr(ExprParser.parse("y * y")));
        assertTrue(e.getMessage().contains("both sides"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cell.fromExpr(ExprParser.parse("yhat")));
        assertTrue(e.getMessage().contains("bare operand"), e.getMessage());
        assertTrue(Nlfs.check("exp(yhat)").reason().contains("does not use y"), Nlfs.check("exp(yhat)").reason());
        assertTrue(Nlfs.check("exp(y) + 1").reason().contains("does not use yhat"));
    }

    @Test
    void parseErrorsNameThePositionAndWhatWasExpected() {
        assertError("y * ", 5, "an operand", "the end of the expression");
        assertError("", 1, "an operand", "the end of the expression");
        assertError("ln(yhat)", 4, "'|'", "'y'");
        assertError("ln(|y| * |yhat|)", 8, "')'", "'*'");
        assertError("max(y yhat)", 7, "','", "'y'");
        assertError("exp(y, yhat)", 6, "')'", "','");
        assertError("foo(y)", 1, "operator name", "'foo'");
        assertError("y + 2", 5, "an operand", "'2'");
        assertError("(y * yhat", 10, "')'", "the end of the expression");
        assertError("y yhat", 3, "an operator (+, -, *, /)", "'y'");
        assertError("|y", 3, "'|'", "the end of the expression");
        assertError("exp y", 5, "'('", "'y'");
        assertError("y ^ 2", 3, "an operator", "'^'");
        assertError("y\n* é", 5, "an operand", "U+00E9");
        assertError("(".repeat(100) + "y" + ")".repeat(100), ExprParser.MAX_DEPTH + 1, "nested levels", "'('");
    }

    private static void assertError(String text, int position, String expected, String found) {
        ExprSyntaxException e = assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(text), text);
        assertEquals(position, e.position(), text + " → " + e.getMessage());
        assertTrue(e.expected().contains(expected), text + " → " + e.getMessage());
        assertEquals(found, e.found(), text + " → " + e.getMessage());
        assertTrue(e.getMessage().startsWith("at position " + position + ": expected "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void whateverParsesPrintsWithinTheLimits() {
        // found by ExprFuzzTest: 33 negations nest 33 levels as written but 65 as printed, -(-(…(-y)…)); and an
        // 81-term sum's canonical form nests its terms to the right, y + (y + (…)), past 64 levels
        String negations = "-".repeat(ExprParser.MAX_OPERATORS) + "y";
        Expr e = ExprParser.parse(negations);
        assertEquals(e, ExprParser.parse(e.text()));
        assertEquals(e, ExprParser.parse(e.canonical().text()));
        assertError("-" + negations, ExprParser.MAX_OPERATORS + 1, "at most 32 operators", "'-'");
        Expr sum = ExprParser.parse("sin(yhat)" + " + y".repeat(ExprParser.MAX_OPERATORS - 1));
        assertTrue(sum.canonical().text().startsWith("y + (y + (y + "), sum.canonical().text());
        assertEquals(sum.canonical(), ExprParser.parse(sum.canonical().text()));
        assertError("sin(yhat)" + " + y".repeat(ExprParser.MAX_OPERATORS), 10 + 4 * (ExprParser.MAX_OPERATORS - 1) + 1,
                "operators", "'+'");
    }

    @Test
    void anUnknownWordIsQuotedShortly() {
        // found by ExprFuzzTest: a 10,000-letter word was quoted whole, a 10,330-character message
        assertError("a".repeat(ExprParser.MAX_LENGTH), 1, "operator name",
                "'" + "a".repeat(24) + "...' (10000 characters)");
        assertTrue(Nlfs.check("y * " + "9".repeat(5000)).reason().length() < 400, "a huge number");
        assertError("y * exp(" + "x".repeat(24) + ")", 9, "operator name", "'" + "x".repeat(24) + "'");
    }
}
