package org.lossforge.ranker.aggregate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.lossforge.ranker.stats.Summary;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.MetricNames;
import org.lossforge.schemas.MetricStats;

/** Derives the schemas' {@link LeaderboardEntry} of a configuration from its {@link ConfigAggregate}. */
public final class LeaderboardEntries {

    private LeaderboardEntries() {
    }

    /**
     * The entry of {@code a}: OK and FAILED counts, and for every metric of {@link MetricNames#ALL} its {@link Summary}
     * over the OK trials (all NaN when there is none). {@code expected} is unknown to the ranker (null).
     * {@code updatedAt} is the latest {@code evaluatedAt} folded in, not the wall clock, so re-processing the same
     * evaluations produces the same entry, byte for byte.
     */
    public static LeaderboardEntry of(ConfigAggregate a) {
        if (a.isEmpty()) {
            throw new IllegalArgumentException("no trials yet: an empty aggregate has no entry");
        }
        return of(ConfigSummary.of(a));
    }

    /** The entry of a running summary; as {@link #of(ConfigAggregate)}. */
    public static LeaderboardEntry of(ConfigSummary s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no trials yet: an empty summary has no entry");
        }
        Map<String, MetricStats> metrics = new LinkedHashMap<>();
        for (int i = 0; i < MetricNames.ALL.size(); i++) {
            metrics.put(MetricNames.ALL.get(i), stats(s.stats(i)));
        }
        ConfigIdentity id = s.identity();
        return LeaderboardEntry.newBuilder()
                .setStudyId(id.studyId())
                .setBenchmark(id.benchmark())
                .setDataset(id.dataset())
                .setTrainSize(id.trainSize())
                .setLoss(id.loss())
                .setCandidateId(id.candidateId())
                .setCount(s.okCount())
                .setFailed(s.failedCount())
                .setExpected(null)
                .setMetrics(metrics)
                .setEvalMetric(id.evalMetric())
                .setUpdatedAt(Instant.ofEpochMilli(s.lastEvaluatedAtMs()))
                .build();
    }

    public static MetricStats stats(Summary s) {
        return MetricStats.newBuilder().setMean(s.mean()).setStd(s.std()).setCi95Low(s.ci95Low())
                .setCi95High(s.ci95High()).setMin(s.min()).setMax(s.max()).build();
    }
}
