package org.lossforge.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.metrics.MetricReport;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.predictor.SpaceTensors;

/** A trial trained alone (as the platform's trainer does) equals the core runner's unbatched trial, exactly. */
class TrialTrainerTest {

    @Test
    void oneTrialAtATimeReproducesTheUnbatchedStudyExactly() {
        Benchmark nb201 = Benchmarks.get("nb201");
        SpaceTensors tensors = SpaceTensors.of(nb201);
        PredictorConfig cfg = PredictorConfig.gcnDefaults().withEpochs(2);
        StudyConfig study = new StudyConfig("t", "nb201", List.of("cifar100"), List.of(LossSpec.parse("pw")),
                List.of(20), 2, 11, cfg, null, null, false);
        StudyResult r = new StudyRunner(nb201, tensors).run(study, StudyRunner.Progress.NONE);
        TrialTrainer trainer = new TrialTrainer(nb201, tensors);
        double[] test = nb201.truthColumn("cifar100", "test");
        for (TrialResult expected : r.trials()) {
            StudyPlan.TrainingSet set = StudyPlan.trainingSet(nb201, 11, "cifar100", "valid", 20, expected.seedIndex());
            assertEquals(expected.seed(), set.seed());
            MetricReport m = TrialTrainer.evaluate(test, trainer.train("cifar100", "valid", LossSpec.parse("pw"), set, cfg).scores());
            assertEquals(expected, TrialResult.of("nb201", "cifar100", 20, "pw", set.seedIndex(), set.seed(), m));
        }
    }
}
