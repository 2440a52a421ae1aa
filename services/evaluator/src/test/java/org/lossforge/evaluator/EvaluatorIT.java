package org.lossforge.evaluator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.study.TrialResult;
import org.lossforge.core.study.TrialTrainer;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.TopicReader;
import org.lossforge.services.testing.PackagedAppResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged evaluator (target/quarkus-app here; the native executable under {@code -Dnative}) in its own process,
 * over the real broker and registry: ready, and a prediction set becomes an evaluation with core's metrics. Through
 * the packaged app this crosses everything a native build must keep: the serializer
 * Kafka builds by class name, the Avro classes, the benchmark tables read from the data folder.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAppResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mp.messaging.incoming.prediction-sets-in.group.id", value = "lossforge-evaluator-it-{unique}")})
class EvaluatorIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void readyAndAPredictionSetBecomesAnEvaluationWithCoresMetrics() throws Exception {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        String bootstrap = PackagedAppResource.config("kafka.bootstrap.servers");
        String registry = PackagedAppResource.config("lossforge.schema-registry.url");
        float[] scores = EvaluatorServiceTest.validScores();
        PredictionSet p = EvaluatorServiceTest.prediction("it-packaged", scores).build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 << 20));
        try (KafkaProducer<String, PredictionSet> producer = new KafkaProducer<>(props, new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(registry), true))) {
            producer.send(new ProducerRecord<>(Topics.PREDICTION_SETS, Keys.config(p), p)).get(30, TimeUnit.SECONDS);
        }
        try (TopicReader<Evaluation> out = new TopicReader<>(bootstrap, Topics.EVALUATIONS,
                new AvroDeserializer<>(Evaluation.class, new SchemaRegistryClient(registry)))) {
            ConsumerRecord<String, Evaluation> r = out.await(x -> x.value().getStudyId().equals("it-packaged"), WAIT);
            Evaluation e = r.value();
            assertEquals(Keys.config(p), r.key());
            assertEquals(EvaluationStatus.OK, e.getStatus());
            TrialResult core = TrialResult.of("nb201", "cifar10", 20, "mse", 0, 42L,
                    TrialTrainer.evaluate(Benchmarks.get("nb201").truthColumn("cifar10", "test"), scores));
            assertEquals(core.tau(), e.getKendallTauB());
            assertEquals(core.spearman(), e.getSpearman());
            assertEquals(core.regret10(), e.getRegret10());
        }
    }
}
