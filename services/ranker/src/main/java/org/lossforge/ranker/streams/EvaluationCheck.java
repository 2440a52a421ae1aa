package org.lossforge.ranker.streams;

import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.Keys;

/**
 * What must hold for an evaluation to be aggregated under its record key: a value (not a tombstone), and a key equal
 * to the configuration key its own fields give ({@link Keys#config(Evaluation)}). The aggregate is per record key, so
 * a record whose key does not name its configuration would be summarised under another configuration's entry.
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
        return null;
    }
}
