package org.lossforge.ranker.aggregate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.lossforge.schemas.Evaluation;

/**
 * The running state of one configuration ({@code studyId/benchmark/dataset/trainSize/loss}): its identity and every
 * trial seen so far, by {@code trialId}. Keeping the per-trial values (not running sums) is what makes it idempotent:
 *
 * <ul>
 *   <li>a trial id seen for the first time is added ({@link Outcome#ADDED});</li>
 *   <li>the same trial evaluated again <em>later</em> (a larger {@code evaluatedAt}) replaces the earlier outcome
 *       ({@link Outcome#REPLACED}): a re-evaluation, e.g. after a fix, counts once, with its newest values;</li>
 *   <li>the same trial with the same {@code evaluatedAt} is a redelivery or a duplicate ({@link Outcome#DUPLICATE}) and
 *       one with an older {@code evaluatedAt} arrived out of order ({@link Outcome#STALE}): both change nothing.</li>
 * </ul>
 * The result does not depend on how often a record is delivered, and for distinct timestamps not on the order either.
 * Not thread safe. The service does not keep this object: it keeps the trials one record each and a constant-size
 * {@link ConfigSummary} (see {@code TrialDeduplicator}), and builds a ConfigAggregate to answer a configuration's
 * query; tests and {@link LeaderboardEntries#of(ConfigAggregate)} use it as the plain statement of the rule.
 */
public final class ConfigAggregate {

    /** What {@link #apply} did with an evaluation. */
    public enum Outcome {
        ADDED, REPLACED, DUPLICATE, STALE;

        /** Whether the aggregate changed (and a new leaderboard entry is due). */
        public boolean changed() {
            return this == ADDED || this == REPLACED;
        }
    }

    private ConfigIdentity identity;
    private final TreeMap<String, TrialOutcome> trials = new TreeMap<>();

    /** An empty aggregate; its identity is taken from the first evaluation applied. */
    public ConfigAggregate() {
    }

    /** An aggregate of known trials (what a configuration query builds from the stores). */
    public ConfigAggregate(ConfigIdentity identity, Collection<TrialOutcome> trials) {
        this.identity = identity;
        for (TrialOutcome t : trials) {
            this.trials.put(t.trialId(), t);
        }
    }

    /** Folds one evaluation of this configuration in; see the class comment for the de-duplication rule. */
    public Outcome apply(Evaluation e) {
        Objects.requireNonNull(e, "evaluation");
        TrialOutcome incoming = TrialOutcome.of(e);
        Outcome outcome = outcome(trials.get(incoming.trialId()), incoming);
        if (!outcome.changed()) {
            return outcome;
        }
        trials.put(incoming.trialId(), incoming);
        identity = ConfigIdentity.merge(identity, ConfigIdentity.of(e));
        return outcome;
    }

    /**
     * The de-duplication rule for one trial id: what an evaluation {@code incoming} does when {@code known} (null if
     * none) is the one kept so far.
     */
    public static Outcome outcome(TrialOutcome known, TrialOutcome incoming) {
        if (known == null) {
            return Outcome.ADDED;
        }
        if (incoming.evaluatedAtMs() > known.evaluatedAtMs()) {
            return Outcome.REPLACED;
        }
        return incoming.evaluatedAtMs() == known.evaluatedAtMs() ? Outcome.DUPLICATE : Outcome.STALE;
    }

    public boolean isEmpty() {
        return trials.isEmpty();
    }

    /** OK trials, each trial id once. */
    public int okCount() {
        return (int) trials.values().stream().filter(TrialOutcome::ok).count();
    }

    /** FAILED trials, each trial id once. */
    public int failedCount() {
        return trials.size() - okCount();
    }

    /** The values of metric number {@code index} (in {@code MetricNames.ALL} order) over the OK trials. */
    public double[] okValues(int index) {
        return trials.values().stream().filter(TrialOutcome::ok).mapToDouble(t -> t.metricAt(index)).toArray();
    }

    /** The latest {@code evaluatedAt} among the trials (0 when empty). */
    public long lastEvaluatedAtMs() {
        return trials.values().stream().mapToLong(TrialOutcome::evaluatedAtMs).max().orElse(0);
    }

    /** The trials, by trial id. */
    public Map<String, TrialOutcome> trials() {
        return Collections.unmodifiableMap(trials);
    }

    public Collection<TrialOutcome> trialList() {
        return new ArrayList<>(trials.values());
    }

    /** Null while empty. */
    public ConfigIdentity identity() {
        return identity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigAggregate a && Objects.equals(a.identity, identity) && a.trials.equals(trials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identity, trials.keySet());
    }

    @Override
    public String toString() {
        return "ConfigAggregate[" + identity + ", " + okCount() + " ok, " + failedCount() + " failed]";
    }
}
