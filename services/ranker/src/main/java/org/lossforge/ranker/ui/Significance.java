package org.lossforge.ranker.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.lossforge.core.classify.PairedTests;

/**
 * Is a configuration's difference from the best of its setting significant? Paired over seeds: run k of every loss
 * of a study uses the same seed (same training sample, same initialisation seed), so the per-seed values of two
 * losses are paired observations, and the two-sided Wilcoxon signed-rank test (core's {@link PairedTests#wilcoxon},
 * exact up to 20 pairs) compares them. Only seeds both configurations have with a finite value are paired.
 *
 * <p>With few seeds no difference can be significant: five pairs give at best p = 0.0625, so at α = 0.05 a study
 * needs six or more seeds before any row loses its "not significantly worse than the best" marker. The page says so
 * rather than hiding the marker.
 */
public final class Significance {

    /** The default significance level (a config value of the page: {@code ?alpha=}). */
    public static final double DEFAULT_ALPHA = 0.05;

    private Significance() {
    }

    /**
     * One configuration against its setting's best.
     *
     * @param loss   the configuration's loss text
     * @param best   whether it is the best itself
     * @param pairs  seeds paired with the best
     * @param p      two-sided Wilcoxon p-value; null when nothing could be paired
     * @param differs true when p &lt; α: significantly different from (so worse than) the best; false means "not
     *               significantly worse than the best" (the page's ≈ marker), also when no pair exists
     */
    public record Verdict(String loss, boolean best, int pairs, Double p, boolean differs) {
    }

    /** The best configuration's own line: {@code seeds} finite values, nothing to compare. */
    public static Verdict ofBest(String loss, Map<Integer, Double> values) {
        int n = (int) values.values().stream().filter(v -> v != null && Double.isFinite(v)).count();
        return new Verdict(loss, true, n, null, false);
    }

    /**
     * @param best   the best configuration's per-seed values (seed index → value; non-finite values are ignored)
     * @param other  another configuration's
     */
    public static Verdict versusBest(String loss, Map<Integer, Double> best, Map<Integer, Double> other, double alpha) {
        List<Double> a = new ArrayList<>(), b = new ArrayList<>();
        for (Integer seed : new TreeSet<>(best.keySet())) {
            Double x = best.get(seed), y = other.get(seed);
            if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y)) {
                a.add(x);
                b.add(y);
            }
        }
        if (a.isEmpty()) {
            return new Verdict(loss, false, 0, null, false);
        }
        PairedTests.Wilcoxon w = PairedTests.wilcoxon(a.stream().mapToDouble(Double::doubleValue).toArray(),
                b.stream().mapToDouble(Double::doubleValue).toArray());
        return new Verdict(loss, false, a.size(), w.p(), w.p() < alpha);
    }
}
