package org.lossforge.trainer;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.lossforge.core.study.TrialTrainer;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.ScoreEncoding;
import org.lossforge.schemas.Scores;
import org.lossforge.schemas.TrainingJob;

/** PredictionSet records of a job: the scores of a fitted predictor, or the reason the fit failed. */
public final class PredictionSets {

    private PredictionSets() {
    }

    /** A fitted predictor's scores of the whole space (F32LE), its final training loss and the wall time. */
    public static PredictionSet ok(TrainingJob job, TrialTrainer.Result result, long fitMillis, String engine, Instant now) {
        double[] finalLoss = result.fit().finalLoss();
        return base(job, fitMillis, engine, now)
                .setCount(result.scores().length)
                .setScores(Scores.encode(result.scores()))
                .setFinalLoss(finalLoss != null && finalLoss.length > 0 ? finalLoss[0] : null)
                .setError(null)
                .build();
    }

    /** A failed fit: {@code error} set, no scores (count 0); the evaluator turns it into a FAILED evaluation. */
    public static PredictionSet failed(TrainingJob job, String error, long fitMillis, String engine, Instant now) {
        return base(job, fitMillis, engine, now)
                .setCount(0)
                .setScores(ByteBuffer.allocate(0))
                .setFinalLoss(null)
                .setError(error)
                .build();
    }

    private static PredictionSet.Builder base(TrainingJob job, long fitMillis, String engine, Instant now) {
        return PredictionSet.newBuilder()
                .setTrialId(job.getTrialId()).setStudyId(job.getStudyId()).setBenchmark(job.getBenchmark())
                .setDataset(job.getDataset()).setTrainSize(job.getTrainSize()).setLoss(job.getLoss())
                .setCandidateId(job.getCandidateId()).setSeedIndex(job.getSeedIndex()).setSeed(job.getSeed())
                .setTrainMetric(job.getTrainMetric()).setEvalMetric(job.getEvalMetric())
                .setEncoding(ScoreEncoding.F32LE)
                .setFitMillis(fitMillis)
                .setEngine(engine)
                .setCreatedAt(now.truncatedTo(ChronoUnit.MILLIS));
    }
}
