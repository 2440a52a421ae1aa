package org.lossforge.ranker.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.MetricStats;

/**
 * Ranks a study's leaderboard entries at query time (nothing is pre-ranked in state, so a configuration whose mean
 * falls moves down immediately, and no single key holds a whole top-N).
 *
 * <p>Entries are filtered, grouped by (benchmark, dataset, trainSize) unless the query says otherwise, and sorted within
 * a group by the metric's mean in the query's order. Entries without a mean (no OK trial yet) come last whatever the
 * order. Equal means share a rank (competition ranking: 1, 2, 2, 4) and are listed by loss text, so the answer is
 * deterministic. Groups are listed by benchmark, dataset, then train size.
 */
public final class Ranking {

    private Ranking() {
    }

    /** One ranked configuration: its rank, counts and the chosen metric's statistics (null where NaN). */
    public record Row(int rank, String loss, String candidateId, int count, int failed, Integer expected, Double mean,
                      Double std, Double ci95Low, Double ci95High, Double min, Double max, String benchmark,
                      String dataset, int trainSize, String evalMetric, String updatedAt) {
    }

    /** The ranked rows of one setting; benchmark, dataset and trainSize are null in an ungrouped ranking. */
    public record Group(String benchmark, String dataset, Integer trainSize, List<Row> entries) {
    }

    public static List<Group> rank(Collection<LeaderboardEntry> entries, RankQuery q) {
        Map<List<Object>, List<LeaderboardEntry>> groups = new LinkedHashMap<>();
        entries.stream()
                .filter(e -> q.benchmark() == null || q.benchmark().equals(e.getBenchmark()))
                .filter(e -> q.dataset() == null || q.dataset().equals(e.getDataset()))
                .filter(e -> q.trainSize() == null || q.trainSize() == e.getTrainSize())
                .sorted(Comparator.comparing(LeaderboardEntry::getBenchmark).thenComparing(LeaderboardEntry::getDataset)
                        .thenComparingInt(LeaderboardEntry::getTrainSize))
                .forEach(e -> groups.computeIfAbsent(q.grouped()
                        ? List.of(e.getBenchmark(), e.getDataset(), e.getTrainSize()) : List.of(), k -> new ArrayList<>()).add(e));
        List<Group> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<LeaderboardEntry>> g : groups.entrySet()) {
            List<Object> k = g.getKey();
            out.add(new Group(k.isEmpty() ? null : (String) k.get(0), k.isEmpty() ? null : (String) k.get(1),
                    k.isEmpty() ? null : (Integer) k.get(2), rows(g.getValue(), q)));
        }
        return out;
    }

    static List<Row> rows(List<LeaderboardEntry> entries, RankQuery q) {
        String metric = q.metric().name();
        Comparator<Double> byMean = q.order() == SortOrder.ASC ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<LeaderboardEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.<LeaderboardEntry, Double>comparing(e -> mean(e, metric), Comparator.nullsLast(byMean))
                .thenComparing(LeaderboardEntry::getLoss)
                .thenComparing(e -> e.getBenchmark() + "/" + e.getDataset() + "/" + e.getTrainSize()));
        List<Row> rows = new ArrayList<>(sorted.size());
        Double previous = null;
        int rank = 0;
        for (int i = 0; i < sorted.size(); i++) {
            LeaderboardEntry e = sorted.get(i);
            Double mean = mean(e, metric);
            if (i == 0 || mean == null || !mean.equals(previous)) {
                rank = i + 1;
            }
            previous = mean;
            MetricStats s = e.getMetrics().get(metric);
            rows.add(new Row(rank, e.getLoss(), e.getCandidateId(), e.getCount(), e.getFailed(), e.getExpected(), mean,
                    s == null ? null : finite(s.getStd()), s == null ? null : finite(s.getCi95Low()),
                    s == null ? null : finite(s.getCi95High()), s == null ? null : finite(s.getMin()),
                    s == null ? null : finite(s.getMax()), e.getBenchmark(), e.getDataset(), e.getTrainSize(),
                    e.getEvalMetric(), e.getUpdatedAt() == null ? null : e.getUpdatedAt().toString()));
        }
        return rows;
    }

    /** The entry's mean of {@code metric}, or null when absent or NaN. */
    static Double mean(LeaderboardEntry e, String metric) {
        MetricStats s = e.getMetrics().get(metric);
        return s == null ? null : finite(s.getMean());
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
