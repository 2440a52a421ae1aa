package org.lossforge.trainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.lossforge.core.classify.CandidateLosses;
import org.lossforge.core.classify.EngineThreads;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.core.classify.Surrogate;
import org.lossforge.core.classify.SurrogateResult;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.study.TrialTrainer;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.Scores;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.schemas.Topics;
import org.lossforge.testkit.TopicReader;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.trainer.nlfs.NlfsJobs;
import org.lossforge.services.testing.KafkaAndRegistryResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The trainer end to end: a real broker (in-process KRaft), the real registry, real (tiny) fits on DJL/PyTorch.
 * Jobs are published with a plain {@link KafkaProducer} and our serializer; outputs are read with a plain consumer.
 * Every wait is bounded.
 */
@QuarkusTest
// fresh consumer groups: no offsets committed by an earlier run against an external broker
@QuarkusTestResource(value = KafkaAndRegistryResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mp.messaging.incoming.training-jobs-in.group.id", value = "lossforge-predictor-trainer-test-{unique}"),
        @ResourceArg(name = "mp.messaging.incoming.surrogate-jobs-in.group.id", value = "lossforge-surrogate-trainer-test-{unique}")})
class TrainerServiceTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "lossforge.schema-registry.url")
    String registryUrl;

    @ConfigProperty(name = "mp.messaging.incoming.training-jobs-in.group.id")
    String group;

    @ConfigProperty(name = "mp.messaging.incoming.surrogate-jobs-in.group.id")
    String surrogateGroup;

    Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        return p;
    }

    RecordMetadata publish(TrainingJob job) throws Exception {
        try (KafkaProducer<String, TrainingJob> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(registryUrl), true))) {
            return producer.send(new ProducerRecord<>(Topics.TRAINING_JOBS, Keys.config(job), job)).get(30, TimeUnit.SECONDS);
        }
    }

    RecordMetadata publish(SurrogateJob job) throws Exception {
        try (KafkaProducer<String, SurrogateJob> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(registryUrl), true))) {
            return producer.send(new ProducerRecord<>(Topics.SURROGATE_JOBS, job.getRunId(), job)).get(30, TimeUnit.SECONDS);
        }
    }

    RecordMetadata publishRaw(String key, byte[] value) throws Exception {
        return publishRaw(Topics.TRAINING_JOBS, key, value);
    }

    RecordMetadata publishRaw(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    TopicReader<Evaluation> evaluations() {
        return new TopicReader<>(bootstrap, Topics.EVALUATIONS,
                new AvroDeserializer<>(Evaluation.class, new SchemaRegistryClient(registryUrl)));
    }

    TopicReader<DeadLetter> deadLetters() {
        return new TopicReader<>(bootstrap, Topics.DEAD_LETTERS,
                new AvroDeserializer<>(DeadLetter.class, new SchemaRegistryClient(registryUrl)));
    }

    TopicReader<PredictionSet> predictionSets() {
        return new TopicReader<>(bootstrap, Topics.PREDICTION_SETS,
                new AvroDeserializer<>(PredictionSet.class, new SchemaRegistryClient(registryUrl)));
    }

    @Test
    void aJobIsTrainedExactlyAsCoreTrainsIt() throws Exception {
        TrainingJob job = Jobs.tiny("svc-train", "mse", 0).build();
        RecordMetadata in = publish(job);
        try (TopicReader<PredictionSet> out = predictionSets()) {
            ConsumerRecord<String, PredictionSet> r = out.await(x -> x.value().getTrialId().equals(job.getTrialId()), WAIT);
            PredictionSet p = r.value();
            assertEquals(Keys.config(job), r.key());
            assertNull(p.getError());
            assertEquals(15_625, p.getCount());
            TrialTrainer.Result expected = new TrialTrainer(Benchmarks.get("nb201"))
                    .train("cifar10", "valid", LossSpec.parse("mse"), Jobs.set(0), Jobs.CONFIG);
            assertArrayEquals(expected.scores(), Scores.decode(p.getScores(), p.getEncoding(), p.getCount()));
            assertEquals(expected.fit().finalLoss()[0], p.getFinalLoss());
            assertTrue(p.getEngine().startsWith("PyTorch 2.5.1 on "), p.getEngine());
            assertTrue(p.getFitMillis() > 0, "fitMillis " + p.getFitMillis());
            assertEquals("test", p.getEvalMetric());
        }
        // the job's offset is committed once its prediction set is acknowledged
        TopicReader.awaitCommitted(bootstrap, group, Topics.TRAINING_JOBS, in.partition(), in.offset(), WAIT);
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextJobIsStillTrained() throws Exception {
        TrainingJob good = Jobs.tiny("svc-poison", "hr:margin=0.05", 1).build();
        String key = Keys.config(good);
        byte[] garbage = new byte[48];
        new Random(11).nextBytes(garbage);
        RecordMetadata poison = publishRaw(key, garbage);
        publish(good);   // same key: same partition, after the poison record

        try (TopicReader<PredictionSet> out = predictionSets()) {
            PredictionSet p = out.await(x -> x.value().getTrialId().equals(good.getTrialId()), WAIT).value();
            assertNull(p.getError());
            assertEquals(15_625, p.getCount());
        }
        try (TopicReader<DeadLetter> dead = new TopicReader<>(bootstrap, Topics.DEAD_LETTERS,
                new AvroDeserializer<>(DeadLetter.class, new SchemaRegistryClient(registryUrl)))) {
            ConsumerRecord<String, DeadLetter> r = dead.await(x -> x.value().getOriginalTopic().equals(Topics.TRAINING_JOBS)
                    && x.value().getPartition() == poison.partition() && x.value().getOffset() == poison.offset(), WAIT);
            DeadLetter d = r.value();
            assertEquals(Keys.deadLetter(Topics.TRAINING_JOBS, poison.partition(), poison.offset()), r.key());
            assertEquals(ByteBuffer.wrap(garbage), d.getValue());
            assertEquals(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), d.getKey());
            assertTrue(d.getReason().matches("(BAD_MAGIC|UNKNOWN_SCHEMA_ID|CORRUPT_PAYLOAD|TOO_SHORT) .*"), d.getReason());
            assertEquals("predictor-trainer", d.getService());
        }
    }

    @Test
    void aLossThatRefusesTheLabelsGivesAPredictionSetWithError() throws Exception {
        TrainingJob job = Jobs.tiny("svc-mape", "mape:lower_bound=0.99", 0).build();
        publish(job);
        try (TopicReader<PredictionSet> out = predictionSets()) {
            PredictionSet p = out.await(x -> x.value().getTrialId().equals(job.getTrialId()), WAIT).value();
            assertTrue(p.getError().startsWith("mape lower bound b=0.99 must be strictly below"), p.getError());
            assertEquals(0, p.getCount());
            assertEquals(0, p.getScores().remaining());
        }
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : new String[] {
                "lossforge_trainer_jobs_total{outcome=\"failed_trial\",service=\"predictor-trainer\"}",
                "lossforge_trainer_fit_seconds_count{outcome=\"failed_trial\",service=\"predictor-trainer\"}",
                "lossforge_records_consumed_total{input=\"lossforge.training-jobs.v1\",service=\"predictor-trainer\"}"}) {
            assertTrue(counted(scrape, series), series + " counted in\n" + scrape);
        }
        assertTrue(Pattern.compile("(?m)^lossforge_trainer_fit_seconds_bucket\\{outcome=\"failed_trial\",.*le=\"\\+Inf\"} [1-9]")
                .matcher(scrape).find(), "fit time is a histogram");
        assertTrue(scrape.contains("lossforge_trainer_gpus{service=\"predictor-trainer\"}"), "GPU gauge");
    }

    @Test
    void aSurrogateJobIsScoredExactlyAsCoreScoresIt() throws Exception {
        SurrogateJob job = NlfsJobs.expression("svc-nlfs", "cand-1", NlfsJobs.CE).build();
        // core's result first, so this training does not overlap the service's (PyTorch's thread settings are global)
        NlfsRunConfig cfg = NlfsRunConfig.fromMap(NlfsJobs.TINY, 0);
        SurrogateResult expected;
        int threads = EngineThreads.get();
        try {
            EngineThreads.set(1);   // as the service trains (lossforge.surrogate.threads)
            expected = new Surrogate(cfg.surrogate()).evaluate(CandidateLosses.of(NlfsJobs.CE, "x").loss(), NlfsJobs.SEED);
        } finally {
            EngineThreads.set(threads);
        }
        assertTrue(expected.ok(), expected.toString());
        RecordMetadata in = publish(job);
        try (TopicReader<Evaluation> out = evaluations()) {
            ConsumerRecord<String, Evaluation> r = out.await(x -> x.value().getTrialId().equals(job.getTrialId()), WAIT);
            Evaluation e = r.value();
            assertEquals(Keys.config(e), r.key());
            assertEquals("svc-nlfs/nlfs/fashion-mnist/500/" + job.getLoss(), r.key());
            assertEquals(EvaluationStatus.OK, e.getStatus());
            assertNull(e.getError());
            assertEquals(expected.fitness(), e.getFitness());
            assertTrue(e.getTrainSeconds() > 0, "trainSeconds " + e.getTrainSeconds());
            assertEquals("cand-1", e.getCandidateId());
            assertEquals(NlfsJobs.SEED, e.getSeed());
            assertEquals("valid_accuracy", e.getEvalMetric());
            assertTrue(Double.isNaN(e.getKendallTauB()));
        }
        // the job's offset is committed once its evaluation is acknowledged
        TopicReader.awaitCommitted(bootstrap, surrogateGroup, Topics.SURROGATE_JOBS, in.partition(), in.offset(), WAIT);
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String series = "lossforge_trainer_surrogate_jobs_total{outcome=\"trained\",service=\"predictor-trainer\"}";
        assertTrue(counted(scrape, series), series + " counted in\n" + scrape);
    }

    @Test
    void badSurrogateJobsAreDeadLetteredAndTheNextJobIsStillScored() throws Exception {
        String run = "svc-nlfs-bad";
        byte[] garbage = new byte[40];
        new Random(12).nextBytes(garbage);
        RecordMetadata poison = publishRaw(Topics.SURROGATE_JOBS, run, garbage);
        // parses, but the integrity check rejects it
        SurrogateJob bad = NlfsJobs.job(run, "cand-bad", org.lossforge.schemas.LossKind.EXPRESSION, "y + yhat", "y + yhat")
                .build();
        RecordMetadata rejected = publish(bad);
        SurrogateJob next = NlfsJobs.baseline(run, "baikal").build();   // same key: same partition, after both
        publish(next);

        try (TopicReader<Evaluation> out = evaluations()) {
            Evaluation e = out.await(x -> x.value().getTrialId().equals(next.getTrialId()), WAIT).value();
            assertEquals("baikal", e.getLoss());
            assertEquals("nlfs", e.getBenchmark());
            assertTrue(e.getStatus() == EvaluationStatus.OK ? e.getFitness() != null : e.getError() != null, e.toString());
        }
        try (TopicReader<DeadLetter> dead = deadLetters()) {
            DeadLetter d = dead.await(x -> x.value().getOriginalTopic().equals(Topics.SURROGATE_JOBS)
                    && x.value().getOffset() == poison.offset() && x.value().getPartition() == poison.partition(), WAIT).value();
            assertEquals(ByteBuffer.wrap(garbage), d.getValue());
            assertTrue(d.getReason().matches("(BAD_MAGIC|UNKNOWN_SCHEMA_ID|CORRUPT_PAYLOAD|TOO_SHORT) .*"), d.getReason());
            DeadLetter r = dead.await(x -> x.value().getOriginalTopic().equals(Topics.SURROGATE_JOBS)
                    && x.value().getOffset() == rejected.offset() && x.value().getPartition() == rejected.partition(), WAIT).value();
            assertTrue(r.getReason().startsWith("BAD_LOSS_EXPRESSION: expression 'y + yhat': "), r.getReason());
            assertEquals("predictor-trainer", r.getService());
        }
    }

    @Test
    void healthShowsTheEngineMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("djl-engine"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("kafka_"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("LossForge predictor-trainer"));
    }

    /** Whether the scrape has {@code series} (name and labels as exposed, labels sorted) with a value of at least 1. */
    static boolean counted(String scrape, String series) {
        return Pattern.compile("(?m)^" + Pattern.quote(series) + " [1-9]").matcher(scrape).find();
    }
}
