package org.lossforge.ranker.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.MetricNames;
import org.lossforge.schemas.MetricStats;

/**
 * A {@link LeaderboardEntry} as JSON (the SSE feed's events): Avro records do not map cleanly to JSON, and JSON has no
 * NaN, so statistics that are NaN (no OK trial yet) are null.
 */
public record EntryView(String studyId, String benchmark, String dataset, int trainSize, String loss,
                        String candidateId, int count, int failed, Integer expected, String evalMetric, String updatedAt,
                        Map<String, Stats> metrics) {

    /** One metric's statistics; null where NaN. */
    public record Stats(Double mean, Double std, Double ci95Low, Double ci95High, Double min, Double max) {

        static Stats of(MetricStats s) {
            return new Stats(f(s.getMean()), f(s.getStd()), f(s.getCi95Low()), f(s.getCi95High()), f(s.getMin()),
                    f(s.getMax()));
        }

        private static Double f(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    public static EntryView of(LeaderboardEntry e) {
        Map<String, Stats> metrics = new LinkedHashMap<>();
        for (String name : MetricNames.ALL) {
            MetricStats s = e.getMetrics().get(name);
            if (s != null) {
                metrics.put(name, Stats.of(s));
            }
        }
        return new EntryView(e.getStudyId(), e.getBenchmark(), e.getDataset(), e.getTrainSize(), e.getLoss(),
                e.getCandidateId(), e.getCount(), e.getFailed(), e.getExpected(), e.getEvalMetric(),
                e.getUpdatedAt() == null ? null : e.getUpdatedAt().toString(), metrics);
    }
}
