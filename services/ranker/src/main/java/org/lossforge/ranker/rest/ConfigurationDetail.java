package org.lossforge.ranker.rest;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lossforge.ranker.aggregate.ConfigAggregate;
import org.lossforge.ranker.aggregate.ConfigIdentity;
import org.lossforge.ranker.aggregate.TrialOutcome;
import org.lossforge.schemas.MetricNames;

/**
 * The answer of {@code GET /leaderboards/{study}/configuration}: one configuration's aggregate as the partitioned
 * stores {@code ranker-summaries} and {@code ranker-trials} hold it, every trial counted, and who served it. Also the body of the internal
 * {@code GET /internal/aggregates} that one instance asks another (so a forwarded answer is passed on as it came).
 *
 * @param key      the configuration key ({@code Keys.config})
 * @param count    OK trials
 * @param failed   FAILED trials
 * @param trials   every trial, by seed index then trial id
 * @param servedBy the {@code application.server} (host:port) of the instance that read its own store
 * @param stale    true when it was read with stale stores allowed (a standby, or an active store restoring or
 *                 rebalancing): it may lag the latest committed evaluations
 */
public record ConfigurationDetail(String key, String studyId, String benchmark, String dataset, int trainSize,
                                  String loss, String candidateId, String evalMetric, int count, int failed,
                                  List<Trial> trials, String servedBy, boolean stale) {

    /**
     * One trial as the aggregate keeps it.
     *
     * @param status      OK or FAILED
     * @param evaluatedAt ISO-8601 instant
     * @param metrics     every metric of {@link MetricNames#ALL}, in that order; null where NaN (a FAILED trial, or a
     *                    metric this kind of evaluation does not report), since JSON has no NaN
     */
    public record Trial(String trialId, int seedIndex, String status, String evaluatedAt, Map<String, Double> metrics) {

        static Trial of(TrialOutcome t) {
            double[] values = t.metrics();
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                metrics.put(MetricNames.ALL.get(i), Double.isFinite(values[i]) ? values[i] : null);
            }
            return new Trial(t.trialId(), t.seedIndex(), t.ok() ? "OK" : "FAILED",
                    Instant.ofEpochMilli(t.evaluatedAtMs()).toString(), metrics);
        }
    }

    public static ConfigurationDetail of(String key, ConfigAggregate a, String servedBy, boolean stale) {
        List<Trial> trials = a.trialList().stream()
                .sorted(Comparator.comparingInt(TrialOutcome::seedIndex).thenComparing(TrialOutcome::trialId))
                .map(Trial::of).toList();
        ConfigIdentity id = a.identity();
        return new ConfigurationDetail(key, id.studyId(), id.benchmark(), id.dataset(), id.trainSize(), id.loss(),
                id.candidateId(), id.evalMetric(), a.okCount(), a.failedCount(), trials, servedBy, stale);
    }
}
