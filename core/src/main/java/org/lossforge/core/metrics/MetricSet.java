package org.lossforge.core.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes every reported metric for one predictor in one call, the same way for every predictor:
 * n, Kendall τ_b, Spearman ρ, precision@T for each T, N@K for each K and top-K regret for each K.
 * The descending orders of truth and pred (and the true competition ranks) are computed once and shared.
 *
 * <p>Unlike the individual metrics, a MetricSet is lenient about sizes so that one report shape fits every n:
 * a precision@T whose k = floor(n·T/100) would be 0, and an N@K or regret@K with K &gt; n, are reported as
 * {@link Double#NaN} (see {@link MetricReport}). Everything else behaves as the individual metrics: invalid
 * input (empty, length mismatch, NaN/infinite) and constant truth or pred throw
 * {@link IllegalArgumentException}.
 */
public final class MetricSet {

    /** The standard set: P@T for T ∈ {0.5, 1, 5, 10}, N@K for K ∈ {1, 5, 10}, regret@K for K = 10. */
    private static final MetricSet STANDARD = new MetricSet(List.of(0.5, 1.0, 5.0, 10.0), List.of(1, 5, 10), List.of(10));

    private final List<Double> precisionPercents;
    private final List<Integer> nAtKs;
    private final List<Integer> regretKs;

    /** A custom set; reports list keys in the order given here. */
    public MetricSet(List<Double> precisionPercents, List<Integer> nAtKs, List<Integer> regretKs) {
        for (double t : precisionPercents) {
            new PrecisionAtT(t); // validates T
        }
        for (int k : nAtKs) {
            new NAtK(k);
        }
        for (int k : regretKs) {
            new TopKRegret(k);
        }
        this.precisionPercents = List.copyOf(precisionPercents);
        this.nAtKs = List.copyOf(nAtKs);
        this.regretKs = List.copyOf(regretKs);
    }

    /** P@T for T ∈ {0.5, 1, 5, 10}, N@K for K ∈ {1, 5, 10}, regret@K for K = 10. */
    public static MetricSet standard() {
        return STANDARD;
    }

    public List<Double> precisionPercents() {
        return precisionPercents;
    }

    public List<Integer> nAtKs() {
        return nAtKs;
    }

    public List<Integer> regretKs() {
        return regretKs;
    }

    public MetricReport compute(double[] truth, double[] pred) {
        Ranks.requireValid(truth, pred);
        int n = truth.length;
        double tau = KendallTauB.of(truth, pred);

        int[] truthOrder = Ranks.descendingOrder(truth);
        int[] predOrder = Ranks.descendingOrder(pred);
        double rho = Spearman.fromOrders(truth, pred, truthOrder, predOrder);

        Map<Double, Double> precision = new LinkedHashMap<>();
        for (double t : precisionPercents) {
            int k = PrecisionAtT.k(n, t);
            precision.put(t, k == 0 ? Double.NaN : PrecisionAtT.overlap(truthOrder, predOrder, k));
        }

        int[] trueRank = Ranks.competitionRanks(truth, truthOrder);
        Map<Integer, Double> nAt = new LinkedHashMap<>();
        for (int k : nAtKs) {
            nAt.put(k, k > n ? Double.NaN : (double) NAtK.of(trueRank, predOrder, k));
        }

        double maxTruth = truth[truthOrder[0]];
        Map<Integer, Double> regret = new LinkedHashMap<>();
        for (int k : regretKs) {
            regret.put(k, k > n ? Double.NaN : TopKRegret.of(truth, maxTruth, predOrder, k));
        }
        return new MetricReport(n, tau, rho, precision, nAt, regret);
    }
}
