package org.lossforge.ranker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lossforge.ranker.Fixtures.ok;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.testing.PackagedAppResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;

/**
 * The packaged ranker (target/quarkus-app here; the native executable under {@code -Dnative}) in its own process,
 * over the real broker and registry: ready, evaluations ranked into a leaderboard over REST (Kafka Streams with
 * exactly-once, the state store, the Avro classes, the JSON records), and a bad query answered with its Problem body.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAppResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "kafka-streams.state.dir", value = "{tempdir}"),
        @ResourceArg(name = "quarkus.kafka-streams.application-id", value = "lossforge-ranker-it-{unique}")})
class RankerIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void readyAndEvaluationsComeBackAsARankedLeaderboard() throws Exception {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PackagedAppResource.config("kafka.bootstrap.servers"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Evaluation> producer = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(PackagedAppResource.config("lossforge.schema-registry.url")),
                        true))) {
            for (Evaluation e : List.of(ok("it1", "hr", 0, 0.5), ok("it1", "hr", 1, 0.7), ok("it1", "mse", 0, 0.3),
                    ok("it1", "hr", 0, 0.5))) {   // the last one redelivered: counted once
                producer.send(new ProducerRecord<>(Topics.EVALUATIONS, Keys.config(e), e)).get(30, TimeUnit.SECONDS);
            }
        }
        JsonPath[] board = new JsonPath[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().get("/leaderboards/it1");
            board[0] = r.statusCode() == 200 ? r.jsonPath(RankerServiceTest.DOUBLES) : null;
            return board[0] != null && board[0].getInt("configurations") == 2
                    && board[0].getList("groups[0].entries.count", Integer.class).equals(List.of(2, 1));
        });
        assertEquals(List.of("hr", "mse"), board[0].getList("groups[0].entries.loss"));
        assertEquals(0.6, board[0].getDouble("groups[0].entries[0].mean"), 1e-9);
        assertEquals(0.3, board[0].getDouble("groups[0].entries[1].mean"), 1e-9);

        given().get("/leaderboards/it1?metric=accuracy").then().statusCode(400)
                .body("status", equalTo(400)).body("message", containsString("kendallTauB"));
    }
}
