package org.lossforge.core.nlfs;

/**
 * The authors' integrity check (nlfs-paper.md §3.1), a pre-filter run before any training. Probe: 1000 two-class
 * samples, p_j = linspace(1e-7, 1 − 1e-7, 1000), ŷ_j = (p_j, 1 − p_j), y_j = (0, 1), in float32 as in the
 * authors' code (the cell is evaluated by {@link ArrayEvaluator} with float32 rounding). L_j = Σ_c root output
 * (no batch mean, no flip). The true class's probability falls from ≈1 to ≈0 along j, so a sensible loss rises.
 *
 * <ol>
 *   <li>reject if the first minimum or the first maximum of L lies at j ∈ [490, 509] (p ≈ 0.5);</li>
 *   <li>all steps d_j = L_{j+1} − L_j &lt; 0: accept, flip; all &gt; 0: accept, no flip;</li>
 *   <li>otherwise t = sign(d): reject if more than 10 steps are flat (plateaus) or all are; fill each flat step
 *       with the sign of its nearest non-flat step to the left (cyclically, as {@code np.roll}); reject if the
 *       cyclic count of sign changes exceeds 2 (at most one turning point); accept, flipping unless
 *       t[2] = −1 (the curve starts by falling: a U-shape).</li>
 * </ol>
 * The phenotype is the min–max-normalised curve (of −L when flipped), left as is when max − min &lt; 1e-4, in
 * float32. One addition to the authors' rules: a curve with a non-finite value is rejected outright (their
 * NumPy code let a single NaN at either end through; such a loss fails in training anyway).
 */
public final class IntegrityCheck {

    public static final int POINTS = 1000;
    static final int CLASSES = 2;

    /** y is (0, 1) in every row: one period of it (the evaluator broadcasts it). */
    private static final double[] PROBE_Y = {0, 1};
    private static final double[] PROBE_YHAT = new double[POINTS * CLASSES];

    static {
        double lo = 1e-7;
        double hi = 1 - 1e-7;
        double step = (hi - lo) / (POINTS - 1);
        for (int j = 0; j < POINTS; j++) {
            double p = j == POINTS - 1 ? hi : j * step + lo; // numpy.linspace, in float64
            PROBE_YHAT[2 * j] = (float) p;
            PROBE_YHAT[2 * j + 1] = (float) (1 - p);
        }
    }

    /**
     * The verdict: passed (with flip and phenotype) or rejected (with the reason; flip false, phenotype null).
     */
    public record Verdict(boolean passed, String reason, boolean flip, float[] phenotype) {
        static Verdict reject(String reason) {
            return new Verdict(false, reason, false, null);
        }
    }

    private IntegrityCheck() {
    }

    /** Structural checks (cycle, y and yhat used), then the probe. */
    public static Verdict check(Cell cell) {
        String problem = cell.structuralProblem();
        if (problem != null) {
            return Verdict.reject(problem);
        }
        return judge(curve(cell));
    }

    /** L_j on the probe (float32 values held in doubles) for a well-formed cell. */
    public static double[] curve(Cell cell) {
        int[] order = cell.evaluationOrder();
        if (order == null) {
            throw new IllegalArgumentException("the active nodes form a cycle");
        }
        ArrayEvaluator ev = new ArrayEvaluator(true);
        double[] t = ev.root(cell, order, PROBE_Y, PROBE_YHAT);
        return ev.rowSums(t, POINTS, CLASSES);
    }

    /** The probe's ŷ as (p_j, 1 − p_j) rows, float32 values (for tests and for evaluating losses elsewhere on it). */
    public static double[][] probeYhat() {
        double[][] out = new double[POINTS][];
        for (int j = 0; j < POINTS; j++) {
            out[j] = new double[] {PROBE_YHAT[2 * j], PROBE_YHAT[2 * j + 1]};
        }
        return out;
    }

    /** The rules of §3.1 on a curve of {@value #POINTS} values. */
    public static Verdict judge(double[] l) {
        int n = l.length;
        if (n != POINTS) {
            throw new IllegalArgumentException("the probe curve has " + POINTS + " points, got " + n);
        }
        int argMin = 0;
        int argMax = 0;
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(l[j])) {
                return Verdict.reject("not finite on the probe (" + l[j] + " at true-class probability "
                        + String.format(java.util.Locale.ROOT, "%.3g", 1 - PROBE_YHAT[2 * j]) + ")");
            }
            if (l[j] < l[argMin]) {
                argMin = j;
            }
            if (l[j] > l[argMax]) {
                argMax = j;
            }
        }
        if (argMin >= 490 && argMin < 510) {
            return Verdict.reject("its minimum is at true-class probability ≈ 0.5 (probe point " + argMin + " of 1000)");
        }
        if (argMax >= 490 && argMax < 510) {
            return Verdict.reject("its maximum is at true-class probability ≈ 0.5 (probe point " + argMax + " of 1000)");
        }
        int steps = n - 1;
        int[] t = new int[steps];
        int rising = 0;
        int falling = 0;
        for (int j = 0; j < steps; j++) {
            t[j] = l[j + 1] > l[j] ? 1 : l[j + 1] < l[j] ? -1 : 0;
            if (t[j] > 0) {
                rising++;
            } else if (t[j] < 0) {
                falling++;
            }
        }
        if (falling == steps) {
            return passed(l, true);
        }
        if (rising == steps) {
            return passed(l, false);
        }
        int flat = steps - rising - falling;
        if (flat == steps) {
            return Verdict.reject("constant on the probe");
        }
        if (flat > 10) {
            return Verdict.reject("plateaus: " + flat + " of the 999 probe steps are flat (at most 10 may be)");
        }
        // each flat step takes the sign of the nearest non-flat step to its left, cyclically (np.roll)
        int anchor = steps - 1;
        while (t[anchor] == 0) {
            anchor--;
        }
        int last = t[anchor];
        for (int j = 0; j < steps; j++) {
            if (t[j] == 0) {
                t[j] = last;
            } else {
                last = t[j];
            }
        }
        int changes = 0;
        for (int j = 0; j < steps; j++) {
            if (t[(j + steps - 1) % steps] != t[j]) {
                changes++;
            }
        }
        if (changes > 2) {
            return Verdict.reject("its slope changes sign " + changes + " times around the probe (at most 2: one turning point)");
        }
        return passed(l, t[2] != -1);
    }

    private static Verdict passed(double[] l, boolean flip) {
        return new Verdict(true, null, flip, normalise(l, flip));
    }

    /** min–max normalisation in float32, of −L when flipped; unchanged when max − min &lt; 1e-4. */
    static float[] normalise(double[] l, boolean flip) {
        int n = l.length;
        float[] q = new float[n];
        float mn = Float.POSITIVE_INFINITY;
        float mx = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            q[j] = (float) (flip ? -l[j] : l[j]);
            mn = Math.min(mn, q[j]);
            mx = Math.max(mx, q[j]);
        }
        float range = mx - mn;
        if (Math.abs(range) < 1e-4) {
            return q;
        }
        for (int j = 0; j < n; j++) {
            q[j] = (q[j] - mn) / range;
        }
        return q;
    }

    /** Euclidean distance between two phenotypes (the de-duplication test compares it with 0.01). */
    public static double distance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = (double) a[j] - b[j];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
