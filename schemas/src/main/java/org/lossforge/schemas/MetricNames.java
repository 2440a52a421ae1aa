package org.lossforge.schemas;

import java.util.List;

/**
 * The metric names of {@link Evaluation} (its double fields; {@code bestTestError} is set only for search progress),
 * used as keys of {@link LeaderboardEntry#getMetrics()}.
 */
public final class MetricNames {
    private MetricNames() {}

    public static final List<String> ALL = List.of(
            "kendallTauB", "spearman", "p05", "p1", "p5", "p10", "n1", "n5", "n10", "regret10", "bestTestError", "fitness",
            "trainSeconds");
}
