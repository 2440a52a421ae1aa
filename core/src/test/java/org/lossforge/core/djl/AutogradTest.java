package org.lossforge.core.djl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.classify.Baselines;
import org.lossforge.core.classify.EngineThreads;
import org.lossforge.core.classify.ImageData;
import org.lossforge.core.classify.OneIntraOpThread;
import org.lossforge.core.classify.Surrogate;
import org.lossforge.core.classify.SurrogateConfig;
import org.lossforge.core.classify.SurrogateResult;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.predictor.SpaceTensors;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.core.study.TrialTrainer;

/**
 * A predictor fit and a surrogate training on two threads at once (what the predictor-trainer service does when a
 * training job and a surrogate job arrive together): without the shared lock DJL refuses the second gradient
 * collector; with it both finish with exactly the numbers they give alone.
 */
@ExtendWith(OneIntraOpThread.class)
class AutogradTest {

    @Test
    void concurrentTrainingsInterleaveAndKeepTheirNumbers() throws Exception {
        Benchmark nb201 = Benchmarks.get("nb201");
        SpaceTensors tensors = SpaceTensors.of(nb201);
        PredictorConfig cfg = PredictorConfig.gcnDefaults().withEpochs(30);
        StudyPlan.TrainingSet set = StudyPlan.trainingSet(nb201, 3, "cifar10", "valid", 40, 0);
        SurrogateConfig tiny = new SurrogateConfig(new SurrogateConfig.Data(ImageData.FASHION_MNIST, 600, 10, 3, 0),
                new SurrogateConfig.Net(4, List.of(8, 16), 2, 0.25), new SurrogateConfig.Schedule(25, 6, 0, 1e-2, 5, 0),
                SurrogateConfig.Precheck.none(), null);
        Surrogate surrogate = new Surrogate(tiny);

        float[] fitAlone = new TrialTrainer(nb201, tensors).train("cifar10", "valid", LossSpec.parse("hr"), set, cfg).scores();
        SurrogateResult surAlone = surrogate.evaluate(Baselines.crossEntropy().loss(), 7);

        CompletableFuture<float[]> fit = CompletableFuture.supplyAsync(() ->
                new TrialTrainer(nb201, tensors).train("cifar10", "valid", LossSpec.parse("hr"), set, cfg).scores());
        CompletableFuture<SurrogateResult> sur = CompletableFuture.supplyAsync(() -> {
            EngineThreads.set(1);
            return surrogate.evaluate(Baselines.crossEntropy().loss(), 7);
        });
        SurrogateResult together = sur.get();
        assertTrue(together.ok(), together.status() + ": " + together.reason());
        assertEquals(surAlone, together, "the surrogate's numbers do not depend on the fit beside it");
        assertArrayEquals(fitAlone, fit.get(), "the fit's scores do not depend on the surrogate beside it");
    }
}
