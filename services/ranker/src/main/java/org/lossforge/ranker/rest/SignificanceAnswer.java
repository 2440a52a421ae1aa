package org.lossforge.ranker.rest;

import java.util.List;

import org.lossforge.ranker.ui.Significance;

/**
 * The answer of {@code GET /leaderboards/{study}/significance}: per setting (benchmark, dataset, trainSize), the best
 * configuration by the metric's mean and, for every configuration, the paired Wilcoxon test of its per-seed values
 * against the best's ({@link Significance}).
 */
public record SignificanceAnswer(String study, String metric, String order, double alpha, List<Group> groups) {

    /** One setting; {@code best} is null when no configuration has a value yet. */
    public record Group(String benchmark, String dataset, int trainSize, String best, List<Significance.Verdict> verdicts) {
    }
}
