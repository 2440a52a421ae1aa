package org.lossforge.schemas;

import java.util.regex.Pattern;

/**
 * Record keys and trial ids. Keys are opaque strings for partitioning and compaction: consumers read the fields
 * of the value, never parse a key. Components other than the loss may not contain {@code /}; the loss is the
 * last free-text component, so a key is still unique when the loss contains {@code /}.
 */
public final class Keys {
    private Keys() {}

    /** Study and candidate ids: 1-64 characters of {@code [A-Za-z0-9._-]}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Key of lossforge.studies.v1 and lossforge.loss-candidates.v1: the study id, checked. */
    public static String study(String studyId) {
        if (!isId(studyId)) {
            throw new IllegalArgumentException("bad study id '" + studyId + "' (need 1-64 of [A-Za-z0-9._-])");
        }
        return studyId;
    }

    /**
     * Whether {@code s} matches {@link #ID}: 1–64 of {@code [A-Za-z0-9._-]}. A loop, not the regex: every key the
     * ranker checks goes through it, per event (issue 13's profile).
     */
    public static boolean isId(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The configuration key of training jobs, prediction sets, evaluations and leaderboard entries:
     * {@code studyId/benchmark/dataset/trainSize/loss}.
     */
    public static String config(String studyId, String benchmark, String dataset, int trainSize, String loss) {
        study(studyId);
        part("benchmark", benchmark);
        part("dataset", dataset);
        if (trainSize <= 0) {
            throw new IllegalArgumentException("train size must be positive, got " + trainSize);
        }
        if (loss == null || loss.isBlank()) {
            throw new IllegalArgumentException("empty loss");
        }
        return studyId + "/" + benchmark + "/" + dataset + "/" + trainSize + "/" + loss;
    }

    /** Deterministic trial id: {@code studyId/benchmark/dataset/trainSize/loss/seedIndex}. */
    public static String trialId(String studyId, String benchmark, String dataset, int trainSize, String loss,
                                 int seedIndex) {
        if (seedIndex < 0) {
            throw new IllegalArgumentException("seed index must be >= 0, got " + seedIndex);
        }
        return config(studyId, benchmark, dataset, trainSize, loss) + "/" + seedIndex;
    }

    public static String config(TrainingJob j) {
        return config(j.getStudyId(), j.getBenchmark(), j.getDataset(), j.getTrainSize(), j.getLoss());
    }

    public static String config(PredictionSet p) {
        return config(p.getStudyId(), p.getBenchmark(), p.getDataset(), p.getTrainSize(), p.getLoss());
    }

    public static String config(Evaluation e) {
        return config(e.getStudyId(), e.getBenchmark(), e.getDataset(), e.getTrainSize(), e.getLoss());
    }

    public static String config(LeaderboardEntry e) {
        return config(e.getStudyId(), e.getBenchmark(), e.getDataset(), e.getTrainSize(), e.getLoss());
    }

    /** Key of lossforge.dead-letters.v1: {@code originalTopic/partition/offset}. */
    public static String deadLetter(String originalTopic, int partition, long offset) {
        return originalTopic + "/" + partition + "/" + offset;
    }

    private static void part(String what, String v) {
        if (v == null || v.isBlank() || v.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bad " + what + " '" + v + "' (non-empty, no '/')");
        }
    }
}
