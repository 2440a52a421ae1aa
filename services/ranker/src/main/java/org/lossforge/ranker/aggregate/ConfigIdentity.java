package org.lossforge.ranker.aggregate;

import org.lossforge.schemas.Evaluation;

/**
 * Who a configuration is, as its evaluations state it: the five fields of its key, and the candidate id and evaluation
 * metric of its latest evaluation (what the leaderboard entry shows).
 */
public record ConfigIdentity(String studyId, String benchmark, String dataset, int trainSize, String loss,
                             String candidateId, String evalMetric) {

    /** The identity {@code e} states. */
    public static ConfigIdentity of(Evaluation e) {
        return new ConfigIdentity(e.getStudyId(), e.getBenchmark(), e.getDataset(), e.getTrainSize(), e.getLoss(),
                e.getCandidateId(), e.getEvalMetric());
    }

    /**
     * This identity after a later evaluation stated {@code later}: the key's fields stay the first evaluation's, a
     * candidate id is replaced only by a non-null one, the evaluation metric is the latest.
     */
    public ConfigIdentity then(ConfigIdentity later) {
        return new ConfigIdentity(studyId, benchmark, dataset, trainSize, loss,
                later.candidateId() != null ? later.candidateId() : candidateId, later.evalMetric());
    }

    /** {@code known} then {@code later}; {@code later} alone when nothing is known yet. */
    static ConfigIdentity merge(ConfigIdentity known, ConfigIdentity later) {
        return known == null ? later : known.then(later);
    }
}
