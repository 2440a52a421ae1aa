package org.lossforge.core.nlfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossforge.core.classify.CandidateLosses;
import org.lossforge.core.classify.NamedLoss;

/**
 * A seeded fuzz test of the loss-expression text path: {@link ExprParser#parse}, {@link Nlfs#check} (what
 * {@code ./lossforge nlfs check} and the candidate-generator's screening call) and {@link CandidateLosses#of}
 * (what the trainer's surrogate jobs call). Ten kinds of input ({@link FuzzInputs}) and a hand-picked list; every
 * input, whatever it is:
 * <ul>
 *   <li>parses, or throws {@link ExprSyntaxException} and nothing else, with a 1-based position in [1, length + 1]
 *       and a one-line message of at most {@value #MAX_MESSAGE} characters that {@code Nlfs.check} repeats;</li>
 *   <li>finishes within {@value #LIMIT_MS} ms, on a thread with a {@value #STACK_KIB} KiB stack (a quarter of the
 *       JVM's default): no hang, no StackOverflowError;</li>
 *   <li>if it parses: it is within the limits, it round-trips (print → parse), its canonical form is idempotent
 *       and re-parses to the same hash, and either the cell cannot hold it (the reason {@code Nlfs.check} gives)
 *       or the cell computes it and the integrity check returns a verdict; a passing verdict has 1000 finite
 *       phenotype values, and the canonical text checks to the same hash, flip and phenotype; the canonical
 *       form computes the same probe curve as the expression as written, the cell's code round-trips; no two
 *       canonical forms met share a hash;</li>
 *   <li>{@code CandidateLosses.of} returns the loss exactly when {@code Nlfs.check} says valid, and otherwise throws
 *       IllegalArgumentException with the same reason.</li>
 * </ul>
 * Deterministic: input i of a kind is drawn from {@code SplittableRandom(mix(seed, kind, i))}; a failure names the
 * seed, kind and index and quotes the input. {@code -Dlossforge.fuzz.seed=N} runs other inputs and
 * {@code -Dlossforge.fuzz.scale=K} K times as many (by hand). The counts per kind are printed at the end.
 */
class ExprFuzzTest {

    static final long SEED = Long.getLong("lossforge.fuzz.seed", 20_261_207L);
    static final int SCALE = Integer.getInteger("lossforge.fuzz.scale", 1);
    static final long LIMIT_MS = 5_000;
    static final int STACK_KIB = 256;
    static final int MAX_MESSAGE = 600;

    enum Outcome { PARSE_ERROR, LIMIT, CELL_REFUSED, REJECTED, VALID }

    private static final Map<String, long[]> COUNTS = new LinkedHashMap<>();
    /** Hash → canonical text of every expression parsed: two canonical forms never share a hash. */
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();
    private static ExecutorService worker;

