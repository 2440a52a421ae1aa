package org.lossforge.ranker.ui;

import java.util.Collection;

import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.MetricStats;

/**
 * What a leaderboard study id stands for, read off its entries (the ranker sees only entries, not requests): an NLFS
 * run writes benchmark {@code nlfs} ({@code SurrogateEvaluations}), a NAS search writes a finite {@code bestTestError} (one row
 * per method and number of queries), anything else is a loss study.
 */
public enum StudyKind {
    STUDY, SEARCH, NLFS;

    /** The benchmark name NLFS evaluations carry. */
    static final String NLFS_BENCHMARK = "nlfs";

    public static StudyKind of(Collection<LeaderboardEntry> entries) {
        for (LeaderboardEntry e : entries) {
            if (NLFS_BENCHMARK.equals(e.getBenchmark())) {
                return NLFS;
            }
            MetricStats s = e.getMetrics().get("bestTestError");
            if (s != null && Double.isFinite(s.getMean())) {
                return SEARCH;
            }
        }
        return STUDY;
    }

    /** The metric a page ranks this kind by unless asked otherwise. */
    public String defaultMetric() {
        return switch (this) {
            case STUDY -> "kendallTauB";
            case SEARCH -> "bestTestError";
            case NLFS -> "fitness";
        };
    }
}
