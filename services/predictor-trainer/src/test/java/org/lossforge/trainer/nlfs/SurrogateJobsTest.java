package org.lossforge.trainer.nlfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lossforge.core.classify.CandidateLosses;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.core.classify.SurrogateResult;
import org.lossforge.core.nlfs.Nlfs;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.MetricNames;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.services.common.InvalidRecordException;

/** SurrogateJob → core inputs, every reason a job is dead-lettered before training, and the Evaluation of a result. */
class SurrogateJobsTest {

    static final SurrogateJobs JOBS = new SurrogateJobs();
    static final Instant NOW = Instant.parse("2026-12-03T10:15:30.123456Z");

    @Test
    void aJobBecomesCoresInputs() {
        SurrogateJob job = NlfsJobs.expression("run1", "c7", NlfsJobs.CE).build();
        SurrogateInputs in = JOBS.inputs(job);
        assertSame(job, in.job());
        assertEquals(NlfsRunConfig.fromMap(NlfsJobs.TINY, 0), in.config());
        assertEquals("fashion-mnist", in.dataset());
        assertEquals(1000 - 10 * 50, in.config().trainSize());
        assertEquals(1, in.config().surrogate().schedule().epochs());
        assertEquals(5, in.config().surrogate().schedule().stepsPerEpoch());
        assertEquals(0, in.config().surrogate().precheck().epochs());
        assertEquals(CandidateLosses.printed(Nlfs.check(NlfsJobs.CE)), in.loss().expression());
        assertEquals(job.getLoss(), in.loss().expression());
        assertEquals("run1/nlfs/fashion-mnist/500/" + job.getLoss() + "/0", job.getTrialId());

        SurrogateInputs ce = JOBS.inputs(NlfsJobs.baseline("run1", "ce").build());
        assertEquals(CandidateLosses.of("ce", "x").expression(), ce.loss().expression());
        assertEquals("run1/nlfs/fashion-mnist/500/baikal/0",
                JOBS.inputs(NlfsJobs.baseline("run1", "baikal").build()).job().getTrialId());
    }

    @Test
    void aFlippedExpressionIsRankedUnderItsPrintedForm() {
        // the cross-entropy cell without its sign: the integrity check flips it, and the loss prints as -(…)
        SurrogateJob job = NlfsJobs.expression("run1", "c8", "y * ln(|yhat|)").build();
        assertTrue(Nlfs.check("y * ln(|yhat|)").flip());
        assertTrue(job.getLoss().startsWith("-("), job.getLoss());
        assertEquals(job.getLoss(), JOBS.inputs(job).loss().expression());
    }

    static InvalidRecordException invalid(SurrogateJob job) {
        return assertThrows(InvalidRecordException.class, () -> JOBS.inputs(job));
    }

    static String assertCode(String code, SurrogateJob job) {
        InvalidRecordException x = invalid(job);
        assertEquals(code, x.code(), x.getMessage());
        assertTrue(x.getMessage().startsWith(code + ": "), x.getMessage());
        return x.getMessage();
    }

    static SurrogateJob withSetting(String key, String value) {
        Map<String, String> s = new HashMap<>(NlfsJobs.TINY);
        s.put(key, value);
        return NlfsJobs.expression("run1", "c1", NlfsJobs.CE).setSettings(s).build();
    }

    @Test
    void settingsCoreRefuses() {
        assertTrue(assertCode("BAD_NLFS_SETTINGS", withSetting("popsize", "3")).contains("unknown NLFS setting 'popsize'"));
        assertTrue(assertCode("BAD_NLFS_SETTINGS", withSetting("epochs", "zero")).contains("epochs must be an integer"));
        assertTrue(assertCode("BAD_NLFS_SETTINGS", withSetting("preset", "huge")).contains("preset must be one of"));
        // 400 images leave none to train on once 50 per class are held out
        assertTrue(assertCode("BAD_NLFS_SETTINGS", withSetting("train_images", "400")).contains("leaves -100 training images"));
    }

    @Test
    void expressionsCoreRefuses() {
        // parses, but fails the integrity check (not a loss that rewards the right class)
        String reason = assertCode("BAD_LOSS_EXPRESSION", NlfsJobs.job("run1", "c2", LossKind.EXPRESSION, "y + yhat",
                "y + yhat").build());
        assertTrue(reason.contains("expression 'y + yhat': " + Nlfs.check("y + yhat").reason()), reason);
        reason = assertCode("BAD_LOSS_EXPRESSION", NlfsJobs.job("run1", "c3", LossKind.EXPRESSION, "y +* yhat",
                "y +* yhat").build());
        assertTrue(reason.contains(Nlfs.check("y +* yhat").reason()), reason);
        // the ranked text must be what is trained
        reason = assertCode("BAD_LOSS_EXPRESSION", NlfsJobs.job("run1", "c4", LossKind.EXPRESSION, "-(y * ln(|y|))",
                NlfsJobs.CE).build());
        assertTrue(reason.contains("is not the canonical form"), reason);
        assertCode("BAD_LOSS_EXPRESSION", NlfsJobs.job("run1", "c5", LossKind.EXPRESSION, "ce", "ce").build());
        assertCode("BAD_LOSS_EXPRESSION", NlfsJobs.job("run1", "c6", LossKind.NAMED, "mse", "mse").build());
        assertCode("BAD_LOSS_EXPRESSION", NlfsJobs.job("run1", "c6", LossKind.NAMED, "cross-entropy", "ce").build());
        assertCode("UNSUPPORTED_LOSS_KIND", NlfsJobs.job("run1", "c6", LossKind.PIECEWISE, "pw", "pw").build());
    }

