package org.lossforge.ranker.query;

/**
 * What to rank: a metric and direction, optional filters on benchmark, dataset and train size (null = any), and
 * whether to rank within each (benchmark, dataset, trainSize) setting (grouped, the default: losses are compared where
 * they are comparable) or across all of the study's configurations at once.
 */
public record RankQuery(Metric metric, SortOrder order, String benchmark, String dataset, Integer trainSize,
                        boolean grouped) {

    public RankQuery {
        if (metric == null) {
            metric = Metric.DEFAULT;
        }
        if (order == null) {
            order = metric.defaultOrder();
        }
    }

    public static RankQuery of(Metric metric) {
        return new RankQuery(metric, null, null, null, null, true);
    }
}
