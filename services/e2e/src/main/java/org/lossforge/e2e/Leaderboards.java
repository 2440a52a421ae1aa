package org.lossforge.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.lossforge.core.study.TrialResult;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** The ranker's leaderboard of one study, read over its REST API ({@code GET /leaderboards/{study}}). */
public final class Leaderboards {

    private Leaderboards() {
    }

    /** One configuration's row for one metric. */
    public record Row(String loss, String candidateId, int trainSize, int count, int failed, Double mean, Double std) {
    }

    /**
     * The rows of {@code study} for {@code metric} (ungrouped), keyed by "trainSize/loss"; empty while the ranker has
     * no entry of the study (404) or its store is not queryable (503).
     */
    public static Map<String, Row> rows(String rankerUrl, String study, String metric) {
        Rest.Response r = Rest.get(rankerUrl + "/leaderboards/" + study + "?grouped=false&metric=" + metric);
        Map<String, Row> rows = new HashMap<>();
        if (r.status() == 404 || r.status() == 503) {
            return rows;
        }
        if (r.status() != 200) {
            throw new IllegalStateException("GET leaderboard " + study + ": " + r.status() + " " + r.body());
        }
        for (JsonNode group : r.json().get("groups")) {
            for (JsonNode e : group.get("entries")) {
                Row row = new Row(e.get("loss").asText(), e.get("candidateId").isNull() ? null : e.get("candidateId").asText(),
                        e.get("trainSize").asInt(), e.get("count").asInt(), e.get("failed").asInt(),
                        e.get("mean").isNull() ? null : e.get("mean").asDouble(),
                        e.get("std").isNull() ? null : e.get("std").asDouble());
                rows.put(row.trainSize() + "/" + row.loss(), row);
            }
        }
        return rows;
    }

    /** Polls (bounded) until the rows satisfy {@code done}; returns them. */
    public static Map<String, Row> await(String rankerUrl, String study, String metric,
                                         Predicate<Map<String, Row>> done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Row> rows = rows(rankerUrl, study, metric);
        while (!done.test(rows)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("leaderboard of " + study + " not complete within " + within + ": " + rows);
            }
            ServiceProcess.sleep(500);
            rows = rows(rankerUrl, study, metric);
        }
        return rows;
    }

    /**
     * The metrics a study's leaderboard ranks by, in the ranker's order, and the field of core's {@link TrialResult}
     * each comes from: what a test compares a leaderboard against core with.
     */
    public static final Map<String, ToDoubleFunction<TrialResult>> STUDY_METRICS;

    static {
        Map<String, ToDoubleFunction<TrialResult>> m = new java.util.LinkedHashMap<>();
        m.put("kendallTauB", TrialResult::tau);
        m.put("spearman", TrialResult::spearman);
        m.put("p05", TrialResult::p05);
        m.put("p1", TrialResult::p1);
        m.put("p5", TrialResult::p5);
        m.put("p10", TrialResult::p10);
        m.put("n1", TrialResult::n1);
        m.put("n5", TrialResult::n5);
        m.put("n10", TrialResult::n10);
        m.put("regret10", TrialResult::regret10);
        STUDY_METRICS = java.util.Collections.unmodifiableMap(m);
    }
}
