package org.lossforge.ranker.streams;

import org.lossforge.ranker.aggregate.TrialOutcome;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.MetricNames;

/**
 * What must hold for an evaluation to be aggregated under its record key: a value (not a tombstone), and a key equal
 * to the configuration key its own fields give ({@link Keys#config(Evaluation)}). The aggregate is per record key, so
 * a record whose key does not name its configuration would be summarised under another configuration's entry.
 *
 * <p>An {@code OK} evaluation must also carry results: no metric infinite ({@code NON_FINITE_METRIC}; no evaluator
 * writes one, and the summaries would skip it while counting the trial as OK), and at least one metric with a value
 * ({@code NO_METRIC}; a metric a kind of evaluation does not report is NaN, but a trial with no result at all is
 * {@code FAILED}, with its error). Without this an OK trial with nothing in it raised a configuration's count.
 */
public final class EvaluationCheck {

    private EvaluationCheck() {
    }

    /** Why the record cannot be aggregated, or null when it can. */
    public static String problem(String key, Evaluation e) {
        if (e == null) {
            return "null value (a tombstone) on " + "lossforge.evaluations.v1, which has no deletes";
        }
        String config;
        try {
            config = Keys.config(e);
        } catch (IllegalArgumentException bad) {
            return "invalid evaluation fields: " + bad.getMessage();
        }
        if (key == null) {
            return "no record key; expected the configuration key '" + config + "'";
        }
        if (!key.equals(config)) {
            return "record key '" + key + "' is not the evaluation's configuration key '" + config + "'";
        }
        if (e.getTrialId() == null || e.getTrialId().isBlank()) {
            return "empty trialId";
        }
        if (e.getStatus() == EvaluationStatus.OK) {
            boolean any = false;
            for (String m : MetricNames.ALL) {
                double v = TrialOutcome.metric(e, m);
                if (Double.isInfinite(v)) {
                    return "NON_FINITE_METRIC: status OK but " + m + " is " + v + " (trial " + e.getTrialId() + ")";
                }
                any |= !Double.isNaN(v);
            }
            if (!any) {
                return "NO_METRIC: status OK but no metric has a value (trial " + e.getTrialId()
                        + "); a trial without results is FAILED with its error";
            }
        }
        return null;
    }
}
