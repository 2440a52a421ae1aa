package org.lossforge.ranker.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.ranker.Fixtures.T0;
import static org.lossforge.ranker.Fixtures.at;
import static org.lossforge.ranker.Fixtures.failed;
import static org.lossforge.ranker.Fixtures.nlfs;
import static org.lossforge.ranker.Fixtures.nlfsFailed;
import static org.lossforge.ranker.Fixtures.ok;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.lossforge.ranker.aggregate.ConfigAggregate.Outcome;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.MetricNames;
import org.lossforge.schemas.MetricStats;

/** De-duplication by trialId, failed counting, and the entry's statistics, computed by hand. */
class ConfigAggregateTest {

    @Test
    void eachTrialCountsOnceWhateverTheRedeliveries() {
        ConfigAggregate a = new ConfigAggregate();
        assertEquals(Outcome.ADDED, a.apply(ok("s1", "hr", 0, 0.5)));
        assertEquals(Outcome.ADDED, a.apply(ok("s1", "hr", 1, 0.7)));
        assertEquals(Outcome.DUPLICATE, a.apply(ok("s1", "hr", 0, 0.5)), "redelivered");
        assertEquals(Outcome.DUPLICATE, a.apply(ok("s1", "hr", 1, 0.7)), "redelivered");
        assertEquals(2, a.okCount());
        assertEquals(0, a.failedCount());
        assertArrayEquals(new double[] {0.5, 0.7}, a.okValues(0));
        assertFalse(Outcome.DUPLICATE.changed());
        assertTrue(Outcome.ADDED.changed());
    }

    @Test
    void aLaterReEvaluationReplacesAnOlderOneIsIgnored() {
        ConfigAggregate a = new ConfigAggregate();
        a.apply(ok("s1", "hr", 0, 0.5));
        var newer = at(ok("s1", "hr", 0, 0.9), T0.plusSeconds(3600));
        assertEquals(Outcome.REPLACED, a.apply(newer));
        assertEquals(Outcome.STALE, a.apply(ok("s1", "hr", 0, 0.1)), "older than the kept one");
        assertEquals(1, a.okCount());
        assertArrayEquals(new double[] {0.9}, a.okValues(0));
        assertEquals(T0.plusSeconds(3600).toEpochMilli(), a.lastEvaluatedAtMs());
    }

    @Test
    void failedTrialsCountSeparatelyAndCanBeReEvaluated() {
        ConfigAggregate a = new ConfigAggregate();
        a.apply(ok("s1", "hr", 0, 0.5));
        a.apply(failed("s1", "hr", 1));
        a.apply(failed("s1", "hr", 1));
        a.apply(failed("s1", "hr", 2));
        assertEquals(1, a.okCount());
        assertEquals(2, a.failedCount());
        assertArrayEquals(new double[] {0.5}, a.okValues(0), "failed trials carry no values");
        // seed 2 is retried and succeeds later: it moves from failed to ok
        assertEquals(Outcome.REPLACED, a.apply(at(ok("s1", "hr", 2, 0.6), T0.plusSeconds(100))));
        assertEquals(2, a.okCount());
        assertEquals(1, a.failedCount());
    }

    @Test
    void entryStatisticsByHand() {
        ConfigAggregate a = new ConfigAggregate();
        a.apply(ok("s1", "pw", 0, 0.2));
        a.apply(ok("s1", "pw", 1, 0.4));
        a.apply(ok("s1", "pw", 2, 0.6));
        a.apply(failed("s1", "pw", 3));
        a.apply(ok("s1", "pw", 1, 0.4));   // duplicate
        LeaderboardEntry e = LeaderboardEntries.of(a);
        assertEquals("s1", e.getStudyId());
        assertEquals("nb101", e.getBenchmark());
        assertEquals("cifar10", e.getDataset());
        assertEquals(100, e.getTrainSize());
        assertEquals("pw", e.getLoss());
        assertEquals(3, e.getCount());
        assertEquals(1, e.getFailed());
        assertNull(e.getExpected());
        assertEquals("val_accuracy", e.getEvalMetric());
        assertEquals(T0.plusSeconds(3), e.getUpdatedAt(), "latest evaluatedAt folded in, failed ones included");
        assertEquals(MetricNames.ALL, e.getMetrics().keySet().stream().sorted((x, y) ->
                MetricNames.ALL.indexOf(x) - MetricNames.ALL.indexOf(y)).toList());

        // kendallTauB: 0.2, 0.4, 0.6 -> mean 0.4, std sqrt((0.04 + 0 + 0.04) / 2) = 0.2,
        // half = t(.975, 2) * 0.2 / sqrt(3) = 4.3026527297 * 0.1154700538 = 0.4968275424
        MetricStats tau = e.getMetrics().get("kendallTauB");
        assertEquals(0.4, tau.getMean(), 1e-12);
        assertEquals(0.2, tau.getStd(), 1e-12);
        assertEquals(0.4 - 0.4968275424, tau.getCi95Low(), 1e-9);
        assertEquals(0.4 + 0.4968275424, tau.getCi95High(), 1e-9);
        assertEquals(0.2, tau.getMin());
        assertEquals(0.6, tau.getMax());
        // n1 = 10 v: 2, 4, 6 -> mean 4, std 2, min 2, max 6
        MetricStats n1 = e.getMetrics().get("n1");
        assertEquals(4.0, n1.getMean(), 1e-12);
        assertEquals(2.0, n1.getStd(), 1e-12);
        assertEquals(4.0 - 4.968275424, n1.getCi95Low(), 1e-8);
        // regret10 = 1 - v: 0.8, 0.6, 0.4 -> mean 0.6
        assertEquals(0.6, e.getMetrics().get("regret10").getMean(), 1e-12);
        assertEquals(0.4, e.getMetrics().get("regret10").getMin(), 1e-12);
    }

