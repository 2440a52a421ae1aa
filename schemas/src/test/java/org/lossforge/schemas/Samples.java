package org.lossforge.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/** Real-looking records of every type, as a study on NAS-Bench-201 CIFAR-10 would produce them. */
final class Samples {
    private Samples() {}

    static final Instant T0 = Instant.ofEpochMilli(1_795_000_000_123L);
    static final String STUDY = "quick-study";

    static PredictorParams gcn() {
        return PredictorParams.newBuilder().setModel(PredictorModel.GCN).setHidden(144).setLayers(3).setFcHidden(128)
                .setDropout(0.1).setLr(1e-4).setWeightDecay(3e-4).setEpochs(200).setBatchSize(16).setPredictBatch(null)
                .build();
    }

    static StudyRequested study() {
        return StudyRequested.newBuilder().setStudyId(STUDY).setBenchmark("nb201")
                .setDatasets(List.of("cifar10", "cifar100", "imagenet16"))
                .setLosses(List.of("mse", "hr:margin=0.05", "listmle", "pw"))
                .setTrainSizes(List.of(50, 100, 200, 400)).setSeeds(30).setBaseSeed(20_241_123L).setParams(gcn())
                .setTrainMetric(null).setEvalMetric("test_acc").setRequestedAt(T0).setRequestedBy("alice").build();
    }

    static LossCandidate candidate() {
        return LossCandidate.newBuilder().setCandidateId("cand-0007").setStudyId(STUDY).setKind(LossKind.EXPRESSION)
                .setSpec("-(y * ln(|yhat|))").setDisplayName("neg-log").setSubmittedBy("evolution-1")
                .setSubmittedAt(T0.plusSeconds(60)).build();
    }

