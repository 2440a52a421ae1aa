package org.lossforge.loadtests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.study.OracleFit;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.core.study.TrialResult;
import org.lossforge.core.study.TrialTrainer;

/**
 * A study for the load tests (NB201 CIFAR-10: losses × train sizes × seeds) and what core computes for it when the
 * trainer runs in oracle mode: for every trial, core's {@link StudyPlan} seed, {@link OracleFit}'s scores and the
 * evaluator's metric set ({@link TrialTrainer#evaluate}) against the test accuracy. The leaderboard of a run must
 * equal these values whatever was killed on the way.
 */
public record OracleStudy(String id, List<String> losses, List<Integer> trainSizes, int seeds, long baseSeed,
                          double noise) {

    public static final String BENCHMARK = "nb201", DATASET = "cifar10";

    public int trials() {
        return losses.size() * trainSizes.size() * seeds;
    }

    /** The leaderboard row keys ("trainSize/loss") of the study. */
    public List<String> rows() {
        return trainSizes.stream().flatMap(n -> losses.stream().map(l -> n + "/" + l)).toList();
    }

    /** {@code POST /studies} body. The predictor settings are the defaults (the oracle does not read them). */
    public String json() {
        return "{\"studyId\":\"" + id + "\",\"benchmark\":\"" + BENCHMARK + "\",\"datasets\":[\"" + DATASET
                + "\"],\"losses\":[" + String.join(",", losses.stream().map(l -> "\"" + l + "\"").toList())
                + "],\"trainSizes\":" + trainSizes + ",\"seeds\":" + seeds + ",\"baseSeed\":" + baseSeed
                + ",\"requestedBy\":\"load-tests\"}";
    }

    /** Core's trials of the study, per row key, in seed order. */
    public Map<String, List<TrialResult>> expected() {
        Benchmark b = Benchmarks.get(BENCHMARK);
        String train = StudyPlan.trainMetric(b, null, DATASET);
        double[] truth = b.truthColumn(DATASET, StudyPlan.evalMetric(b, null, DATASET));
        Map<String, List<TrialResult>> out = new LinkedHashMap<>();
        for (int size : trainSizes) {
            long[] seedOf = new long[seeds];
            for (int k = 0; k < seeds; k++) {
                seedOf[k] = StudyPlan.trainingSet(b, baseSeed, DATASET, train, size, k).seed();
            }
            for (String loss : losses) {
                List<TrialResult> trials = new java.util.ArrayList<>();
                for (int k = 0; k < seeds; k++) {
                    float[] scores = OracleFit.fit(b, DATASET, train, loss, seedOf[k], noise).scores();
                    trials.add(TrialResult.of(BENCHMARK, DATASET, size, loss, k, seedOf[k],
                            TrialTrainer.evaluate(truth, scores)));
                }
                out.put(size + "/" + loss, trials);
            }
        }
        return out;
    }
}
