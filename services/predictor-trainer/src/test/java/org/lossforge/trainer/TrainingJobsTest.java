package org.lossforge.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.PredictorModel;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.TransientFailureException;

/** TrainingJob → core inputs, and every reason a job is dead-lettered before training. */
class TrainingJobsTest {

    static final TrainingJobs JOBS = new TrainingJobs();

    @Test
    void aJobBecomesCoresInputs() {
        TrainingJob job = Jobs.tiny("s1", "hr:margin=0.05", 1).build();
        TrialInputs in = JOBS.inputs(job);
        assertSame(job, in.job());
        assertSame(Benchmarks.get("nb201"), in.benchmark());
        assertEquals(LossSpec.parse("hr:margin=0.05"), in.loss());
        StudyPlan.TrainingSet expected = Jobs.set(1);
        assertEquals(1, in.set().seedIndex());
        assertEquals(expected.seed(), in.set().seed());
        assertArrayEquals(expected.archIdx(), in.set().archIdx());
        assertArrayEquals(expected.labels(), in.set().labels());
        assertEquals(Jobs.CONFIG, in.config());   // predictBatch null -> core's GCN default (2048)
        assertEquals("s1/nb201/cifar10/20/hr:margin=0.05", TrainingJobs.key(job));
    }

    @Test
    void paramsMapFieldByField() {
        PredictorConfig mlp = new PredictorConfig("mlp", 64, 2, 32, 0.0, 1e-3, 0.0, 5, 8, 4096);
        assertEquals(mlp, TrainingJobs.config(Jobs.params(mlp)));
        var withBatch = Jobs.params(Jobs.CONFIG);
        withBatch.setPredictBatch(512);
        assertEquals(512, TrainingJobs.config(withBatch).predictBatch());
        withBatch.setModel(PredictorModel.MLP);
        withBatch.setPredictBatch(null);
        assertEquals(PredictorConfig.mlpDefaults().predictBatch(), TrainingJobs.config(withBatch).predictBatch());
    }

    @Test
    void aBarePwIsAValidSpec() {
        assertEquals(LossSpec.of("pw"), JOBS.inputs(Jobs.tiny("s1", "pw", 0).build()).loss());
    }

    static InvalidRecordException invalid(TrainingJob job) {
        return assertThrows(InvalidRecordException.class, () -> JOBS.inputs(job));
    }

    static void assertCode(String code, TrainingJob job) {
        InvalidRecordException x = invalid(job);
        assertEquals(code, x.code(), x.getMessage());
        assertTrue(x.getMessage().startsWith(code + ": "), x.getMessage());
    }

    @Test
    void idsThatCannotFormTheKey() {
        assertCode("INVALID_KEY", Jobs.tiny("s1", "mse", 0).setStudyId("has space").build());
        assertCode("INVALID_KEY", Jobs.tiny("s1", "mse", 0).setDataset("a/b").build());
        assertCode("INVALID_KEY", Jobs.tiny("s1", "mse", 0).setSeedIndex(-1).build());
    }

    @Test
    void expressionLossesAreNotTrainedHere() {
        InvalidRecordException x = invalid(Jobs.tiny("s1", "mse", 0).setLoss("-(y * ln(|yhat|))")
                .setLossKind(LossKind.EXPRESSION).build());
        assertEquals("UNSUPPORTED_LOSS_KIND: loss '-(y * ln(|yhat|))' is an EXPRESSION; this trainer trains core "
                + "LossSpecs (NAMED, PIECEWISE) only", x.getMessage());
    }

    @Test
    void unknownBenchmarkDatasetAndMetrics() {
        assertTrue(invalid(Jobs.tiny("s1", "mse", 0).setBenchmark("nb999").build()).getMessage()
                .startsWith("UNKNOWN_BENCHMARK: no benchmark 'nb999' (known: nb201, "));
        assertEquals("UNKNOWN_DATASET: benchmark nb201 has no dataset 'mnist' (known: cifar10, cifar100, imagenet16)",
                invalid(Jobs.tiny("s1", "mse", 0).setDataset("mnist").build()).getMessage());
        assertTrue(invalid(Jobs.tiny("s1", "mse", 0).setTrainMetric("latency").build()).getMessage()
                .startsWith("UNKNOWN_METRIC: nb201/cifar10 has no train metric 'latency'"));
        assertTrue(invalid(Jobs.tiny("s1", "mse", 0).setEvalMetric("latency").build()).getMessage()
                .startsWith("UNKNOWN_METRIC: nb201/cifar10 has no eval metric 'latency'"));
    }

    @Test
    void badLossSpecs() {
        for (String loss : List.of("hr:margin", "no-such-loss", "hr:margin=abc", "hr:margin=0.1,margin=0.2")) {
            InvalidRecordException x = invalid(Jobs.tiny("s1", "mse", 0).setLoss(loss).build());
            assertEquals("BAD_LOSS_SPEC", x.code(), loss + " -> " + x.getMessage());
            assertTrue(x.getMessage().startsWith("BAD_LOSS_SPEC: loss '" + loss + "': "), x.getMessage());
        }
    }

    @Test
    void badTrainingSets() {
        TrainingJob ok = Jobs.tiny("s1", "mse", 0).build();
        assertEquals("BAD_TRAINING_SET: trainSize is 20 but there are 19 architectures and 20 labels",
                invalid(Jobs.tiny("s1", "mse", 0).setTrainArchitectures(ok.getTrainArchitectures().subList(0, 19))
                        .build()).getMessage());
        List<Integer> outside = new ArrayList<>(ok.getTrainArchitectures());
        outside.set(3, 15_625);
        assertEquals("BAD_TRAINING_SET: architecture index 15625 at position 3 is outside nb201 (0..15624)",
                invalid(Jobs.tiny("s1", "mse", 0).setTrainArchitectures(outside).build()).getMessage());
        List<Double> nan = new ArrayList<>(ok.getTrainLabels());
        nan.set(5, Double.NaN);
        assertEquals("BAD_TRAINING_SET: label at position 5 is NaN",
                invalid(Jobs.tiny("s1", "mse", 0).setTrainLabels(nan).build()).getMessage());
        assertEquals("BAD_TRAINING_SET: trainSize 1 must be between 2 and the space size 15625",
                invalid(Jobs.tiny("s1", "mse", 0).setTrainSize(1).setTrainArchitectures(List.of(0))
                        .setTrainLabels(List.of(50.0)).build()).getMessage());
    }

    @Test
    void badParams() {
        var params = Jobs.params(Jobs.CONFIG);
        params.setLr(0.0);
        assertCode("BAD_PARAMS", Jobs.tiny("s1", "mse", 0).setParams(params).build());
        var zeroEpochs = Jobs.params(Jobs.CONFIG);
        zeroEpochs.setEpochs(0);
        assertCode("BAD_PARAMS", Jobs.tiny("s1", "mse", 0).setParams(zeroEpochs).build());
    }

    @Test
    void unreadableBenchmarkDataIsNotTheJobsFault() {
        TrainingJobs broken = new TrainingJobs(name -> {
            throw new IllegalStateException("checksum mismatch");
        });
        assertEquals("cannot load benchmark nb201: checksum mismatch", assertThrows(TransientFailureException.class,
                () -> broken.inputs(Jobs.tiny("s1", "mse", 0).build())).getMessage());
    }
}
