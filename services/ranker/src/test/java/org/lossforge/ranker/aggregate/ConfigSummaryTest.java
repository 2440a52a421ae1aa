package org.lossforge.ranker.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.ranker.Fixtures.T0;
import static org.lossforge.ranker.Fixtures.at;
import static org.lossforge.ranker.Fixtures.failed;
import static org.lossforge.ranker.Fixtures.ok;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lossforge.ranker.aggregate.ConfigAggregate.Outcome;
import org.lossforge.ranker.stats.Summary;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.MetricNames;
import org.lossforge.schemas.MetricStats;

/**
 * The running summary against the plain statement of the rule ({@link ConfigAggregate}, two-pass statistics over the
 * kept trials): fed the changes the deduplicator forwards, it reaches the same counts exactly and the same
 * statistics within rounding.
 */
class ConfigSummaryTest {

    /** What {@code TrialDeduplicator} forwards for each evaluation, applied to a summary. */
    static ConfigSummary running(List<Evaluation> evaluations) {
        ConfigAggregate rule = new ConfigAggregate();
        ConfigSummary s = new ConfigSummary();
        for (Evaluation e : evaluations) {
            Outcome o = rule.apply(e);
            if (o == Outcome.ADDED) {
                s.apply(TrialChange.added(e, TrialOutcome.of(e)));
            } else if (o == Outcome.REPLACED) {
                s.apply(TrialChange.recount(e, List.copyOf(rule.trialList())));
            }
        }
        return s;
    }

    @Test
    void welfordByHand() {
        ConfigSummary s = running(List.of(ok("s1", "pw", 0, 0.2), ok("s1", "pw", 1, 0.4), ok("s1", "pw", 2, 0.6),
                failed("s1", "pw", 3)));
        Summary tau = s.stats(MetricNames.ALL.indexOf("kendallTauB"));
        assertEquals(3, tau.n());
        assertEquals(0.4, tau.mean(), 1e-15);
        assertEquals(0.2, tau.std(), 1e-15);
        // t(0.975, 2) = 4.302652730, × 0.2 / sqrt(3)
        assertEquals(0.4 - 0.4968275424, tau.ci95Low(), 1e-9);
        assertEquals(0.2, tau.min());
        assertEquals(0.6, tau.max());
        assertEquals(3, s.okCount());
        assertEquals(1, s.failedCount());
        assertEquals(T0.plusSeconds(3).toEpochMilli(), s.lastEvaluatedAtMs());
        assertEquals(Summary.EMPTY, s.stats(MetricNames.ALL.indexOf("fitness")), "no value: every field NaN");
    }

    @Test
    void aReplacementCountsAgainSoTheOldValueLeavesMinAndMax() {
        ConfigSummary s = running(List.of(ok("s1", "hr", 0, 0.1), ok("s1", "hr", 1, 0.5), ok("s1", "hr", 2, 0.3),
                at(ok("s1", "hr", 0, 0.9), T0.plusSeconds(3600))));
        Summary tau = s.stats(MetricNames.ALL.indexOf("kendallTauB"));
        assertEquals(3, tau.n());
        assertEquals(0.3, tau.min(), "0.1 was replaced");
        assertEquals(0.9, tau.max());
        assertEquals((0.5 + 0.3 + 0.9) / 3, tau.mean(), 1e-15);
        assertEquals(T0.plusSeconds(3600).toEpochMilli(), s.lastEvaluatedAtMs());
        // a failed trial retried and now OK moves from failed to ok
        ConfigSummary retried = running(List.of(ok("s1", "hr", 0, 0.5), failed("s1", "hr", 1),
                at(ok("s1", "hr", 1, 0.7), T0.plusSeconds(100))));
        assertEquals(2, retried.okCount());
        assertEquals(0, retried.failedCount());
        assertEquals(0.6, retried.stats(0).mean(), 1e-15);
    }

