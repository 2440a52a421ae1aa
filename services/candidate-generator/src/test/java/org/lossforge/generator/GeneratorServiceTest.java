package org.lossforge.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.Topics;
import org.lossforge.testkit.TopicReader;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.testing.KafkaAndRegistryResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The generator end to end: a real broker (in-process KRaft), the real registry, a study POSTed over HTTP, a candidate
 * published with a plain {@link KafkaProducer} and our serializer, the jobs read back with a plain consumer. Every
 * wait is bounded.
 */
@QuarkusTest
// fresh consumer groups: no offsets committed by an earlier run against an external broker
@QuarkusTestResource(value = KafkaAndRegistryResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mp.messaging.incoming.studies-in.group.id", value = "lossforge-generator-test-{unique}"),
        @ResourceArg(name = "mp.messaging.incoming.loss-candidates-in.group.id", value = "lossforge-generator-test-{unique}")})
class GeneratorServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration QUIET = Duration.ofSeconds(3);
    /** The %test profile's API key (application.properties). */
    static final String API_KEY = "test-api-key-0123456789abcdef";

    /** A JSON request with the API key, as every write needs (DESIGN.md "Security"). */
    static io.restassured.specification.RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + API_KEY).contentType("application/json");
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "lossforge.schema-registry.url")
    String registryUrl;

    void publish(LossCandidate c) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<String, LossCandidate> producer = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(registryUrl), true))) {
            producer.send(new ProducerRecord<>(Topics.LOSS_CANDIDATES, Keys.study(c.getStudyId()), c))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    static LossCandidate candidate(String id, String study, String spec) {
        return LossCandidate.newBuilder().setCandidateId(id).setStudyId(study).setKind(LossKind.NAMED).setSpec(spec)
                .setDisplayName(null).setSubmittedBy("test").setSubmittedAt(Instant.now()).build();
    }

    static void assertCoreTrainingSet(TrainingJob j, long baseSeed) {
        Benchmark b = Benchmarks.get("nb201");
        String trainMetric = StudyPlan.trainMetric(b, null, j.getDataset());
        assertEquals(trainMetric, j.getTrainMetric());
        StudyPlan.TrainingSet set = StudyPlan.trainingSet(b, baseSeed, j.getDataset(), trainMetric, j.getTrainSize(),
                j.getSeedIndex());
        assertEquals(set.seed(), j.getSeed());
        assertEquals(set.archIdx().length, j.getTrainArchitectures().size());
        for (int i = 0; i < set.archIdx().length; i++) {
            assertEquals(set.archIdx()[i], j.getTrainArchitectures().get(i));
            assertEquals(set.labels()[i], j.getTrainLabels().get(i));
        }
    }

    @Test
    void aStudyAndACandidateBecomeTrainingJobsAndAnUnknownStudyIsDeadLettered() throws Exception {
        authorized()
                .body("{\"studyId\":\"svc-study\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],"
                        + "\"losses\":[\"mse\",\"hr\"],\"trainSizes\":[20],\"seeds\":2,\"baseSeed\":11,"
                        + "\"params\":{\"epochs\":5}}")
                .when().post("/studies")
                .then().statusCode(202).body("studyId", equalTo("svc-study"));

        try (TopicReader<TrainingJob> jobs = new TopicReader<>(bootstrap, Topics.TRAINING_JOBS,
                new AvroDeserializer<>(TrainingJob.class, new SchemaRegistryClient(registryUrl)))) {
            List<ConsumerRecord<String, TrainingJob>> own = jobs.awaitExactly(
                    r -> r.value().getStudyId().equals("svc-study") && r.value().getCandidateId() == null, 4, WAIT, QUIET);
            Set<String> keys = new HashSet<>();
            Set<String> trials = new HashSet<>();
            for (ConsumerRecord<String, TrainingJob> r : own) {
                TrainingJob j = r.value();
                keys.add(r.key());
                trials.add(j.getTrialId());
                assertEquals(Keys.config(j), r.key());
                assertEquals(5, j.getParams().getEpochs());
                assertCoreTrainingSet(j, 11L);
            }
            assertEquals(Set.of("svc-study/nb201/cifar10/20/mse", "svc-study/nb201/cifar10/20/hr"), keys);
            assertEquals(Set.of("svc-study/nb201/cifar10/20/mse/0", "svc-study/nb201/cifar10/20/mse/1",
                    "svc-study/nb201/cifar10/20/hr/0", "svc-study/nb201/cifar10/20/hr/1"), trials);

            publish(candidate("cand-lr", "svc-study", "lr"));
            List<ConsumerRecord<String, TrainingJob>> lr = jobs.awaitExactly(
                    r -> "cand-lr".equals(r.value().getCandidateId()), 2, WAIT, QUIET);
            for (ConsumerRecord<String, TrainingJob> r : lr) {
                assertEquals("svc-study/nb201/cifar10/20/lr", r.key());
                assertEquals("lr", r.value().getLoss());
                assertEquals(LossKind.NAMED, r.value().getLossKind());
                assertCoreTrainingSet(r.value(), 11L);
            }
            // the same candidate again: idempotent, no new jobs
            publish(candidate("cand-lr", "svc-study", "lr"));
            jobs.awaitExactly(r -> "cand-lr".equals(r.value().getCandidateId()), 2, WAIT, QUIET);
        }

        publish(candidate("cand-x", "no-such-study", "lr"));
        try (TopicReader<DeadLetter> dead = new TopicReader<>(bootstrap, Topics.DEAD_LETTERS,
                new AvroDeserializer<>(DeadLetter.class, new SchemaRegistryClient(registryUrl)))) {
            DeadLetter d = dead.await(r -> r.value().getOriginalTopic().equals(Topics.LOSS_CANDIDATES)
                    && r.value().getReason().contains("cand-x"), WAIT).value();
            assertTrue(d.getReason().startsWith(StudyBook.UNKNOWN_STUDY + ":"), d.getReason());
            assertEquals(Topics.CANDIDATE_GENERATOR, d.getService());
        }
    }

    /**
     * A loss injected over HTTP into a study the generator knows is checked against it (a bad spec is a 400 with the
     * reason, an unknown study a 404), published as a LossCandidate, and planned into the study's jobs: one per
     * (dataset, train size, seed), as many as the 202 says.
     */
    @Test
    void aLossInjectedOverHttpIsCheckedAgainstItsStudyAndPlanned() throws Exception {
        authorized()
                .body("{\"studyId\":\"rest-study\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],"
                        + "\"losses\":[\"mse\"],\"trainSizes\":[20,40],\"seeds\":2,\"baseSeed\":5}")
                .when().post("/studies").then().statusCode(202);
        // the generator learns the study from the studies topic: until then it is unknown (404), not refused
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status;
        do {
            status = authorized()
                    .body("{\"candidateId\":\"rest-hr\",\"spec\":\"hr:margin=0.2\",\"displayName\":\"HR 0.2\"}")
                    .when().post("/studies/rest-study/candidates").then().extract().statusCode();
            if (status == 404) {
                Thread.sleep(200);
            }
        } while (status == 404 && System.nanoTime() < deadline);
        assertEquals(202, status);
        authorized().body("{\"candidateId\":\"rest-hr2\",\"spec\":\"hr:margin=0.2\"}")
                .when().post("/studies/rest-study/candidates")
                .then().statusCode(202).body("jobs", equalTo(4)).body("kind", equalTo("NAMED"))
                .body("loss", equalTo("hr:margin=0.2"));
        authorized().body("{\"candidateId\":\"rest-bad\",\"spec\":\"hr:margn=0.2\"}")
                .when().post("/studies/rest-study/candidates")
                .then().statusCode(400).body("error", startsWith("BAD_LOSS_SPEC"));
        authorized().body("{\"candidateId\":\"rest-x\",\"spec\":\"lr\"}")
                .when().post("/studies/no-such-study/candidates")
                .then().statusCode(404).body("error", startsWith(StudyBook.UNKNOWN_STUDY));
        try (TopicReader<TrainingJob> jobs = new TopicReader<>(bootstrap, Topics.TRAINING_JOBS,
                new AvroDeserializer<>(TrainingJob.class, new SchemaRegistryClient(registryUrl)))) {
            List<ConsumerRecord<String, TrainingJob>> hr = jobs.awaitExactly(
                    r -> "rest-hr".equals(r.value().getCandidateId()), 4, WAIT, QUIET);
            Set<String> trials = new HashSet<>();
            for (ConsumerRecord<String, TrainingJob> r : hr) {
                assertEquals("hr:margin=0.2", r.value().getLoss());
                assertCoreTrainingSet(r.value(), 5L);
                trials.add(r.value().getTrialId());
            }
            assertEquals(Set.of("rest-study/nb201/cifar10/20/hr:margin=0.2/0", "rest-study/nb201/cifar10/20/hr:margin=0.2/1",
                    "rest-study/nb201/cifar10/40/hr:margin=0.2/0", "rest-study/nb201/cifar10/40/hr:margin=0.2/1"), trials);
        }
    }

    /**
     * NLFS: a run POSTed over HTTP starts the evolver, whose first child arrives as a surrogate job; a person's
     * expression injected over HTTP (or a baseline) becomes a surrogate job under its canonical form; a bad expression
     * is a 400 with the parse position over HTTP and a dead letter with the integrity check's reason over Kafka.
     */
    @Test
    void anNlfsRunEvolvesAndInjectedExpressionsAreScreened() throws Exception {
        authorized()
                .body("{\"runId\":\"svc-nlfs\",\"seed\":3,\"settings\":{\"preset\":\"tiny\",\"population\":\"2\","
                        + "\"initial_pool\":\"2\",\"rescore\":\"false\",\"tournament\":\"2\",\"cycles\":\"1\"}}")
                .when().post("/nlfs-runs")
                .then().statusCode(202).body("runId", equalTo("svc-nlfs"))
                .body("trainSize", equalTo(org.lossforge.core.classify.NlfsRunConfig.fromMap(java.util.Map.of("preset",
                        "tiny"), 3).trainSize()));
        authorized().body("{\"runId\":\"svc-nlfs-2\",\"settings\":{\"cycles\":\"-1\"}}")
                .when().post("/nlfs-runs").then().statusCode(400).body("error", startsWith("INVALID_NLFS_RUN"));

        try (TopicReader<org.lossforge.schemas.SurrogateJob> jobs = new TopicReader<>(bootstrap, Topics.SURROGATE_JOBS,
                new AvroDeserializer<>(org.lossforge.schemas.SurrogateJob.class, new SchemaRegistryClient(registryUrl)))) {
            org.lossforge.schemas.SurrogateJob child = jobs.await(r -> r.value().getCandidateId().equals("svc-nlfs.s0.t0"),
                    WAIT).value();
            assertEquals("svc-nlfs", child.getRunId());
            assertEquals(LossKind.EXPRESSION, child.getKind());
            org.lossforge.core.nlfs.Nlfs.Checked checked = org.lossforge.core.nlfs.Nlfs.check(child.getExpression());
            assertEquals(org.lossforge.core.classify.CandidateLosses.printed(checked), child.getLoss());

            authorized()
                    .body("{\"candidateId\":\"ce-1\",\"expression\":\"-(ln(|yhat|) * y)\"}")
                    .when().post("/nlfs-runs/svc-nlfs/candidates")
                    .then().statusCode(202).body("loss", equalTo("-(y * ln(|yhat|))"));
            org.lossforge.schemas.SurrogateJob ce = jobs.await(r -> r.value().getCandidateId().equals("ce-1"), WAIT).value();
            assertEquals("-(y * ln(|yhat|))", ce.getLoss());
            authorized().body("{\"candidateId\":\"b-1\",\"expression\":\"baikal\"}")
                    .when().post("/nlfs-runs/svc-nlfs/candidates").then().statusCode(202).body("loss", equalTo("baikal"));
            assertEquals(LossKind.NAMED, jobs.await(r -> r.value().getCandidateId().equals("b-1"), WAIT).value().getKind());
        }
        authorized().body("{\"candidateId\":\"bad-1\",\"expression\":\"y * (yhat\"}")
                .when().post("/nlfs-runs/svc-nlfs/candidates")
                .then().statusCode(400).body("error", startsWith("BAD_LOSS_EXPRESSION: candidate bad-1 'y * (yhat': parse error at position 10"));

        publish(LossCandidate.newBuilder(candidate("sym-1", "svc-nlfs", "y + yhat")).setKind(LossKind.EXPRESSION).build());
        try (TopicReader<DeadLetter> dead = new TopicReader<>(bootstrap, Topics.DEAD_LETTERS,
                new AvroDeserializer<>(DeadLetter.class, new SchemaRegistryClient(registryUrl)))) {
            DeadLetter d = dead.await(r -> r.value().getReason().contains("sym-1"), WAIT).value();
            assertTrue(d.getReason().startsWith("BAD_LOSS_EXPRESSION: candidate sym-1 'y + yhat': integrity check"),
                    d.getReason());
            assertEquals(Topics.LOSS_CANDIDATES, d.getOriginalTopic());
        }
    }

    @Test
    void anInvalidStudyIsA400WithTheReason() {
        authorized()
                .body("{\"benchmark\":\"nb201\",\"datasets\":[\"mnist\"],\"losses\":[\"mse\"],\"trainSizes\":[20]}")
                .when().post("/studies")
                .then().statusCode(400).body("error", startsWith("UNKNOWN_DATASET"));
    }

    @Test
    void healthIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
