package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.study.StudyConfig;
import org.lossforge.core.study.StudyResult;
import org.lossforge.core.study.StudyRunner;
import org.lossforge.core.study.TrialResult;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.MetricNames;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.TopicReader;

/**
 * The platform end to end: the four services as shipped (child JVMs) over a real KRaft broker and the real schema
 * registry. A study posted over REST, a candidate published with a plain Kafka producer, poison on every input topic,
 * and a trainer killed mid-study; the leaderboards are checked against core's StudyRunner (unbatched, the path the
 * trainer runs) on the same seeds. A NAS search run and an NLFS evolution run go through the platform with their
 * controller (trainer, evolver) killed mid-run, and end exactly where core's uninterrupted runs end.
 *
 * <p>The studies are small (NB201 CIFAR-10, train size 12 or 20, 2–3 seeds, 10–40 epochs) so the class takes about
 * two minutes on 2 cores; every trial still predicts and is judged on all 15,625 cells.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndTest {

    private static final Duration STUDY_TIMEOUT = Duration.ofMinutes(6);
    private static final long BASE_SEED = 7;
    private Platform platform;
    private String ranker;
    private String generator;
    private KafkaProducer<String, SpecificRecord> avro;
    private KafkaProducer<byte[], byte[]> raw;
    /** Core's trials of the first study's configuration (its three losses and the injected candidate's). */
    private StudyResult core;

    @BeforeAll
    void start() {
        platform = Platform.start(Path.of("target", "e2e-logs"));
        ranker = platform.url(Platform.RANKER);
        generator = platform.url(Platform.GENERATOR);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        avro = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(platform.registryUrl()), true));
        raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stop() {
        if (avro != null) {
            avro.close(Duration.ofSeconds(5));
            raw.close(Duration.ofSeconds(5));
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void postedStudyTrainsEveryJobAndItsLeaderboardEqualsTheCoreStudyRunner() {
        String study = "e2e-core";
        // the generator's writes need its API key: without it nothing is accepted
        Rest.Response anonymous = Rest.postJson(generator + "/studies", studyJson(study, List.of("mse"), 20, 2, 15));
        assertEquals(401, anonymous.status(), anonymous.body());
        Rest.Response accepted = Rest.postJson(generator + "/studies",
                studyJson(study, List.of("mse", "hr", "listmle"), 20, 2, 15), platform.apiKey());
        assertEquals(202, accepted.status(), accepted.body());

        // core, on the same seeds, unbatched (what the trainer runs), with the candidate of the next test added
        core = new StudyRunner(Benchmarks.get("nb201")).run(new StudyConfig(study, "nb201", List.of("cifar10"),
                List.of(LossSpec.parse("mse"), LossSpec.parse("hr"), LossSpec.parse("listmle"), LossSpec.parse("pw")),
                List.of(20), 2, BASE_SEED, PredictorConfig.gcnDefaults().withEpochs(15), null, null, false),
                StudyRunner.Progress.NONE);

        awaitCounts(study, Map.of("20/mse", 2, "20/hr", 2, "20/listmle", 2));
        assertLeaderboardEqualsCore(study, List.of("mse", "hr", "listmle"));
    }

    @Test
    @Order(2)
    void candidatePublishedWithAPlainKafkaProducerShowsUpOnItsStudysLeaderboard() throws Exception {
        String study = "e2e-core";
        assertNotNull(core, "runs after the first test");
        LossCandidate candidate = LossCandidate.newBuilder()
                .setCandidateId("pw-default").setStudyId(study).setKind(LossKind.PIECEWISE).setSpec("pw")
                .setDisplayName("PW (NB201 preset HR→MAPE)").setSubmittedBy("e2e test")
                .setSubmittedAt(Instant.now()).build();
        avro.send(new ProducerRecord<>(Topics.LOSS_CANDIDATES, study, candidate)).get();

        Map<String, Leaderboards.Row> rows = awaitCounts(study, Map.of("20/mse", 2, "20/hr", 2, "20/listmle", 2, "20/pw", 2));
        assertEquals("pw-default", rows.get("20/pw").candidateId());
        assertLeaderboardEqualsCore(study, List.of("pw"));
    }

    @Test
    @Order(3)
    void poisonEventsLandInTheDeadLetterTopicWithAReasonAndTheStudyStillCompletes() throws Exception {
        String study = "e2e-poison";
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchemaId = {0, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3};   // Confluent framing, id 2139062143
        List<RecordMetadata> poison = new ArrayList<>();
        poison.add(raw.send(new ProducerRecord<>(Topics.STUDIES, bytes("poison-1"), garbage)).get());
        poison.add(avro.send(new ProducerRecord<>(Topics.STUDIES, "poison-2", studyRecord("poison-2", "nb999"))).get());
        poison.add(raw.send(new ProducerRecord<>(Topics.TRAINING_JOBS, bytes("poison-3"), unknownSchemaId)).get());
        poison.add(raw.send(new ProducerRecord<>(Topics.PREDICTION_SETS, bytes("poison-4"), garbage)).get());
        poison.add(raw.send(new ProducerRecord<>(Topics.EVALUATIONS, bytes("poison-5"), garbage)).get());
        poison.add(raw.send(new ProducerRecord<>(Topics.LOSS_CANDIDATES, bytes(study), garbage)).get());

        Rest.Response accepted = Rest.postJson(generator + "/studies", studyJson(study, List.of("mse"), 12, 2, 10),
                platform.apiKey());
        assertEquals(202, accepted.status(), accepted.body());
        // a well-formed candidate of this study with a loss no one can train: BAD_LOSS_SPEC
        LossCandidate bad = LossCandidate.newBuilder().setCandidateId("bad-loss").setStudyId(study).setKind(LossKind.NAMED)
                .setSpec("cross_entropy").setSubmittedAt(Instant.now()).build();
        awaitCounts(study, Map.of("12/mse", 1), row -> row.count() >= 1);   // the study is known to the generator
        poison.add(avro.send(new ProducerRecord<>(Topics.LOSS_CANDIDATES, study, bad)).get());

        try (TopicReader<DeadLetter> letters = new TopicReader<>(platform.bootstrapServers(), Topics.DEAD_LETTERS,
                new AvroDeserializer<>(DeadLetter.class, new SchemaRegistryClient(platform.registryUrl())))) {
            for (RecordMetadata m : poison) {
                ConsumerRecord<String, DeadLetter> r = letters.await(l -> l.value().getOriginalTopic().equals(m.topic())
                        && l.value().getPartition() == m.partition() && l.value().getOffset() == m.offset(), STUDY_TIMEOUT);
                DeadLetter d = r.value();
                assertFalse(d.getReason().isBlank(), "a reason for " + m);
                assertNotNull(d.getService(), "the service that refused " + m);
            }
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<String, DeadLetter> r : letters.seen()) {
                reasons.put(r.value().getOriginalTopic() + "@" + r.value().getOffset(), r.value().getReason());
            }
            assertTrue(reason(reasons, poison.get(1)).startsWith("UNKNOWN_BENCHMARK"), reasons.toString());
            assertTrue(reason(reasons, poison.get(6)).startsWith("BAD_LOSS_SPEC"), reasons.toString());
            assertTrue(reason(reasons, poison.get(2)).contains("schema"), reasons.toString());
        }
        Map<String, Leaderboards.Row> rows = awaitCounts(study, Map.of("12/mse", 2));
        assertEquals(0, rows.get("12/mse").failed());
        assertEquals(1, rows.size(), "the refused candidate has no leaderboard entry: " + rows);
    }

    @Test
    @Order(4)
    void aTrainerKilledMidStudyAndStartedAgainCountsEverySeedExactlyOnce() throws Exception {
        String study = "e2e-restart";
        Rest.Response accepted = Rest.postJson(generator + "/studies", studyJson(study, List.of("mse", "hr"), 20, 3, 40),
                platform.apiKey());
        assertEquals(202, accepted.status(), accepted.body());
        ServiceProcess trainer = platform.service(Platform.TRAINER);
        try (TopicReader<Evaluation> evaluations = new TopicReader<>(platform.bootstrapServers(), Topics.EVALUATIONS,
                new AvroDeserializer<>(Evaluation.class, new SchemaRegistryClient(platform.registryUrl())))) {
            evaluations.await(r -> r.value().getStudyId().equals(study), STUDY_TIMEOUT);
            trainer.kill();                                   // SIGKILL between (or during) jobs: a crash
            long before = evaluations.seen().stream().filter(r -> r.value().getStudyId().equals(study)).count();
            assertTrue(before < 6, "the trainer was killed mid-study (" + before + " of 6 done)");
            trainer.restart();
            trainer.awaitReady(Duration.ofMinutes(3));

            Map<String, Leaderboards.Row> rows = awaitCounts(study, Map.of("20/mse", 3, "20/hr", 3));
            evaluations.awaitAtLeast(r -> r.value().getStudyId().equals(study), 6, STUDY_TIMEOUT);
            Set<String> trials = new HashSet<>();
            evaluations.seen().stream().filter(r -> r.value().getStudyId().equals(study))
                    .forEach(r -> trials.add(r.value().getTrialId().toString()));
            assertEquals(6, trials.size(), "every trial evaluated: " + trials);
            ServiceProcess.sleep(3000);   // anything redelivered would have reached the ranker by now
            rows = Leaderboards.rows(ranker, study, "kendallTauB");
            assertEquals(3, rows.get("20/mse").count(), rows.toString());
            assertEquals(3, rows.get("20/hr").count(), rows.toString());
            assertEquals(0, rows.get("20/mse").failed() + rows.get("20/hr").failed());
        }
    }

    @Test
    @Order(5)
    void aSearchRunThroughThePlatformSurvivesAControllerCrashAndFollowsTheCoreTrajectory() throws Exception {
        String search = "e2e-search";
        Map<String, String> settings = Map.of("budget", "60", "initial", "10", "top_k", "10", "candidates", "40",
                "random_candidates", "5", "predictor.epochs", "60");
        String body = "{\"searchId\":\"" + search + "\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],"
                + "\"methods\":[\"hr\"],\"runs\":1,\"baseSeed\":3,\"settings\":{" + String.join(",", settings.entrySet()
                .stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").toList()) + "}}";
        Rest.Response accepted = Rest.postJson(generator + "/searches", body, platform.apiKey());
        assertEquals(202, accepted.status(), accepted.body());
        String runId = search + "-cifar10-hr-0";
        assertTrue(accepted.body().contains(runId), accepted.body());

        // the same run in core, uninterrupted, answering queries from the table
        org.lossforge.core.bench.Benchmark nb201 = Benchmarks.get("nb201");
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(Map.of("benchmark", "nb201", "dataset", "cifar10", "method", "hr"));
        org.lossforge.core.search.SearchConfig cfg = org.lossforge.core.search.SearchConfig.fromMap(all, nb201);
        long seed = org.lossforge.core.search.SearchSeeds.run(3, "nb201", "cifar10", 0);
        org.lossforge.core.search.SearchState expected;
        try (org.lossforge.core.search.SearchStep step = new org.lossforge.core.search.SearchStep(
                new org.lossforge.core.search.SearchSpace(nb201), false)) {
            expected = org.lossforge.core.search.SearchDriver.run(step,
                    List.of(org.lossforge.core.search.SearchState.start(cfg, seed)),
                    org.lossforge.core.search.SearchDriver.Listener.NONE).get(0);
        }

        SchemaRegistryClient registry = new SchemaRegistryClient(platform.registryUrl());
        ServiceProcess trainer = platform.service(Platform.TRAINER);
        try (TopicReader<org.lossforge.schemas.SearchProgress> states = new TopicReader<>(platform.bootstrapServers(),
                Topics.SEARCH_STATE, new AvroDeserializer<>(org.lossforge.schemas.SearchProgress.class, registry));
             TopicReader<org.lossforge.schemas.ArchQuery> queries = new TopicReader<>(platform.bootstrapServers(),
                     Topics.ARCH_QUERIES, new AvroDeserializer<>(org.lossforge.schemas.ArchQuery.class, registry))) {
            org.lossforge.schemas.SearchProgress first = states.await(r -> r.key().equals(runId)
                    && r.value().getRound() >= 2, STUDY_TIMEOUT).value();
            trainer.kill();   // the controller dies mid-run
            assertFalse(first.getDone(), "killed mid-run, after round " + first.getRound());
            trainer.restart();
            trainer.awaitReady(Duration.ofMinutes(3));
            org.lossforge.schemas.SearchProgress last = states.await(r -> r.key().equals(runId) && r.value().getDone(),
                    STUDY_TIMEOUT).value();
            assertEquals(60, last.getQueried(), "exactly the budget");
            org.lossforge.core.search.SearchState end = org.lossforge.core.search.SearchState.parse(last.getState());
            assertEquals(expected, end, "the platform's run, crash and all, is core's uninterrupted run");

            queries.pollFor(Duration.ofSeconds(2));
            List<org.lossforge.schemas.ArchQuery> asked = queries.seen().stream().map(ConsumerRecord::value)
                    .filter(q -> q.getRunId().equals(runId)).toList();
            Set<Integer> rounds = new HashSet<>();
            Set<Integer> archs = new HashSet<>();
            int total = 0;
            for (org.lossforge.schemas.ArchQuery q : asked) {
                assertTrue(rounds.add(q.getRound()), "round " + q.getRound() + " asked once");
                archs.addAll(q.getQueries());
                total += q.getQueries().size();
            }
            assertEquals(60, total, "60 queries asked in all");
            assertEquals(60, archs.size(), "no architecture queried twice");
        }
        // progress on the ranker's leaderboard: best test error after 10, 20, ..., 60 queries
        Map<String, Leaderboards.Row> rows = Leaderboards.await(ranker, search, "bestTestError",
                r -> r.containsKey("60/hr"), STUDY_TIMEOUT);
        int[] checkpoints = {10, 20, 30, 40, 50, 60};
        double[] best = org.lossforge.core.search.Outcome.bestEval(expected, nb201, checkpoints);
        for (int i = 0; i < checkpoints.length; i++) {
            Leaderboards.Row row = rows.get(checkpoints[i] + "/hr");
            assertNotNull(row, "after " + checkpoints[i] + " queries: " + rows);
            assertEquals(1, row.count());
            assertEquals(100.0 - best[i], row.mean(), 1e-9, "best test error after " + checkpoints[i]);
        }
    }

    /**
     * NLFS through the platform: POST /nlfs-runs → the generator's evolver publishes children, the generator screens
     * them into surrogate jobs, the trainer scores them, the evolver reads the evaluations. The generator (evolver) is
     * SIGKILLed mid-run and restarted: the run ends in exactly the state of core's uninterrupted in-process run
     * ({@link org.lossforge.core.classify.NlfsLocalRun}, same screen, same surrogate, same seed), every loss was
     * trained (with core's fitness), and the run's leaderboard ranks the losses by fitness.
     */
    @Test
    @Order(6)
    void anNlfsRunThroughThePlatformSurvivesAnEvolverCrashAndFollowsTheCoreRun() throws Exception {
        String runId = "e2e-nlfs";
        Map<String, String> settings = new java.util.TreeMap<>(Map.of("preset", "tiny", "train_images", "700",
                "epochs", "1", "steps_per_epoch", "3", "precheck_epochs", "0", "population", "3", "initial_pool", "4",
                "rescore", "false", "tournament", "2", "cycles", "6"));
        String body = "{\"runId\":\"" + runId + "\",\"seed\":21,\"settings\":{" + String.join(",", settings.entrySet()
                .stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").toList()) + "}}";
        Rest.Response accepted = Rest.postJson(generator + "/nlfs-runs", body, platform.apiKey());
        assertEquals(202, accepted.status(), accepted.body());

        // the same run in core, in this process (one intra-op thread, as the trainer trains surrogates)
        org.lossforge.core.classify.NlfsRunConfig cfg = org.lossforge.core.classify.NlfsRunConfig.fromMap(settings, 21);
        org.lossforge.core.classify.EngineThreads.set(1);
        Map<String, Double> coreFitness = new HashMap<>();
        org.lossforge.core.nlfs.EvolutionState expected = new org.lossforge.core.classify.NlfsLocalRun(cfg).run(
                org.lossforge.core.nlfs.Evolution.start(cfg.evolution()), (before, c, loss, r, now) -> {
                    if (now) {
                        coreFitness.put(loss, r.ok() ? r.fitness() : Double.NaN);
                    }
                });

        SchemaRegistryClient registry = new SchemaRegistryClient(platform.registryUrl());
        ServiceProcess evolver = platform.service(Platform.GENERATOR);
        try (TopicReader<org.lossforge.schemas.NlfsProgress> states = new TopicReader<>(platform.bootstrapServers(),
                Topics.NLFS_STATE, new AvroDeserializer<>(org.lossforge.schemas.NlfsProgress.class, registry));
             TopicReader<Evaluation> evaluations = new TopicReader<>(platform.bootstrapServers(), Topics.EVALUATIONS,
                     new AvroDeserializer<>(Evaluation.class, registry))) {
            org.lossforge.schemas.NlfsProgress first = states.await(r -> r.key().equals(runId)
                    && r.value().getStep() >= 3, STUDY_TIMEOUT).value();
            evolver.kill();   // the evolver dies mid-run
            assertFalse(first.getDone(), "killed mid-run, at step " + first.getStep());
            evolver.restart();
            evolver.awaitReady(Duration.ofMinutes(3));
            org.lossforge.schemas.NlfsProgress last = states.await(r -> r.key().equals(runId) && r.value().getDone(),
                    STUDY_TIMEOUT).value();
            org.lossforge.core.nlfs.EvolutionState end = org.lossforge.core.nlfs.EvolutionState.parse(last.getState());
            assertEquals(expected, end, "the platform's run, crash and all, is core's uninterrupted run");

            evaluations.pollFor(Duration.ofSeconds(2));
            Map<String, Integer> perTrial = new HashMap<>();
            for (ConsumerRecord<String, Evaluation> r : evaluations.seen()) {
                Evaluation e = r.value();
                if (e.getStudyId().equals(runId)) {
                    perTrial.merge(e.getTrialId(), 1, Integer::sum);
                    Double f = coreFitness.get(e.getLoss());
                    assertNotNull(f, "core trained " + e.getLoss() + " too");
                    if (f.isNaN()) {
                        assertEquals(org.lossforge.schemas.EvaluationStatus.FAILED, e.getStatus(), e.getLoss());
                    } else {
                        assertEquals(f, e.getFitness(), 0.0, "fitness of " + e.getLoss());
                    }
                }
            }
            // exactly core's losses were trained; a candidate the killed generator had screened but not committed may be
            // screened and trained again after the restart (at-least-once), with the same fitness (checked above)
            assertEquals(coreFitness.size(), perTrial.size(), "the losses core trained, each evaluated: " + perTrial.keySet());
        }
        double best = coreFitness.values().stream().filter(f -> !f.isNaN()).mapToDouble(Double::doubleValue).max()
                .orElseThrow();
        Map<String, Leaderboards.Row> rows = Leaderboards.await(ranker, runId, "fitness",
                r -> r.values().stream().mapToInt(x -> x.count() + x.failed()).sum() >= coreFitness.size(), STUDY_TIMEOUT);
        assertEquals(best, rows.values().stream().filter(r -> r.mean() != null).mapToDouble(Leaderboards.Row::mean)
                .max().orElseThrow(), 1e-12, "the leaderboard's best fitness");

        // a person injects an expression into the run: screened, trained on the run's surrogate, ranked
        assertFalse(coreFitness.containsKey("-(y * ln(|yhat|))"), "precondition: the run itself did not train it");
        Rest.Response injected = Rest.postJson(generator + "/nlfs-runs/" + runId + "/candidates",
                "{\"candidateId\":\"inj-1\",\"expression\":\"-(ln(|yhat|) * y)\"}", platform.apiKey());
        assertEquals(202, injected.status(), injected.body());
        double ce = new org.lossforge.core.classify.Surrogate(cfg.surrogate()).evaluate(
                org.lossforge.core.classify.CandidateLosses.of("-(y * ln(|yhat|))", "ce").loss(), cfg.trainingSeed()).fitness();
        String row = cfg.trainSize() + "/-(y * ln(|yhat|))";
        Map<String, Leaderboards.Row> after = Leaderboards.await(ranker, runId, "fitness",
                r -> r.containsKey(row) && r.get(row).count() == 1, STUDY_TIMEOUT);
        assertEquals("inj-1", after.get(row).candidateId());
        assertEquals(ce, after.get(row).mean(), 0.0, "the injected loss's fitness is core's");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Map<String, Leaderboards.Row> awaitCounts(String study, Map<String, Integer> counts) {
        return awaitCounts(study, counts, null);
    }

    /** Waits until each named row has its count (or, with {@code enough}, satisfies it). */
    private Map<String, Leaderboards.Row> awaitCounts(String study, Map<String, Integer> counts,
                                                      java.util.function.Predicate<Leaderboards.Row> enough) {
        return Leaderboards.await(ranker, study, "kendallTauB", rows -> counts.entrySet().stream().allMatch(e -> {
            Leaderboards.Row r = rows.get(e.getKey());
            return r != null && (enough != null ? enough.test(r) : r.count() + r.failed() >= e.getValue());
        }), STUDY_TIMEOUT);
    }

    /** Every metric's mean and sample std on the leaderboard equals core's over the same trials (within 1e-9). */
    private void assertLeaderboardEqualsCore(String study, List<String> losses) {
        for (String metric : MetricNames.ALL) {
            Map<String, Leaderboards.Row> rows = Leaderboards.rows(ranker, study, metric);
            if (!Leaderboards.STUDY_METRICS.containsKey(metric)) {   // search progress and NLFS only: no value on a study's rows
                losses.forEach(l -> assertEquals(null, rows.get("20/" + l).mean(), l));
                continue;
            }
            for (String loss : losses) {
                List<TrialResult> trials = core.trials().stream().filter(t -> t.loss().equals(loss)).toList();
                assertEquals(2, trials.size(), loss);
                assertTrue(trials.stream().allMatch(TrialResult::ok), "core trained every seed of " + loss);
                double[] v = trials.stream().mapToDouble(Leaderboards.STUDY_METRICS.get(metric)).toArray();
                Leaderboards.Row row = rows.get("20/" + loss);
                assertNotNull(row, loss + " on the leaderboard");
                assertEquals(2, row.count(), loss);
                assertEquals(0, row.failed(), loss);
                assertEquals(mean(v), row.mean(), 1e-9, loss + " " + metric + " mean");
                assertEquals(sampleStd(v), row.std(), 1e-9, loss + " " + metric + " std");
            }
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sampleStd(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static String studyJson(String id, List<String> losses, int size, int seeds, int epochs) {
        return "{\"studyId\":\"" + id + "\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":["
                + String.join(",", losses.stream().map(l -> "\"" + l + "\"").toList()) + "],\"trainSizes\":[" + size
                + "],\"seeds\":" + seeds + ",\"baseSeed\":" + BASE_SEED + ",\"params\":{\"epochs\":" + epochs
                + "},\"requestedBy\":\"e2e test\"}";
    }

    private static StudyRequested studyRecord(String id, String benchmark) {
        return StudyRequested.newBuilder().setStudyId(id).setBenchmark(benchmark).setDatasets(List.of("cifar10"))
                .setLosses(List.of("mse")).setTrainSizes(List.of(12)).setSeeds(1).setBaseSeed(0)
                .setParams(org.lossforge.schemas.PredictorParams.newBuilder()
                        .setModel(org.lossforge.schemas.PredictorModel.GCN).setHidden(144).setLayers(3).setFcHidden(128)
                        .setDropout(0).setLr(1e-4).setWeightDecay(3e-4).setEpochs(10).setBatchSize(16).build())
                .setRequestedAt(Instant.now()).build();
    }

    private static String reason(Map<String, String> reasons, RecordMetadata m) {
        String r = reasons.get(m.topic() + "@" + m.offset());
        assertNotNull(r, "dead letter of " + m);
        return r;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