    static TrainingJob job() {
        Random r = new Random(7);
        List<Integer> archs = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            archs.add(r.nextInt(15_625));
            labels.add(80 + 14 * r.nextDouble());
        }
        String loss = "pw:warm=hr,focus=mape,warm.margin=0.01";
        return TrainingJob.newBuilder().setTrialId(Keys.trialId(STUDY, "nb201", "cifar10", 50, loss, 3))
                .setStudyId(STUDY).setBenchmark("nb201").setDataset("cifar10").setTrainSize(50).setLoss(loss)
                .setLossKind(LossKind.PIECEWISE).setCandidateId(null).setSeedIndex(3).setSeed(-6_917_529_027_641_081_857L)
                .setTrainArchitectures(archs).setTrainLabels(labels).setTrainMetric("valid_acc")
                .setEvalMetric("test_acc").setParams(gcn()).setCreatedAt(T0.plusMillis(5)).build();
    }

    static float[] nb201Scores() {
        Random r = new Random(11);
        float[] s = new float[15_625];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) r.nextGaussian();
        }
        s[0] = Float.NaN; // a NaN score must survive the trip bit for bit
        return s;
    }

    static PredictionSet predictions() {
        TrainingJob j = job();
        float[] s = nb201Scores();
        return PredictionSet.newBuilder().setTrialId(j.getTrialId()).setStudyId(STUDY).setBenchmark("nb201")
                .setDataset("cifar10").setTrainSize(50).setLoss(j.getLoss()).setCandidateId(null).setSeedIndex(3)
                .setSeed(j.getSeed()).setTrainMetric("valid_acc").setEvalMetric("test_acc").setCount(s.length)
                .setEncoding(ScoreEncoding.F32LE).setScores(Scores.encode(s)).setFitMillis(8_412L).setFinalLoss(0.0132)
                .setError(null).setEngine("PyTorch 2.5.1 on cpu()").setCreatedAt(T0.plusSeconds(9)).build();
    }

    static Evaluation evaluation() {
        TrainingJob j = job();
        return Evaluation.newBuilder().setTrialId(j.getTrialId()).setStudyId(STUDY).setBenchmark("nb201")
                .setDataset("cifar10").setTrainSize(50).setLoss(j.getLoss()).setCandidateId(null).setSeedIndex(3)
                .setSeed(j.getSeed()).setStatus(EvaluationStatus.OK).setError(null).setKendallTauB(0.6123)
                .setSpearman(0.8011).setP05(0.1282).setP1(0.2051).setP5(0.3914).setP10(0.5021).setN1(37).setN5(4)
                .setN10(2).setRegret10(0.12).setEvalMetric("test_acc").setEvaluatedAt(T0.plusSeconds(10)).build();
    }

    static Evaluation failedEvaluation() {
        Evaluation e = Evaluation.newBuilder(evaluation()).setStatus(EvaluationStatus.FAILED)
                .setError("training diverged: loss is NaN at epoch 12").build();
        for (String m : MetricNames.ALL) {
            e.put(m, Double.NaN);
        }
        return e;
    }

    static LeaderboardEntry leaderboard() {
        Map<String, MetricStats> m = new LinkedHashMap<>();
        double v = 0.1;
        for (String name : MetricNames.ALL) {
            m.put(name, MetricStats.newBuilder().setMean(v).setStd(v / 10).setCi95Low(v - v / 20)
                    .setCi95High(v + v / 20).setMin(v / 2).setMax(v * 1.5).build());
            v += 0.07;
        }
        return LeaderboardEntry.newBuilder().setStudyId(STUDY).setBenchmark("nb201").setDataset("cifar10")
                .setTrainSize(50).setLoss("hr:margin=0.05").setCandidateId(null).setCount(29).setFailed(1)
                .setExpected(30).setMetrics(m).setEvalMetric("test_acc").setUpdatedAt(T0.plusSeconds(600)).build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setOriginalTopic(Topics.EVALUATIONS).setPartition(7).setOffset(123_456L)
                .setKey(java.nio.ByteBuffer.wrap("quick-study/nb201/cifar10/50/mse".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setValue(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 42, 1, 2, 3}))
                .setReason("unknown schema id 42").setException("org.apache.avro.AvroRuntimeException: schema 42")
                .setService(Topics.RANKER).setFailedAt(T0.plusSeconds(3_600)).build();
    }

    static SearchRequested search() {
        return SearchRequested.newBuilder().setRunId("cmp-pw-3").setSearchId("cmp").setRunIndex(3).setSeed(-77L)
                .setSettings(Map.of("benchmark", "nb201", "dataset", "cifar10", "method", "pw", "budget", "100"))
                .setRequestedAt(T0).setRequestedBy("ana").build();
    }

    static ArchQuery archQuery() {
        return ArchQuery.newBuilder().setRunId("cmp-pw-3").setSearchId("cmp").setRunIndex(3).setSeed(-77L)
                .setMethod("pw").setBenchmark("nb201").setDataset("cifar10").setTrainMetric("valid_acc")
                .setEvalMetric("test_acc").setRound(2).setPrevious(List.of(5, 15_624, 0)).setQueries(List.of(7, 8))
                .setRequestedAt(T0.plusSeconds(5)).build();
    }

    static ArchResult archResult() {
        return ArchResult.newBuilder().setRunId("cmp-pw-3").setRound(2).setQueries(List.of(7, 8))
                .setValues(List.of(84.25, 91.57)).setAnsweredAt(T0.plusSeconds(6)).build();
    }

    static SearchProgress searchProgress() {
        return SearchProgress.newBuilder().setRunId("cmp-pw-3").setSearchId("cmp").setRunIndex(3).setRound(3)
                .setQueried(30).setBudget(100).setDone(false).setState("lossforge-search-state 1\nround=3\n")
                .setUpdatedAt(T0.plusSeconds(7)).build();
    }

    static NlfsRunRequested nlfsRun() {
        return NlfsRunRequested.newBuilder().setRunId("nlfs-demo").setSeed(7L)
                .setSettings(Map.of("preset", "tiny", "dataset", "fashion-mnist", "population", "20", "cycles", "200"))
                .setRequestedAt(T0).setRequestedBy("alice").build();
    }

    static SurrogateJob surrogateJob() {
        return SurrogateJob.newBuilder().setTrialId("nlfs-demo/nlfs/fashion-mnist/5000/-(y * ln(|yhat|))/0")
                .setRunId("nlfs-demo").setCandidateId("nlfs-demo.s12.t0").setKind(LossKind.EXPRESSION)
                .setLoss("-(y * ln(|yhat|))").setExpression("-(y*ln(|yhat|))").setHash("0123456789abcdef").setFlip(false)
                .setSeed(-3L).setSettings(Map.of("preset", "tiny")).setCreatedAt(T0.plusSeconds(1)).build();
    }

    static NlfsProgress nlfsProgress() {
        return NlfsProgress.newBuilder().setRunId("nlfs-demo").setStep(12).setCycle(0).setPhase("INITIAL").setDone(false)
                .setBestFitness(null).setBestLoss(null).setState("lossforge-nlfs-evolution 1\n")
                .setUpdatedAt(T0.plusSeconds(2)).build();
    }

    /** One sample per generated record type (and two variants where a field has a null/non-null split). */
    static List<SpecificRecord> all() {
        return List.of(gcn(), PredictorParams.newBuilder(gcn()).setModel(PredictorModel.MLP).setPredictBatch(4096).build(),
                study(), StudyRequested.newBuilder(study()).setRequestedBy(null).setTrainMetric("valid_acc").build(),
                candidate(), LossCandidate.newBuilder(candidate()).setKind(LossKind.NAMED).setSpec("hr:margin=0.05")
                        .setDisplayName(null).setSubmittedBy(null).build(),
                job(), TrainingJob.newBuilder(job()).setCandidateId("cand-0007").setLossKind(LossKind.EXPRESSION).build(),
                predictions(),
                PredictionSet.newBuilder(predictions()).setCount(0).setScores(java.nio.ByteBuffer.allocate(0))
                        .setFinalLoss(null).setEngine(null).setError("training diverged").build(),
                evaluation(), failedEvaluation(), leaderboard(),
                search(), archQuery(), archResult(), searchProgress(),
                nlfsRun(), NlfsRunRequested.newBuilder(nlfsRun()).setRequestedBy(null).build(),
                surrogateJob(), SurrogateJob.newBuilder(surrogateJob()).setKind(LossKind.NAMED).setLoss("ce").setHash(null).build(),
                nlfsProgress(), NlfsProgress.newBuilder(nlfsProgress()).setBestFitness(0.81).setBestLoss("-(y * ln(|yhat|))").build(),
                Evaluation.newBuilder(evaluation()).setFitness(0.8125).setTrainSeconds(3.5).build(),
                Evaluation.newBuilder(evaluation()).setBestTestError(5.63).build(),
                LeaderboardEntry.newBuilder(leaderboard()).setExpected(null).setEvalMetric(null).setMetrics(Map.of())
                        .build(),
                leaderboard().getMetrics().get("kendallTauB"),
                deadLetter(), DeadLetter.newBuilder(deadLetter()).setKey(null).setValue(null).setException(null).build());
    }
}
