package org.lossforge.trainer;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.schemas.TrainingJob;

/**
 * A checked training job in core's terms: everything {@code TrialTrainer.train} takes.
 *
 * @param job       the job as read (its ids are copied into the prediction set)
 * @param benchmark the job's benchmark
 * @param loss      the parsed loss spec (a bare {@code pw} is resolved to the preset by core)
 * @param set       seed index, seed, training architectures and labels
 * @param config    predictor and training hyper-parameters
 */
public record TrialInputs(TrainingJob job, Benchmark benchmark, LossSpec loss, StudyPlan.TrainingSet set,
                          PredictorConfig config) {
}
