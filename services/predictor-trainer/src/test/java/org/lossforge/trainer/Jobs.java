package org.lossforge.trainer;

import java.time.Instant;
import java.util.Arrays;

import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.PredictorModel;
import org.lossforge.schemas.PredictorParams;
import org.lossforge.schemas.TrainingJob;

/** Tiny real training jobs: NB201 cifar10, 20 architectures sampled as core's study plan samples them, 2 epochs. */
final class Jobs {

    static final long BASE_SEED = 11;
    static final int SIZE = 20;
    static final PredictorConfig CONFIG = PredictorConfig.gcnDefaults().withEpochs(2);

    private Jobs() {
    }

    static StudyPlan.TrainingSet set(int seedIndex) {
        return StudyPlan.trainingSet(Benchmarks.get("nb201"), BASE_SEED, "cifar10", "valid", SIZE, seedIndex);
    }

    static PredictorParams params(PredictorConfig c) {
        return PredictorParams.newBuilder().setModel(PredictorModel.valueOf(c.model().toUpperCase()))
                .setHidden(c.hidden()).setLayers(c.layers()).setFcHidden(c.fcHidden()).setDropout(c.dropout())
                .setLr(c.lr()).setWeightDecay(c.weightDecay()).setEpochs(c.epochs()).setBatchSize(c.batchSize())
                .setPredictBatch(null).build();
    }

    static TrainingJob.Builder tiny(String study, String loss, int seedIndex) {
        StudyPlan.TrainingSet set = set(seedIndex);
        return TrainingJob.newBuilder()
                .setTrialId(Keys.trialId(study, "nb201", "cifar10", SIZE, loss, seedIndex))
                .setStudyId(study).setBenchmark("nb201").setDataset("cifar10").setTrainSize(SIZE).setLoss(loss)
                .setLossKind(loss.startsWith("pw") ? LossKind.PIECEWISE : LossKind.NAMED).setCandidateId(null)
                .setSeedIndex(seedIndex).setSeed(set.seed())
                .setTrainArchitectures(Arrays.stream(set.archIdx()).boxed().toList())
                .setTrainLabels(Arrays.stream(set.labels()).boxed().toList())
                .setTrainMetric("valid").setEvalMetric("test").setParams(params(CONFIG))
                .setCreatedAt(Instant.parse("2026-11-23T09:00:00Z"));
    }
}
