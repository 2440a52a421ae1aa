package org.lossforge.ranker.rest;

import java.util.List;

import org.lossforge.ranker.query.Ranking;

/**
 * The answer of {@code GET /leaderboards/{study}}: the query as understood (metric name, order, filters, grouping),
 * how many configurations matched, and the ranked groups.
 */
public record Leaderboard(String study, String metric, String order, String benchmark, String dataset,
                          Integer trainSize, boolean grouped, int configurations, List<Ranking.Group> groups) {
}
