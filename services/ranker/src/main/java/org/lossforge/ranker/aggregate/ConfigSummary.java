package org.lossforge.ranker.aggregate;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

import org.lossforge.ranker.stats.Summary;
import org.lossforge.schemas.MetricNames;

/**
 * What the ranker keeps per configuration besides its trials: the identity, OK and FAILED counts, the latest
 * {@code evaluatedAt}, and per metric the moments of its finite values over the OK trials (count, mean, sum of
 * squared deviations, min, max). Its size does not grow with the trials, so folding an evaluation in costs the same
 * at the 1st trial and the 1,000th; the trials themselves live in their own store, one record each
 * ({@code TrialDeduplicator}).
 *
 * <ul>
 *   <li>{@link TrialChange#added()}: Welford's update of every metric's moments (one pass, no values kept);</li>
 *   <li>{@link TrialChange#recount()}: a trial was replaced by a later evaluation of it. Removing a value from min and
 *       max is not possible, so every moment is computed again from all the configuration's trials, two-pass as
 *       {@link Summary#of} does (re-evaluations are rare).</li>
 * </ul>
 * The statistics equal {@link Summary#of} over the same values up to rounding (a running mean differs in the last
 * bits, and with the arrival order: e2e checks hold them to core's within 1e-9). Not thread safe.
 */
public final class ConfigSummary {

    static final int M = MetricNames.ALL.size();

    ConfigIdentity identity;
    int ok;
    int failed;
    long lastEvaluatedAtMs;
    final int[] n = new int[M];
    final double[] mean = new double[M];
    final double[] m2 = new double[M];
    final double[] min = new double[M];
    final double[] max = new double[M];

    /** Nothing yet: identity from the first change applied. */
    public ConfigSummary() {
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** The summary of an aggregate's trials (what {@link #apply} reaches, computed in one go). */
    public static ConfigSummary of(ConfigAggregate a) {
        ConfigSummary s = new ConfigSummary();
        s.identity = a.identity();
        s.recount(a.trialList());
        return s;
    }

    /** Folds a change in and returns this summary (the shape of a Kafka Streams aggregator). */
    public ConfigSummary apply(TrialChange c) {
        Objects.requireNonNull(c, "change");
        identity = ConfigIdentity.merge(identity, c.identity());
        if (c.recount() != null) {
            recount(c.recount());
        } else {
            add(c.added());
        }
        return this;
    }

    private void add(TrialOutcome t) {
        lastEvaluatedAtMs = Math.max(lastEvaluatedAtMs, t.evaluatedAtMs());
        if (!t.ok()) {
            failed++;
            return;
        }
        ok++;
        for (int i = 0; i < M; i++) {
            double v = t.metricAt(i);
            if (Double.isFinite(v)) {
                int k = ++n[i];
                double d = v - mean[i];
                mean[i] += d / k;
                m2[i] += d * (v - mean[i]);
                min[i] = Math.min(min[i], v);
                max[i] = Math.max(max[i], v);
            }
        }
    }

    private void recount(Collection<TrialOutcome> trials) {
        ok = 0;
        failed = 0;
        lastEvaluatedAtMs = 0;
        for (TrialOutcome t : trials) {
            lastEvaluatedAtMs = Math.max(lastEvaluatedAtMs, t.evaluatedAtMs());
            if (t.ok()) {
                ok++;
            } else {
                failed++;
            }
        }
        for (int i = 0; i < M; i++) {
            int metric = i;
            Summary.Moments m = Summary.moments(trials.stream().filter(TrialOutcome::ok)
                    .mapToDouble(t -> t.metricAt(metric)).toArray());
            n[i] = m.n();
            mean[i] = m.mean();
            m2[i] = m.m2();
            min[i] = m.min();
            max[i] = m.max();
        }
    }

    /** Metric number {@code i} (in {@link MetricNames#ALL} order) over the OK trials. */
    public Summary stats(int i) {
        return Summary.fromMoments(n[i], mean[i], m2[i], min[i], max[i]);
    }

    public boolean isEmpty() {
        return ok + failed == 0;
    }

    public int okCount() {
        return ok;
    }

    public int failedCount() {
        return failed;
    }

    public long lastEvaluatedAtMs() {
        return lastEvaluatedAtMs;
    }

    /** Null while empty. */
    public ConfigIdentity identity() {
        return identity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigSummary s && Objects.equals(s.identity, identity) && s.ok == ok && s.failed == failed && s.lastEvaluatedAtMs == lastEvaluatedAtMs
                && Arrays.equals(s.n, n) && Arrays.equals(s.mean, mean) && Arrays.equals(s.m2, m2)
                && Arrays.equals(s.min, min) && Arrays.equals(s.max, max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identity, ok, failed, lastEvaluatedAtMs);
    }

    @Override
    public String toString() {
        return "ConfigSummary[" + identity + ", " + ok + " ok, " + failed + " failed]";
    }
}
