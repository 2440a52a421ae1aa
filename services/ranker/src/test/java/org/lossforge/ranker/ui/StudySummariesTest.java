package org.lossforge.ranker.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.MetricStats;
import org.lossforge.schemas.StudyRequested;

class StudySummariesTest {

    private static MetricStats stats(double mean) {
        return MetricStats.newBuilder().setMean(mean).setStd(0).setCi95Low(mean).setCi95High(mean).setMin(mean)
                .setMax(mean).build();
    }

    private static LeaderboardEntry entry(String study, String benchmark, int size, String loss, String candidate,
                                          int count, int failed, String metric, long t) {
        return LeaderboardEntry.newBuilder().setStudyId(study).setBenchmark(benchmark).setDataset("cifar10")
                .setTrainSize(size).setLoss(loss).setCandidateId(candidate).setCount(count).setFailed(failed)
                .setExpected(null).setMetrics(Map.of(metric, stats(0.5), "bestTestError", stats(Double.NaN)))
                .setEvalMetric("test").setUpdatedAt(Instant.ofEpochMilli(t)).build();
    }

    private static StudyRequested request(String id, int datasets, int sizes, int losses, int seeds) {
        StudyRequested r = new StudyRequested();   // only what a plan reads (the builder would want params)
        r.setStudyId(id);
        r.setDatasets(List.of("cifar10", "cifar100", "imagenet").subList(0, datasets));
        r.setLosses(List.of("mse", "hr", "lr", "pw").subList(0, losses));
        r.setTrainSizes(List.of(20, 50, 100).subList(0, sizes));
        r.setSeeds(seeds);
        return r;
    }

    @Test
    void aLossStudyCountsItsPlanIncludingInjectedCandidates() {
        StudyPlans plans = new StudyPlans();
        plans.add(request("s", 1, 2, 3, 5));   // 1 dataset × 2 sizes × 3 losses × 5 seeds = 30 trials
        List<LeaderboardEntry> entries = List.of(
                entry("s", "nb201", 20, "mse", null, 5, 0, "kendallTauB", 1000),
                entry("s", "nb201", 20, "hr", null, 3, 1, "kendallTauB", 3000),
                entry("s", "nb201", 20, "ew", "cand-1", 2, 0, "kendallTauB", 2000));
        StudySummary s = StudySummaries.of(entries, (id, k) -> id.equals("s") ? 4 : 0, plans::plan).get(0);
        assertEquals(StudyKind.STUDY, s.kind());
        assertEquals(3, s.configurations());
        assertEquals(1, s.complete(), "mse has its five seeds; hr 4 of 5; ew 2 of 5");
        assertEquals(11, s.done());
        assertEquals(1, s.failed());
        // one injected candidate adds a loss to every setting: 1 × 2 × (3 + 1) × 5
        assertEquals(40, s.planned());
        assertEquals(5, s.seeds());
        assertEquals(1, s.injected());
        assertEquals(4, s.deadLetters());
        assertEquals(Instant.ofEpochMilli(3000).toString(), s.updatedAt());
    }

    @Test
    void searchesAndNlfsRunsAreRecognisedAndTheirInjectionsLabelled() {
        LeaderboardEntry search = LeaderboardEntry.newBuilder(entry("q", "nb201", 20, "pw", null, 3, 0, "kendallTauB", 5))
                .setMetrics(Map.of("bestTestError", stats(8.5))).build();
        List<LeaderboardEntry> nlfs = List.of(
                entry("run", "nlfs", 500, "-(y * ln(|yhat|))", "run.s3.t0", 1, 0, "fitness", 7),
                entry("run", "nlfs", 500, "y - yhat", "my-idea", 1, 0, "fitness", 9));
        List<StudySummary> all = StudySummaries.of(List.of(search, nlfs.get(0), nlfs.get(1)), (id, k) -> 0, id -> null);
        assertEquals(List.of("run", "q"), all.stream().map(StudySummary::studyId).toList(), "newest first");
        assertEquals(StudyKind.NLFS, all.get(0).kind());
        assertEquals("fitness", all.get(0).defaultMetric());
        assertEquals(1, all.get(0).injected(), "the evolver's own child is not injected");
        assertEquals(2, all.get(0).complete(), "an NLFS child is complete once trained (one trial)");
        assertNull(all.get(0).seeds());
        assertEquals(2, all.get(0).planned(), "no plan: what the configurations have");
        assertEquals(StudyKind.SEARCH, all.get(1).kind());
        assertTrue(StudySummaries.injected(StudyKind.STUDY, "anything"));
        assertFalse(StudySummaries.injected(StudyKind.STUDY, null));
        assertFalse(StudySummaries.injected(StudyKind.NLFS, "run.s12.t1"));
        assertFalse(StudySummaries.injected(StudyKind.SEARCH, "x"));
    }
}