    @Test
    void manyTrialsInAnyOrderAgreeWithTheTwoPassStatisticsWithinRounding() {
        Random rnd = new Random(13);
        List<Evaluation> evs = new ArrayList<>();
        for (int seed = 0; seed < 600; seed++) {
            // values with a large offset, the case where a naive sum of squares loses precision
            evs.add(seed % 17 == 5 ? failed("s1", "ew", seed) : ok("s1", "ew", seed, 1e3 + rnd.nextGaussian()));
            if (seed % 50 == 7) {
                evs.add(evs.get(rnd.nextInt(evs.size())));                                  // redelivered
            }
            if (seed % 90 == 11) {
                evs.add(at(ok("s1", "ew", seed / 2, 1e3 + rnd.nextGaussian()), T0.plusSeconds(10_000 + seed)));
            }
        }
        ConfigAggregate rule = new ConfigAggregate();
        evs.forEach(rule::apply);
        ConfigSummary forward = running(evs);
        List<Evaluation> shuffled = new ArrayList<>(evs);
        java.util.Collections.shuffle(shuffled, new Random(5));
        ConfigSummary other = running(shuffled);
        for (ConfigSummary s : List.of(forward, other)) {
            assertEquals(rule.okCount(), s.okCount());
            assertEquals(rule.failedCount(), s.failedCount());
            assertEquals(rule.lastEvaluatedAtMs(), s.lastEvaluatedAtMs());
            for (int i = 0; i < MetricNames.ALL.size(); i++) {
                Summary want = Summary.of(rule.okValues(i));
                Summary got = s.stats(i);
                assertEquals(want.n(), got.n(), MetricNames.ALL.get(i));
                if (want.n() == 0) {
                    assertEquals(Summary.EMPTY, got);
                    continue;
                }
                assertEquals(want.mean(), got.mean(), 1e-12 * Math.abs(want.mean()), MetricNames.ALL.get(i) + " mean");
                assertEquals(want.std(), got.std(), 1e-9 * want.std(), MetricNames.ALL.get(i) + " std");
                assertEquals(want.min(), got.min(), 0.0);
                assertEquals(want.max(), got.max(), 0.0);
                assertEquals(want.ci95Low(), got.ci95Low(), 1e-12 * Math.abs(want.mean()));
            }
        }
    }

    @Test
    void theEntryOfTheSummaryIsTheEntryOfTheAggregate() {
        List<Evaluation> evs = List.of(ok("s1", "pw", 0, 0.2), ok("s1", "pw", 1, 0.4), failed("s1", "pw", 2));
        ConfigAggregate rule = new ConfigAggregate();
        evs.forEach(rule::apply);
        LeaderboardEntry want = LeaderboardEntries.of(rule);
        LeaderboardEntry got = LeaderboardEntries.of(running(evs));
        assertEquals(want.getCount(), got.getCount());
        assertEquals(want.getFailed(), got.getFailed());
        assertEquals(want.getUpdatedAt(), got.getUpdatedAt());
        assertEquals(want.getStudyId() + want.getLoss() + want.getTrainSize(), got.getStudyId() + got.getLoss() + got.getTrainSize());
        for (String m : MetricNames.ALL) {
            MetricStats a = want.getMetrics().get(m), b = got.getMetrics().get(m);
            assertEquals(a.getMean(), b.getMean(), 1e-15, m);
            assertEquals(a.getStd(), b.getStd(), 1e-15, m);
            assertEquals(a.getCi95High(), b.getCi95High(), 1e-15, m);
        }
        assertThrows(IllegalArgumentException.class, () -> LeaderboardEntries.of(new ConfigSummary()));
    }

    @Test
    void momentsOfOneValueAndOfNone() {
        assertEquals(Summary.of(0.25), Summary.fromMoments(1, 0.25, 0, 0.25, 0.25));
        assertEquals(Summary.EMPTY, Summary.fromMoments(0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        Summary two = Summary.fromMoments(2, 0.5, 0.02, 0.4, 0.6);   // 0.4, 0.6: m2 = 2 × 0.1²
        assertEquals(Summary.of(0.4, 0.6).std(), two.std(), 1e-15);
        assertTrue(two.ci95High() > 0.6);
    }
}