    @Test
    void onlyFailedTrialsGiveNaNStatistics() {
        ConfigAggregate a = new ConfigAggregate();
        a.apply(failed("s1", "hr", 0));
        a.apply(failed("s1", "hr", 1));
        LeaderboardEntry e = LeaderboardEntries.of(a);
        assertEquals(0, e.getCount());
        assertEquals(2, e.getFailed());
        for (MetricStats s : e.getMetrics().values()) {
            assertTrue(Double.isNaN(s.getMean()) && Double.isNaN(s.getStd()) && Double.isNaN(s.getCi95Low()));
        }
        assertThrows(IllegalArgumentException.class, () -> LeaderboardEntries.of(new ConfigAggregate()));
    }

    @Test
    void entryIsTheSameWhateverTheArrivalOrder() {
        var evs = Arrays.asList(ok("s1", "hr", 0, 0.1), ok("s1", "hr", 1, 0.3), failed("s1", "hr", 2), ok("s1", "hr", 3, 0.8));
        ConfigAggregate forward = new ConfigAggregate();
        evs.forEach(forward::apply);
        ConfigAggregate backward = new ConfigAggregate();
        for (int i = evs.size() - 1; i >= 0; i--) {
            backward.apply(evs.get(i));
            backward.apply(evs.get(i));
        }
        assertEquals(forward, backward);
        // compared as text: Avro's record equality does not hold NaN equal to itself
        assertEquals(LeaderboardEntries.of(forward).toString(), LeaderboardEntries.of(backward).toString());
    }

    @Test
    void nlfsEvaluationsCarryFitnessAndTrainSecondsAndAFailedOneCountsAsFailed() {
        int fitness = MetricNames.ALL.indexOf("fitness");
        int seconds = MetricNames.ALL.indexOf("trainSeconds");
        TrialOutcome t = TrialOutcome.of(nlfs("run1", "c1", "-(y * ln(|yhat|))", 0.61));
        assertTrue(t.ok());
        assertEquals(0.61, t.metrics()[fitness]);
        assertEquals(6.1, t.metrics()[seconds], 1e-12);
        assertTrue(Double.isNaN(t.metrics()[MetricNames.ALL.indexOf("kendallTauB")]));
        // a predictor trial has neither (null in the record): NaN, like bestTestError
        TrialOutcome p = TrialOutcome.of(ok("s1", "hr", 0, 0.5));
        assertTrue(Double.isNaN(p.metrics()[fitness]));
        assertTrue(Double.isNaN(p.metrics()[seconds]));

        ConfigAggregate bad = aggregateOf(nlfsFailed("run1", "c4", "y * y"));
        assertEquals(0, bad.okCount());
        assertEquals(1, bad.failedCount());
        assertTrue(Double.isNaN(LeaderboardEntries.of(bad).getMetrics().get("fitness").getMean()));

        ConfigAggregate a = aggregateOf(nlfs("run1", "c1", "l", 0.61));
        LeaderboardEntry e = LeaderboardEntries.of(a);
        assertEquals(0.61, e.getMetrics().get("fitness").getMean());
        assertEquals(0.0, e.getMetrics().get("fitness").getStd(), "one seed");
        assertEquals("c1", e.getCandidateId());
        assertEquals(0.61, a.okValues(fitness)[0], "kept in the aggregate");
    }

    @Test
    void candidateIdAndIdentityComeFromTheEvaluations() {
        var e = org.lossforge.schemas.Evaluation.newBuilder(ok("s1", "expr", 0, 0.5)).setCandidateId("cand-7").build();
        ConfigAggregate a = aggregateOf(e);
        assertEquals("cand-7", LeaderboardEntries.of(a).getCandidateId());
        assertEquals("cand-7", a.identity().candidateId());
        assertEquals(Instant.ofEpochMilli(a.lastEvaluatedAtMs()), LeaderboardEntries.of(a).getUpdatedAt());
    }

    static ConfigAggregate aggregateOf(org.lossforge.schemas.Evaluation... evs) {
        ConfigAggregate a = new ConfigAggregate();
        for (var e : evs) {
            a.apply(e);
        }
        return a;
    }
}