    @Test
    void aTrialIdOtherThanTheJobsOwn() {
        SurrogateJob good = NlfsJobs.expression("run1", "c1", NlfsJobs.CE).build();
        String reason = assertCode("INVALID_KEY", SurrogateJob.newBuilder(good)
                .setTrialId("run1/nlfs/fashion-mnist/3000/" + good.getLoss() + "/0").build());
        assertTrue(reason.contains("'" + good.getTrialId() + "'"), reason);
        assertCode("INVALID_KEY", SurrogateJob.newBuilder(good).setRunId("run2").build());
        assertCode("INVALID_KEY", SurrogateJob.newBuilder(good).setRunId("has space").build());
        Map<String, String> cifar = new HashMap<>(NlfsJobs.TINY);
        cifar.put("dataset", "cifar10");
        assertCode("INVALID_KEY", SurrogateJob.newBuilder(good).setSettings(cifar).build());
    }

    @Test
    void anOkResultIsAnOkEvaluationWithItsFitness() {
        SurrogateJob job = NlfsJobs.expression("run1", "c7", NlfsJobs.CE).build();
        SurrogateInputs in = JOBS.inputs(job);
        SurrogateResult r = new SurrogateResult(SurrogateResult.Status.OK, null, 0.614, 0, new double[] {0.41},
                new double[] {0.614}, new double[0], false, 5, 1.75);
        Evaluation e = SurrogateEvaluations.of(in, r, NOW);
        assertEquals(job.getTrialId(), e.getTrialId());
        assertEquals("run1", e.getStudyId());
        assertEquals("nlfs", e.getBenchmark());
        assertEquals("fashion-mnist", e.getDataset());
        assertEquals(500, e.getTrainSize());
        assertEquals(job.getLoss(), e.getLoss());
        assertEquals("c7", e.getCandidateId());
        assertEquals(0, e.getSeedIndex());
        assertEquals(NlfsJobs.SEED, e.getSeed());
        assertEquals(EvaluationStatus.OK, e.getStatus());
        assertNull(e.getError());
        assertEquals(0.614, e.getFitness());
        assertEquals(1.75, e.getTrainSeconds());
        assertNull(e.getBestTestError());
        assertEquals("valid_accuracy", e.getEvalMetric());
        assertEquals(Instant.parse("2026-12-03T10:15:30.123Z"), e.getEvaluatedAt());
        assertEquals(job.getTrialId(), Keys.config(e) + "/0", "the evaluation's key is its trial's configuration");
        assertRankingMetricsNaN(e);
    }

    @Test
    void aFailedResultIsAFailedEvaluationWithItsReason() {
        SurrogateInputs in = JOBS.inputs(NlfsJobs.expression("run1", "c7", NlfsJobs.CE).build());
        SurrogateResult r = new SurrogateResult(SurrogateResult.Status.PRECHECK_FAILED,
                "training accuracy 0.154 < 0.200 after 1 epochs", Double.NaN, -1, new double[] {0.154}, new double[0],
                new double[0], false, 5, 0.9);
        Evaluation e = SurrogateEvaluations.of(in, r, NOW);
        assertEquals(EvaluationStatus.FAILED, e.getStatus());
        assertEquals("PRECHECK_FAILED: training accuracy 0.154 < 0.200 after 1 epochs", e.getError());
        assertNull(e.getFitness());
        assertEquals(0.9, e.getTrainSeconds());
        assertRankingMetricsNaN(e);

        SurrogateResult diverged = new SurrogateResult(SurrogateResult.Status.DIVERGED, "loss is NaN at epoch 0, step 3",
                Double.NaN, -1, new double[0], new double[0], new double[0], false, 3, 0.2);
        assertEquals("DIVERGED: loss is NaN at epoch 0, step 3", SurrogateEvaluations.of(in, diverged, NOW).getError());
        // OK without a finite fitness cannot be ranked: failed, not a NaN fitness
        SurrogateResult noFitness = new SurrogateResult(SurrogateResult.Status.OK, null, Double.NaN, -1, new double[0],
                new double[0], new double[0], false, 0, 0.1);
        Evaluation odd = SurrogateEvaluations.of(in, noFitness, NOW);
        assertEquals(EvaluationStatus.FAILED, odd.getStatus());
        assertTrue(odd.getError().startsWith("ERROR: "), odd.getError());
        assertNull(odd.getFitness());
    }

    static void assertRankingMetricsNaN(Evaluation e) {
        for (double v : new double[] {e.getKendallTauB(), e.getSpearman(), e.getP05(), e.getP1(), e.getP5(), e.getP10(),
                e.getN1(), e.getN5(), e.getN10(), e.getRegret10()}) {
            assertTrue(Double.isNaN(v));
        }
        assertTrue(MetricNames.ALL.contains("fitness"));
    }
}