    @BeforeAll
    static void startWorker() {
        worker = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(null, task, "expr-fuzz", STACK_KIB * 1024L);
            t.setDaemon(true); // a hung input must not keep the JVM alive
            return t;
        });
    }

    @AfterAll
    static void report() {
        worker.shutdownNow();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "ExprFuzzTest seed %d scale %d%n%-12s %7s %7s %7s %7s %7s %7s %9s%n", SEED, SCALE,
                "kind", "tried", "syntax", "limit", "cell", "reject", "valid", "max ms"));
        long total = 0;
        for (Map.Entry<String, long[]> e : COUNTS.entrySet()) {
            long[] c = e.getValue();
            total += c[0];
            s.append(String.format(Locale.ROOT, "%-12s %7d %7d %7d %7d %7d %7d %9.1f%n", e.getKey(), c[0], c[1], c[2],
                    c[3], c[4], c[5], c[6] / 1e6));
        }
        System.out.print(s.append("total inputs ").append(total).append('\n'));
    }

    @Test
    void alphabetStrings() {
        fuzz("alphabet", 6000, FuzzInputs::alphabet);
    }

    @Test
    void unicodeStrings() {
        fuzz("unicode", 4000, FuzzInputs::unicode);
    }

    @Test
    void randomBytes() {
        fuzz("bytes", 3000, FuzzInputs::bytes);
    }

    @Test
    void tokenSoups() {
        fuzz("tokens", 6000, FuzzInputs::tokenSoup);
    }

    @Test
    void characterEditsOfValidExpressions() {
        fuzz("char-edits", 5000, FuzzInputs::charEdits);
    }

    @Test
    void tokenEditsOfValidExpressions() {
        fuzz("token-edits", 5000, FuzzInputs::tokenEdits);
    }

    @Test
    void truncatedValidExpressions() {
        fuzz("truncated", 4000, FuzzInputs::truncation);
    }

    @Test
    void duplicatedAndWrappedExpressions() {
        fuzz("duplicated", 3000, FuzzInputs::duplication);
    }

    @Test
    void extremeSizes() {
        long[] c = fuzz("extreme", 1500, FuzzInputs::extreme);
        assertTrue(c[2] > 300 && c[1 + Outcome.VALID.ordinal()] + c[1 + Outcome.REJECTED.ordinal()] > 50,
                "inputs both past and within the limits: " + Arrays.toString(c));
    }

    @Test
    void validExpressionsRoundTrip() {
        long[] c = fuzz("valid", 4000, r -> {
            String text = FuzzInputs.valid(r);
            Expr e = ExprParser.parse(text); // must parse: an ExprSyntaxException fails the test here
            assertEquals(e, ExprParser.parse(e.text()));
            return text;
        });
        assertTrue(c[1 + Outcome.VALID.ordinal()] > 500, "enough valid losses to exercise the check: " + Arrays.toString(c));
    }

    @Test
    void handPickedInputs() {
        List<String> inputs = Arrays.asList(null, "", " ", "\t\n\r", "\u2003", "\u00a0y", "\0", "\uFEFFy * yhat",
                "y\u0000", "\ud800", "y * \udc00", "\ud83d\ude00", "ce", " Cross-Entropy ", "baikal", "y", "-1", "1",
                "--1", "-(1)", "- 1", "y * y", "yhat", "()", "(,)", "||", "max(,)", "ln(||)", "y,yhat", "y)", "(y",
                "y * yhat )", "ln(|y|) * yhat", "exp", "exp()", "exp(y", "max(y)", "max(y, yhat, 1)", "ln(y)",
                "ln(|y| * yhat)", "1e9 * y", "y ** yhat", "y // yhat", "y -- yhat", "y +- yhat", "y * -yhat",
                "(".repeat(10_000), ")".repeat(10_000), "|".repeat(10_000), "-".repeat(10_000) + "y",
                "exp(".repeat(5_000), "9".repeat(10_000), "y" + "h".repeat(9_999), "y".repeat(10_001),
                FuzzInputs.padded(ExprSyntaxTest.CE, ExprParser.MAX_LENGTH),
                FuzzInputs.padded(ExprSyntaxTest.CE, ExprParser.MAX_LENGTH + 1),
                "(".repeat(ExprParser.MAX_DEPTH) + "y * yhat" + ")".repeat(ExprParser.MAX_DEPTH),
                "(".repeat(ExprParser.MAX_DEPTH + 1) + "y * yhat" + ")".repeat(ExprParser.MAX_DEPTH + 1),
                "y" + " * yhat".repeat(ExprParser.MAX_OPERATORS), "y" + " * yhat".repeat(ExprParser.MAX_OPERATORS + 1));
        long[] c = fuzz("hand-picked", inputs.size(), null, inputs::get);
        assertTrue(c[1 + Outcome.VALID.ordinal()] >= 3, Arrays.toString(c));
    }

    private static long[] fuzz(String kind, int count, Function<SplittableRandom, String> inputs) {
        return fuzz(kind, count * SCALE, inputs, null);
    }

    /**
     * Runs n inputs of one kind (drawn by {@code inputs}, or {@code fixed.apply(i)}) through {@link #screen} on the
     * worker, each bounded by {@link #LIMIT_MS}; returns {tried, syntax, limit, cell, rejected, valid, max nanos}.
     */
    private static long[] fuzz(String kind, int n, Function<SplittableRandom, String> inputs, IntFunction<String> fixed) {
        long[] c = new long[7];
        for (int i = 0; i < n; i++) {
            int index = i;
            long inputSeed = mix(mix(SEED ^ kind.hashCode()) + i);
            Supplier<String> input = () -> fixed != null ? fixed.apply(index) : inputs.apply(new SplittableRandom(inputSeed));
            Future<Object[]> f = worker.submit(() -> {
                String text = input.get();
                long t0 = System.nanoTime();
                try {
                    return new Object[] {text, screen(text), System.nanoTime() - t0};
                } catch (Throwable t) {
                    throw new AssertionError("input " + FuzzInputs.quoted(text) + ": " + t, t);
                }
            });
            Object[] result;
            try {
                result = f.get(LIMIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                startWorker(); // the old thread may be stuck for good
                throw new AssertionError(where(kind, i) + " did not finish within " + LIMIT_MS + " ms: "
                        + FuzzInputs.quoted(input.get()));
            } catch (ExecutionException e) {
                throw new AssertionError(where(kind, i) + " failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            c[0]++;
            c[1 + ((Outcome) result[1]).ordinal()]++;
            c[6] = Math.max(c[6], (long) result[2]);
        }
        COUNTS.put(kind, c);
        return c;
    }

    private static String where(String kind, int i) {
        return "fuzz input " + kind + "#" + i + " (seed " + SEED + ")";
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The properties of one input (class comment); returns where it ended. */
    static Outcome screen(String text) {
        int length = text == null ? 0 : text.length();
        Expr e;
        try {
            e = ExprParser.parse(text);
        } catch (ExprSyntaxException ex) {
            String m = ex.getMessage();
            assertTrue(ex.position() >= 1 && ex.position() <= length + 1,
                    "position " + ex.position() + " outside [1, " + (length + 1) + "]: " + m);
            assertTrue(m.startsWith("at position " + ex.position() + ": expected "), m);
            assertEquals(1, m.lines().count(), "one line: " + m);
            assertTrue(m.length() <= MAX_MESSAGE, "message of " + m.length() + " characters: " + FuzzInputs.quoted(m));
            assertFalse(ex.expected().isBlank());
            assertFalse(ex.found().isBlank());
            Nlfs.Checked c = Nlfs.check(text);
            assertFalse(c.valid());
            assertEquals("parse error " + m, c.reason());
            candidate(text, c);
            return ex.expected().startsWith("at most ") ? Outcome.LIMIT : Outcome.PARSE_ERROR;
        }
        assertTrue(length <= ExprParser.MAX_LENGTH, "parsed " + length + " characters");
        assertTrue(e.size() <= ExprParser.MAX_OPERATORS, "parsed " + e.size() + " operators");
        assertEquals(e, ExprParser.parse(e.text()), "round trip of " + e.text());
        Expr canonical = e.canonical();
        assertEquals(canonical, canonical.canonical(), "canonical is idempotent");
        Expr reparsed = ExprParser.parse(canonical.text());
        assertEquals(canonical, reparsed.canonical());
        assertEquals(e.hash(), reparsed.hash());
        String other = HASHES.putIfAbsent(e.hash(), canonical.text());
        assertTrue(other == null || other.equals(canonical.text()), "hash " + e.hash() + " of both " + other);

        Nlfs.Checked c = Nlfs.check(text);
        assertNotNull(c);
        candidate(text, c);
        Cell cell;
        try {
            cell = Cell.fromExpr(canonical);
        } catch (IllegalArgumentException ex) {
            assertFalse(c.valid());
            assertEquals(ex.getMessage(), c.reason());
            return Outcome.CELL_REFUSED;
        }
        assertEquals(canonical, cell.toExpr(), "the cell computes the expression");
        assertEquals(cell, Cell.parseCode(cell.code()), "the cell's code (the evolver's state text) round-trips");
        String problem = cell.structuralProblem();
        if (problem != null) {
            assertFalse(c.valid());
            assertTrue(c.reason().equals(problem) || c.reason().equals("integrity check: " + problem), c.reason());
            return Outcome.REJECTED;
        }
        double[] curve = IntegrityCheck.curve(cell); // Nlfs.check's verdict is the rules on this curve
        IntegrityCheck.Verdict v = IntegrityCheck.judge(curve);
        if (!e.equals(canonical)) {
            sameLoss(e, curve);
        }
        assertEquals(v.passed(), c.valid(), c.reason());
        if (!v.passed()) {
            assertFalse(v.reason() == null || v.reason().isBlank());
            assertTrue(c.reason().endsWith(v.reason()), c.reason());
            return Outcome.REJECTED;
        }
        assertEquals(IntegrityCheck.POINTS, c.phenotype().length);
        for (float p : c.phenotype()) {
            assertTrue(Float.isFinite(p), "phenotype value " + p);
        }
        assertTrue(Arrays.equals(v.phenotype(), c.phenotype()), "same phenotype");
        assertEquals(v.flip(), c.flip());
        assertEquals(canonical, c.canonical());
        assertEquals(canonical.hash(), c.hash());
        if (!canonical.text().equals(text)) {
            Nlfs.Checked again = Nlfs.check(canonical.text()); // the canonical text screens alike
            assertTrue(again.valid(), again.reason());
            assertEquals(c.hash(), again.hash());
            assertEquals(c.flip(), again.flip());
            assertTrue(Arrays.equals(c.phenotype(), again.phenotype()), "same phenotype");
        }
        return Outcome.VALID;
    }

    /**
     * The canonical form is the same loss: where the cell also holds {@code e} as written, its probe curve equals
     * the canonical one value for value (a zero's sign aside: max and min commute only up to it).
     */
    private static void sameLoss(Expr e, double[] canonicalCurve) {
        Cell written;
        try {
            written = Cell.fromExpr(e);
        } catch (IllegalArgumentException ex) {
            return; // the canonical form may share a node that the written form cannot (or the other way round)
        }
        if (written.structuralProblem() != null) {
            return;
        }
        double[] a = IntegrityCheck.curve(written);
        for (int j = 0; j < a.length; j++) {
            double b = canonicalCurve[j];
            assertTrue(a[j] == b || (Double.isNaN(a[j]) && Double.isNaN(b)),
                    "probe point " + j + ": " + a[j] + " as written, " + b + " canonical (" + e.canonical().text() + ")");
        }
    }

    /** The trainer's and the CLI surrogate's entry point agrees with the screen. */
    private static void candidate(String text, Nlfs.Checked c) {
        if (CandidateLosses.baseline(text) != null) {
            return;
        }
        try {
            NamedLoss loss = CandidateLosses.of(text, "fuzz");
            assertTrue(c.valid(), "CandidateLosses.of accepted what Nlfs.check refused: " + c.reason());
            assertEquals(CandidateLosses.printed(c), loss.expression());
        } catch (IllegalArgumentException ex) {
            assertFalse(c.valid(), "CandidateLosses.of refused a valid loss: " + ex.getMessage());
            assertEquals(c.reason(), ex.getMessage());
        }
    }

    @Test
    void whitespaceDoesNotChangeTheParse() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 3000; i++) {
            Expr e = ExprSyntaxTest.randomExpr(r, 1 + r.nextInt(5));
            String text = FuzzInputs.respace(e.text(), r);
            assertEquals(e, ExprParser.parse(text), FuzzInputs.quoted(text));
        }
    }

    @Test
    void hugeAndDeepInputsAreRefusedNotOverflowed() {
        String deep = "-".repeat(50_000) + "y";
        ExprSyntaxException e = assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(deep));
        assertEquals(ExprParser.MAX_LENGTH + 1, e.position());
        String nested = "|".repeat(9_000) + "y" + "|".repeat(900);
        e = assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(nested));
        assertEquals(ExprParser.MAX_OPERATORS + 1, e.position(), "each bar is an operator: that limit comes first");
        String parens = "(".repeat(10_000);
        e = assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(parens));
        assertEquals(ExprParser.MAX_DEPTH + 1, e.position(), "the 65th '(' crosses the depth limit");
        for (String op : new String[] {" + ", " * ", " - ", " / "}) {
            String chain = "y" + (op + "yhat").repeat(1400); // a flat chain: deep tree, no nesting
            e = assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(chain));
            assertTrue(e.expected().contains("operators"), e.getMessage());
            assertEquals(7 * ExprParser.MAX_OPERATORS + 3, e.position(), e.getMessage()); // the 101st operator
            assertTrue(Nlfs.check(chain).reason().contains("at most " + ExprParser.MAX_OPERATORS + " operators"));
        }
        String minus = "-".repeat(ExprParser.MAX_DEPTH + 1) + "y";
        e = assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(minus));
        assertTrue(e.expected().contains("operators"), e.getMessage()); // each '-' is an operator
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        String atLength = FuzzInputs.padded(ExprSyntaxTest.CE, ExprParser.MAX_LENGTH);
        assertEquals(ExprSyntaxTest.CE, ExprParser.parse(atLength).text());
        assertEquals(ExprParser.MAX_LENGTH + 1,
                assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(atLength + " ")).position());
        String atDepth = "(".repeat(ExprParser.MAX_DEPTH) + "y" + ")".repeat(ExprParser.MAX_DEPTH);
        assertEquals(Expr.Operand.Y, ExprParser.parse(atDepth));
        String overDepth = "(" + atDepth + ")";
        assertEquals(ExprParser.MAX_DEPTH + 1,
                assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(overDepth)).position());
        String atOperators = "y" + " + yhat".repeat(ExprParser.MAX_OPERATORS);
        assertEquals(ExprParser.MAX_OPERATORS, ExprParser.parse(atOperators).size());
        assertThrows(ExprSyntaxException.class, () -> ExprParser.parse(atOperators + " + y"));
    }
}
