package org.lossforge.ranker.aggregate;

import java.util.List;

import org.lossforge.schemas.Evaluation;

/**
 * What one evaluation changed in its configuration, as {@code TrialDeduplicator} passes it to the summary
 * ({@link ConfigSummary#apply}): the configuration's identity as the evaluation states it, and either the trial it
 * added or, when it replaced an earlier evaluation of the same trial, every trial of the configuration now (to count
 * again). Duplicates and stale re-deliveries change nothing and make no change. Passed between two processors of the
 * same task, never serialized.
 *
 * @param added   the new trial (null when {@code recount} is given)
 * @param recount all the configuration's trials after a replacement (null when {@code added} is given)
 */
public record TrialChange(ConfigIdentity identity, TrialOutcome added, List<TrialOutcome> recount) {

    public TrialChange {
        if ((added == null) == (recount == null)) {
            throw new IllegalArgumentException("a change adds one trial or recounts all of them");
        }
        recount = recount == null ? null : List.copyOf(recount);
    }

    /** {@code e} added {@code trial} (its first evaluation). */
    public static TrialChange added(Evaluation e, TrialOutcome trial) {
        return new TrialChange(ConfigIdentity.of(e), trial, null);
    }

    /** {@code e} replaced an earlier evaluation of its trial; {@code trials} is every trial of the configuration now. */
    public static TrialChange recount(Evaluation e, List<TrialOutcome> trials) {
        return new TrialChange(ConfigIdentity.of(e), null, trials);
    }
}
