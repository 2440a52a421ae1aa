package org.lossforge.ranker.aggregate;

import java.util.Arrays;

import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.MetricNames;

/**
 * What the aggregate keeps of one trial: enough to de-duplicate it and to recompute every statistic.
 *
 * @param trialId         the idempotence key ({@code Keys.trialId})
 * @param seedIndex       0-based seed index within the configuration
 * @param ok              status OK (false: FAILED)
 * @param evaluatedAtMs   when the evaluation was computed; a later evaluation of the same trial replaces this one
 * @param metrics         the metric values in {@link MetricNames#ALL} order (NaN for a FAILED trial)
 */
public record TrialOutcome(String trialId, int seedIndex, boolean ok, long evaluatedAtMs, double[] metrics) {

    public TrialOutcome {
        if (trialId == null || trialId.isEmpty()) {
            throw new IllegalArgumentException("empty trialId");
        }
        if (metrics.length != MetricNames.ALL.size()) {
            throw new IllegalArgumentException("expected " + MetricNames.ALL.size() + " metric values, got " + metrics.length);
        }
        metrics = metrics.clone();
    }

    /** The trial as an {@link Evaluation} reports it. */
    public static TrialOutcome of(Evaluation e) {
        double[] m = new double[MetricNames.ALL.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = metric(e, MetricNames.ALL.get(i));
        }
        return new TrialOutcome(e.getTrialId(), e.getSeedIndex(), e.getStatus() == EvaluationStatus.OK,
                e.getEvaluatedAt().toEpochMilli(), m);
    }

    /** The value of {@code e}'s metric field named {@code name} (one of {@link MetricNames#ALL}). */
    public static double metric(Evaluation e, String name) {
        return switch (name) {
            case "kendallTauB" -> e.getKendallTauB();
            case "spearman" -> e.getSpearman();
            case "p05" -> e.getP05();
            case "p1" -> e.getP1();
            case "p5" -> e.getP5();
            case "p10" -> e.getP10();
            case "n1" -> e.getN1();
            case "n5" -> e.getN5();
            case "n10" -> e.getN10();
            case "regret10" -> e.getRegret10();
            case "bestTestError" -> orNaN(e.getBestTestError());   // search progress
            case "fitness" -> orNaN(e.getFitness());               // NLFS: the surrogate's best validation accuracy
            case "trainSeconds" -> orNaN(e.getTrainSeconds());     // NLFS: the surrogate's wall time
            default -> throw new IllegalArgumentException("unknown metric " + name + "; known: " + MetricNames.ALL);
        };
    }

    /** An optional metric: null (not reported by this kind of evaluation) is NaN, like a FAILED trial's metrics. */
    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    @Override
    public double[] metrics() {
        return metrics.clone();
    }

    double metricAt(int i) {
        return metrics[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialOutcome t && t.trialId.equals(trialId) && t.seedIndex == seedIndex && t.ok == ok
                && t.evaluatedAtMs == evaluatedAtMs && Arrays.equals(t.metrics, metrics);   // bitwise: NaN equals NaN
    }

    @Override
    public int hashCode() {
        return trialId.hashCode() * 31 + Long.hashCode(evaluatedAtMs);
    }

    @Override
    public String toString() {
        return "TrialOutcome[" + trialId + ", seed " + seedIndex + ", " + (ok ? "OK" : "FAILED") + ", at " + evaluatedAtMs
                + ", " + Arrays.toString(metrics) + "]";
    }
}
