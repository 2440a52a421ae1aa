package org.lossforge.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.services.common.InvalidRecordException;

/** The expansion against the real NB201 data: counts, keys, and training sets equal to core's StudyPlan. */
class JobPlannerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final JobPlanner planner = new JobPlanner(CLOCK);

    static StudyRequested.Builder study() {
        return StudyRequested.newBuilder()
                .setStudyId("s1").setBenchmark("nb201").setDatasets(List.of("cifar10", "cifar100"))
                .setLosses(List.of("mse", "hr:margin=0.05", "pw")).setTrainSizes(List.of(20, 50)).setSeeds(3)
                .setBaseSeed(7L).setParams(Params.defaults("gcn")).setTrainMetric(null).setEvalMetric(null)
                .setRequestedAt(Instant.parse("2026-01-01T00:00:00Z")).setRequestedBy(null);
    }

    static LossCandidate candidate(String id, String study, LossKind kind, String spec) {
        return LossCandidate.newBuilder().setCandidateId(id).setStudyId(study).setKind(kind).setSpec(spec)
                .setDisplayName(null).setSubmittedBy(null).setSubmittedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    @Test
    void oneJobPerDatasetSizeLossAndSeedWithCoresTrainingSets() {
        StudyRequested s = study().build();
        List<TrainingJob> jobs = planner.plan(s);
        assertEquals(2 * 2 * 3 * 3, jobs.size());
        Benchmark b = Benchmarks.get("nb201");
        Set<String> trialIds = new HashSet<>();
        for (TrainingJob j : jobs) {
            assertTrue(trialIds.add(j.getTrialId()), "unique trial ids");
            assertEquals(Keys.trialId("s1", "nb201", j.getDataset(), j.getTrainSize(), j.getLoss(), j.getSeedIndex()),
                    j.getTrialId());
            assertEquals("s1/nb201/" + j.getDataset() + "/" + j.getTrainSize() + "/" + j.getLoss(), JobPlanner.key(j));
            String trainMetric = StudyPlan.trainMetric(b, null, j.getDataset());
            assertEquals(trainMetric, j.getTrainMetric());
            assertEquals(StudyPlan.evalMetric(b, null, j.getDataset()), j.getEvalMetric());
            StudyPlan.TrainingSet set = StudyPlan.trainingSet(b, 7L, j.getDataset(), trainMetric, j.getTrainSize(),
                    j.getSeedIndex());
            assertEquals(set.seed(), j.getSeed());
            assertEquals(j.getTrainSize(), j.getTrainArchitectures().size());
            for (int i = 0; i < set.archIdx().length; i++) {
                assertEquals(set.archIdx()[i], j.getTrainArchitectures().get(i));
                assertEquals(set.labels()[i], j.getTrainLabels().get(i));
            }
            assertEquals(j.getLoss().equals("pw") ? LossKind.PIECEWISE : LossKind.NAMED, j.getLossKind());
            assertNull(j.getCandidateId());
            assertEquals(s.getParams(), j.getParams());
            assertEquals(CLOCK.instant(), j.getCreatedAt());
        }
    }

    @Test
    void theTrainingSetDoesNotDependOnTheLoss() {
        List<TrainingJob> jobs = planner.plan(study().build());
        TrainingJob mse = jobs.stream().filter(j -> j.getLoss().equals("mse") && j.getSeedIndex() == 1
                && j.getTrainSize() == 20 && j.getDataset().equals("cifar10")).findFirst().orElseThrow();
        TrainingJob pw = jobs.stream().filter(j -> j.getLoss().equals("pw") && j.getSeedIndex() == 1
                && j.getTrainSize() == 20 && j.getDataset().equals("cifar10")).findFirst().orElseThrow();
        assertEquals(mse.getTrainArchitectures(), pw.getTrainArchitectures());
        assertEquals(mse.getSeed(), pw.getSeed());
    }

    @Test
    void explicitMetricsAreUsed() {
        TrainingJob j = planner.plan(study().setTrainMetric("test").setEvalMetric("valid").build()).get(0);
        assertEquals("test", j.getTrainMetric());
        assertEquals("valid", j.getEvalMetric());
    }

    static void refused(String code, Consumer<StudyRequested.Builder> change) {
        StudyRequested.Builder b = study();
        change.accept(b);
        InvalidRecordException e = assertThrows(InvalidRecordException.class,
                () -> new JobPlanner(CLOCK).plan(b.build()));
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(code + ": "), e.getMessage());
    }

    @Test
    void badStudiesAreRefusedWithTheirReason() {
        refused("UNKNOWN_BENCHMARK", b -> b.setBenchmark("nb999"));
        refused("UNKNOWN_DATASET", b -> b.setDatasets(List.of("cifar10", "mnist")));
        refused("UNKNOWN_METRIC", b -> b.setTrainMetric("train_loss"));
        refused("UNKNOWN_METRIC", b -> b.setEvalMetric("nope"));
        refused("BAD_LOSS_SPEC", b -> b.setLosses(List.of("nosuchloss")));
        refused("BAD_LOSS_SPEC", b -> b.setLosses(List.of("hr:nosuchparam=1")));
        refused("BAD_TRAIN_SIZE", b -> b.setTrainSizes(List.of(20, 1_000_000)));
        refused("BAD_TRAIN_SIZE", b -> b.setTrainSizes(List.of(1)));
        refused("INVALID_STUDY", b -> b.setSeeds(0));
        refused("INVALID_STUDY", b -> b.setSeeds(-1));
        refused("INVALID_STUDY", b -> b.setLosses(List.of()));
        refused("INVALID_STUDY", b -> b.setStudyId("bad/id"));
        refused("INVALID_STUDY", b -> b.setLosses(List.of("mse", "mse")));
        refused("BAD_PARAMS", b -> b.setParams(PredictorParamsWith.epochs(0)));
    }

    @Test
    void aBarePwIsValid() {
        assertEquals(2 * 2 * 3, planner.plan(study().setLosses(List.of("pw")).build()).size());
    }

    @Test
    void aCandidateGivesTheJobsOfItsLossForEveryConfigurationOfTheStudy() {
        StudyRequested s = study().build();
        List<TrainingJob> jobs = planner.plan(candidate("c1", "s1", LossKind.NAMED, "lr"), s);
        assertEquals(2 * 2 * 3, jobs.size());
        List<TrainingJob> own = planner.plan(s);
        for (TrainingJob j : jobs) {
            assertEquals("lr", j.getLoss());
            assertEquals("c1", j.getCandidateId());
            assertEquals(LossKind.NAMED, j.getLossKind());
            TrainingJob mse = own.stream().filter(o -> o.getLoss().equals("mse") && o.getDataset().equals(j.getDataset())
                    && o.getTrainSize() == j.getTrainSize() && o.getSeedIndex() == j.getSeedIndex()).findFirst()
                    .orElseThrow();
            assertEquals(mse.getTrainArchitectures(), j.getTrainArchitectures(), "paired with the study's losses");
            assertEquals(mse.getSeed(), j.getSeed());
        }
    }

    @Test
    void studyBookDeduplicatesAndRefusesUnknownStudiesAndExpressions() {
        StudyBook book = new StudyBook(planner);
        InvalidRecordException unknown = assertThrows(InvalidRecordException.class,
                () -> book.plan(candidate("c1", "s1", LossKind.NAMED, "lr")));
        assertEquals(StudyBook.UNKNOWN_STUDY, unknown.code());
        book.remember(study().build());
        assertEquals(12, book.plan(candidate("c1", "s1", LossKind.NAMED, "lr")).size());
        assertEquals(0, book.plan(candidate("c1", "s1", LossKind.NAMED, "lr")).size(), "same candidateId");
        assertEquals(0, book.plan(candidate("c2", "s1", LossKind.NAMED, "lr")).size(), "same spec as a candidate");
        assertEquals(0, book.plan(candidate("c3", "s1", LossKind.NAMED, "mse")).size(), "same spec as the study");
        assertEquals(0, book.plan(candidate("c4", "s1", LossKind.PIECEWISE, "pw")).size(), "the study's pw");
        InvalidRecordException expr = assertThrows(InvalidRecordException.class,
                () -> book.plan(candidate("c5", "s1", LossKind.EXPRESSION, "-(y * ln(|yhat|))")));
        assertEquals("UNSUPPORTED_LOSS_KIND", expr.code());
        InvalidRecordException bad = assertThrows(InvalidRecordException.class,
                () -> book.plan(candidate("c6", "s1", LossKind.NAMED, "nosuchloss")));
        assertEquals("BAD_LOSS_SPEC", bad.code());
        LossCandidate hr = candidate("c7", "s1", LossKind.NAMED, "hr:margin=0.2");
        assertEquals(12, book.plan(hr).size());
        book.forget(hr);
        assertEquals(12, book.plan(hr).size(), "forgotten after a failed send, so planned again");
    }

    @Test
    void aCandidateThatOvertakesItsStudyWaitsForItAndOneOfAnUnknownStudyIsRefusedAfterTheWait() throws Exception {
        StudyBook book = new StudyBook(planner, java.time.Duration.ofSeconds(20));
        java.util.concurrent.CompletableFuture<java.util.List<org.lossforge.schemas.TrainingJob>> planned =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> book.plan(candidate("c1", "s1", LossKind.NAMED, "lr")));
        Thread.sleep(300);   // the candidate is now waiting for its study
        assertFalse(planned.isDone(), "waits while the study is unknown");
        book.remember(study().build());
        assertEquals(12, planned.get(10, java.util.concurrent.TimeUnit.SECONDS).size(), "planned once the study is known");

        StudyBook shortWait = new StudyBook(planner, java.time.Duration.ofMillis(200));
        long t0 = System.nanoTime();
        InvalidRecordException unknown = assertThrows(InvalidRecordException.class,
                () -> shortWait.plan(candidate("c1", "nope", LossKind.NAMED, "lr")));
        assertEquals(StudyBook.UNKNOWN_STUDY, unknown.code());
        assertTrue(System.nanoTime() - t0 >= 200_000_000L, "refused only after the wait");
    }

    /** Params with one bad field. */
    static final class PredictorParamsWith {
        static org.lossforge.schemas.PredictorParams epochs(int e) {
            org.lossforge.schemas.PredictorParams p = Params.defaults("gcn");
            p.setEpochs(e);
            return p;
        }
    }
}
