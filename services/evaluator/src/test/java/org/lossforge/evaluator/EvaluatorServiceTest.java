package org.lossforge.evaluator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.study.TrialResult;
import org.lossforge.core.study.TrialTrainer;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.ScoreEncoding;
import org.lossforge.schemas.Scores;
import org.lossforge.schemas.Topics;
import org.lossforge.testkit.TopicReader;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.testing.KafkaAndRegistryResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The evaluator end to end: a real broker (in-process KRaft), the real registry, prediction sets published with a
 * plain {@link KafkaProducer} and our serializer, outputs read back with a plain consumer. Every wait is bounded.
 */
@QuarkusTest
// fresh consumer groups: no offsets committed by an earlier run against an external broker
@QuarkusTestResource(value = KafkaAndRegistryResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mp.messaging.incoming.prediction-sets-in.group.id", value = "lossforge-evaluator-test-{unique}")})
class EvaluatorServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "lossforge.schema-registry.url")
    String registryUrl;

    @ConfigProperty(name = "mp.messaging.incoming.prediction-sets-in.group.id")
    String group;

    Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 << 20));
        return p;
    }

    RecordMetadata publish(PredictionSet p) throws Exception {
        try (KafkaProducer<String, PredictionSet> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(registryUrl), true))) {
            return producer.send(new ProducerRecord<>(Topics.PREDICTION_SETS, Keys.config(p), p)).get(30, TimeUnit.SECONDS);
        }
    }

    RecordMetadata publishRaw(String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(Topics.PREDICTION_SETS, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    static PredictionSet.Builder prediction(String study, float[] scores) {
        return PredictionSet.newBuilder()
                .setTrialId(study + "/nb201/cifar10/20/mse/0").setStudyId(study).setBenchmark("nb201")
                .setDataset("cifar10").setTrainSize(20).setLoss("mse").setCandidateId(null)
                .setSeedIndex(0).setSeed(42L).setTrainMetric("valid").setEvalMetric("test")
                .setCount(scores.length).setEncoding(ScoreEncoding.F32LE).setScores(Scores.encode(scores))
                .setFitMillis(10L).setFinalLoss(0.5).setError(null).setEngine("test")
                .setCreatedAt(Instant.now());
    }

    static float[] validScores() {
        double[] valid = Benchmarks.get("nb201").truthColumn("cifar10", "valid");
        float[] f = new float[valid.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) valid[i];
        }
        return f;
    }

    TopicReader<Evaluation> evaluations() {
        return new TopicReader<>(bootstrap, Topics.EVALUATIONS,
                new AvroDeserializer<>(Evaluation.class, new SchemaRegistryClient(registryUrl)));
    }

    TopicReader<DeadLetter> deadLetters() {
        return new TopicReader<>(bootstrap, Topics.DEAD_LETTERS,
                new AvroDeserializer<>(DeadLetter.class, new SchemaRegistryClient(registryUrl)));
    }

    @Test
    void aPredictionSetIsEvaluatedWithCoresMetrics() throws Exception {
        float[] scores = validScores();
        PredictionSet p = prediction("svc-ok", scores).build();
        RecordMetadata in = publish(p);
        try (TopicReader<Evaluation> out = evaluations()) {
            ConsumerRecord<String, Evaluation> r = out.await(x -> x.value().getStudyId().equals("svc-ok"), WAIT);
            Evaluation e = r.value();
            assertEquals(Keys.config(p), r.key());
            assertEquals(p.getTrialId(), e.getTrialId());
            assertEquals(EvaluationStatus.OK, e.getStatus());
            assertNull(e.getError());
            assertEquals("test", e.getEvalMetric());
            TrialResult core = TrialResult.of("nb201", "cifar10", 20, "mse", 0, 42L,
                    TrialTrainer.evaluate(Benchmarks.get("nb201").truthColumn("cifar10", "test"), scores));
            assertEquals(core.tau(), e.getKendallTauB());
            assertEquals(core.spearman(), e.getSpearman());
            assertEquals(core.p05(), e.getP05());
            assertEquals(core.p1(), e.getP1());
            assertEquals(core.p5(), e.getP5());
            assertEquals(core.p10(), e.getP10());
            assertEquals(core.n1(), e.getN1());
            assertEquals(core.n5(), e.getN5());
            assertEquals(core.n10(), e.getN10());
            assertEquals(core.regret10(), e.getRegret10());
        }
        // the input's offset is committed once its evaluation is acknowledged
        TopicReader.awaitCommitted(bootstrap, group, Topics.PREDICTION_SETS, in.partition(), in.offset(), WAIT);
    }

    @Test
    void aFailedTrialIsEvaluatedAsFailed() throws Exception {
        publish(prediction("svc-failed", new float[0]).setError("training diverged").setFinalLoss(null).build());
        try (TopicReader<Evaluation> out = evaluations()) {
            Evaluation e = out.await(x -> x.value().getStudyId().equals("svc-failed"), WAIT).value();
            assertEquals(EvaluationStatus.FAILED, e.getStatus());
            assertEquals("training diverged", e.getError());
            assertTrue(Double.isNaN(e.getKendallTauB()) && Double.isNaN(e.getRegret10()));
        }
    }

    @Test
    void poisonAndInvalidRecordsAreDeadLetteredAndTheNextRecordIsStillEvaluated() throws Exception {
        PredictionSet good = prediction("svc-poison", validScores()).build();
        String key = Keys.config(good);
        byte[] garbage = new byte[64];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x2a;   // never the magic byte
        RecordMetadata poison = publishRaw(key, garbage);
        RecordMetadata wrongCount = publish(prediction("svc-poison", Arrays.copyOf(validScores(), 100)).build());
        RecordMetadata unknown = publish(prediction("svc-poison", validScores()).setBenchmark("nb999").build());
        publish(good);   // same key, same partition, after the bad ones

        try (TopicReader<Evaluation> out = evaluations()) {
            Evaluation e = out.await(x -> x.value().getStudyId().equals("svc-poison"), WAIT).value();
            assertEquals(EvaluationStatus.OK, e.getStatus());
            assertEquals("nb201", e.getBenchmark());
        }
        try (TopicReader<DeadLetter> dead = deadLetters()) {
            DeadLetter d = dead.await(x -> x.value().getOffset() == poison.offset()
                    && x.value().getPartition() == poison.partition(), WAIT).value();
            assertEquals(Topics.PREDICTION_SETS, d.getOriginalTopic());
            assertEquals(ByteBuffer.wrap(garbage), d.getValue());
            assertEquals(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), d.getKey());
            assertTrue(d.getReason().startsWith("BAD_MAGIC"), d.getReason());
            assertTrue(d.getException().startsWith("org.lossforge.serde.SerdeException"), d.getException());
            assertEquals("evaluator", d.getService());

            ConsumerRecord<String, DeadLetter> count = dead.await(x -> x.value().getOffset() == wrongCount.offset()
                    && x.value().getPartition() == wrongCount.partition(), WAIT);
            assertEquals(Keys.deadLetter(Topics.PREDICTION_SETS, wrongCount.partition(), wrongCount.offset()), count.key());
            assertEquals("WRONG_SCORE_COUNT: count is 100 but nb201 has 15625 architectures", count.value().getReason());

            DeadLetter bench = dead.await(x -> x.value().getOffset() == unknown.offset()
                    && x.value().getPartition() == unknown.partition(), WAIT).value();
            assertTrue(bench.getReason().startsWith("UNKNOWN_BENCHMARK: no benchmark 'nb999'"), bench.getReason());
        }
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : new String[] {
                "lossforge_evaluator_records_total{outcome=\"dead_letter\",service=\"evaluator\"}",
                // UNKNOWN_BENCHMARK: a check refused the record
                "lossforge_dead_letters_total{input=\"lossforge.prediction-sets.v1\",reason=\"invalid\",service=\"evaluator\"}"}) {
            assertTrue(counted(scrape, series), series + " counted in\n" + scrape);
        }
    }

    @Test
    void healthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("kafka_"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("LossForge evaluator"));
    }

    /** Whether the scrape has {@code series} (name and labels as exposed, labels sorted) with a value of at least 1. */
    static boolean counted(String scrape, String series) {
        return Pattern.compile("(?m)^" + Pattern.quote(series) + " [1-9]").matcher(scrape).find();
    }
}
