package org.lossforge.ranker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.ranker.Fixtures.failed;
import static org.lossforge.ranker.Fixtures.nlfs;
import static org.lossforge.ranker.Fixtures.nlfsFailed;
import static org.lossforge.ranker.Fixtures.ok;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.MetricNames;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.testing.KafkaAndRegistryResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

/**
 * The service end to end: a real broker (in-process KRaft) and the real registry; evaluations are published with a
 * plain {@link KafkaProducer} and read back ranked over REST. Every wait is a bounded poll.
 */
@QuarkusTest
// a fresh application id and state dir (under target/): no committed offsets or state from an earlier run
@QuarkusTestResource(value = KafkaAndRegistryResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "kafka-streams.state.dir", value = "{tempdir}"),
        @ResourceArg(name = "quarkus.kafka-streams.application-id", value = "lossforge-ranker-test-{unique}")})
class RankerServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** JSON numbers as doubles (rest-assured's default is float, which loses the statistics' precision). */
    static final JsonPathConfig DOUBLES = JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "lossforge.schema-registry.url")
    String registryUrl;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    static KafkaProducer<String, Evaluation> producer;

    @BeforeEach
    void producer() {
        if (producer == null) {
            Properties p = producerProps();
            producer = new KafkaProducer<>(p, new StringSerializer(),
                    new AvroSerializer<>(new SchemaRegistryClient(registryUrl), true));
        }
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        return p;
    }

    static void publish(Evaluation... evaluations) throws Exception {
        for (Evaluation e : evaluations) {
            producer.send(new ProducerRecord<>(Topics.EVALUATIONS, Keys.config(e), e)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Polls GET /leaderboards/{study}{query} until {@code done} holds (503 and 404 are retried), bounded. */
    static JsonPath awaitLeaderboard(String study, String query, java.util.function.Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().get("/leaderboards/" + study + query);
            if (r.statusCode() != 200) {
                return false;
            }
            last[0] = r.jsonPath(DOUBLES);
            return done.test(last[0]);
        });
        return last[0];
    }

    @Test
    void publishedEvaluationsComeBackRankedOverRest() throws Exception {
        publish(ok("svc1", "hr", 0, 0.5), ok("svc1", "hr", 1, 0.6), ok("svc1", "hr", 2, 0.7),
                ok("svc1", "pw", 0, 0.8), ok("svc1", "pw", 1, 0.9), ok("svc1", "pw", 2, 0.7),
                ok("svc1", "mse", 0, 0.3), failed("svc1", "mse", 1),
                ok("svc1", "pw", 0, 0.8),                 // redelivered: must not count twice
                ok("svc10", "hr", 0, 0.99));              // another study whose id starts with "svc1"

        JsonPath board = awaitLeaderboard("svc1", "", j -> j.getInt("configurations") == 3
                && j.getList("groups[0].entries.count", Integer.class).stream().mapToInt(Integer::intValue).sum() == 7
                && j.getList("groups[0].entries.failed", Integer.class).stream().mapToInt(Integer::intValue).sum() == 1);
        assertEquals("kendallTauB", board.getString("metric"));
        assertEquals("desc", board.getString("order"));
        assertEquals(1, board.getList("groups").size());
        assertEquals("nb101", board.getString("groups[0].benchmark"));
        assertEquals(List.of("pw", "hr", "mse"), board.getList("groups[0].entries.loss"));
        assertEquals(List.of(1, 2, 3), board.getList("groups[0].entries.rank"));
        assertEquals(List.of(3, 3, 1), board.getList("groups[0].entries.count"));
        assertEquals(List.of(0, 0, 1), board.getList("groups[0].entries.failed"));
        Map<String, Object> pw = board.getMap("groups[0].entries[0]");
        assertEquals(0.8, ((Number) pw.get("mean")).doubleValue(), 1e-9);
        assertEquals(0.1, ((Number) pw.get("std")).doubleValue(), 1e-9);
        // half width t(0.975, 2) * 0.1 / sqrt(3) = 0.2484137712
        assertEquals(0.8 - 0.2484137712, ((Number) pw.get("ci95Low")).doubleValue(), 1e-9);
        assertEquals(0.8 + 0.2484137712, ((Number) pw.get("ci95High")).doubleValue(), 1e-9);

        // N@1 = 10 v: lower is better, so ascending by default
        given().get("/leaderboards/svc1?metric=n1").then().statusCode(200)
                .body("order", equalTo("asc"))
                .body("groups[0].entries.loss", equalTo(List.of("mse", "hr", "pw")));
        given().get("/leaderboards/svc1?metric=kendall_tau_b&order=asc&benchmark=nb101&dataset=cifar10&trainSize=100")
                .then().statusCode(200).body("groups[0].entries.loss", equalTo(List.of("mse", "hr", "pw")));
        given().get("/leaderboards/svc1?dataset=other").then().statusCode(200).body("configurations", equalTo(0));
        given().get("/leaderboards/svc10").then().statusCode(200).body("configurations", equalTo(1))
                .body("groups[0].entries[0].loss", equalTo("hr"));
        given().get("/leaderboards/svc1?metric=accuracy").then().statusCode(400)
                .body("message", containsString("kendallTauB"));
        given().get("/leaderboards/svc1?order=sideways").then().statusCode(400);
        given().get("/leaderboards/nobody").then().statusCode(404);
    }

    @Test
    void oneConfigurationsTrialsComeFromTheAggregateStore() throws Exception {
        String loss = "hr:margin=0.1 + y/yhat & more";   // free text: '/', '+', '&', spaces
        publish(ok("svc5", loss, 0, 0.5), ok("svc5", loss, 1, 0.6), failed("svc5", loss, 2), ok("svc5", loss, 1, 0.6));
        JsonPath[] last = new JsonPath[1];
        var request = given().queryParam("benchmark", "nb101").queryParam("dataset", "cifar10")
                .queryParam("trainSize", 100).queryParam("loss", loss);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().queryParam("benchmark", "nb101").queryParam("dataset", "cifar10")
                    .queryParam("trainSize", 100).queryParam("loss", loss).get("/leaderboards/svc5/configuration");
            if (r.statusCode() != 200) {
                return false;
            }
            last[0] = r.jsonPath(DOUBLES);
            return last[0].getInt("count") + last[0].getInt("failed") == 3;
        });
        JsonPath c = last[0];
        assertEquals(Keys.config("svc5", "nb101", "cifar10", 100, loss), c.getString("key"));
        assertEquals(loss, c.getString("loss"));
        assertEquals(2, c.getInt("count"));
        assertEquals(1, c.getInt("failed"));
        assertEquals(List.of(0, 1, 2), c.getList("trials.seedIndex"));
        assertEquals(List.of("OK", "OK", "FAILED"), c.getList("trials.status"));
        assertEquals(Keys.trialId("svc5", "nb101", "cifar10", 100, loss, 1), c.getString("trials[1].trialId"));
        assertEquals(0.6, c.getDouble("trials[1].metrics.kendallTauB"), 0.0);
        assertEquals(0.7, c.getDouble("trials[1].metrics.spearman"), 1e-12);
        assertEquals(Fixtures.T0.plusSeconds(1).toString(), c.getString("trials[1].evaluatedAt"));
        assertNull(c.get("trials[2].metrics.kendallTauB"), "a FAILED trial's metrics are null");
        assertEquals(MetricNames.ALL.size(), c.getMap("trials[0].metrics").size());
        // one instance: always its own active task, never stale
        assertEquals(false, c.getBoolean("stale"));
        String servedBy = c.getString("servedBy");
        request.get("/leaderboards/svc5/configuration").then().statusCode(200)
                .header("X-LossForge-Served-By", equalTo(servedBy));

        given().queryParam("benchmark", "nb101").queryParam("dataset", "cifar10").queryParam("trainSize", 100)
                .queryParam("loss", "never-published").get("/leaderboards/svc5/configuration").then().statusCode(404)
                .header("X-LossForge-Served-By", equalTo(servedBy));
        given().queryParam("benchmark", "nb101").queryParam("dataset", "cifar10").queryParam("loss", loss)
                .get("/leaderboards/svc5/configuration").then().statusCode(400)
                .body("message", containsString("trainSize"));
    }

    @Test
    void nlfsCandidatesRankByFitness() throws Exception {
        publish(nlfs("svc-nlfs", "c1", "-(y * ln(|yhat|))", 0.61), nlfs("svc-nlfs", "c2", "-(ln(|yhat|) - y / yhat)", 0.70),
                nlfs("svc-nlfs", "c3", "-(y * yhat)", 0.55), nlfsFailed("svc-nlfs", "c4", "y * y"));

        JsonPath board = awaitLeaderboard("svc-nlfs", "?metric=fitness", j -> j.getInt("configurations") == 4);
        assertEquals("fitness", board.getString("metric"));
        assertEquals("desc", board.getString("order"));
        assertEquals("nlfs", board.getString("groups[0].benchmark"));
        assertEquals("fashion-mnist", board.getString("groups[0].dataset"));
        assertEquals(List.of("c2", "c1", "c3", "c4"), board.getList("groups[0].entries.candidateId"));
        assertEquals(List.of(0.70, 0.61, 0.55), board.getList("groups[0].entries.mean", Double.class).subList(0, 3));
        assertEquals(null, board.getList("groups[0].entries.mean").get(3), "the failed candidate has no fitness");
        assertEquals(List.of(1, 2, 3, 4), board.getList("groups[0].entries.rank"));
        assertEquals(List.of(1, 1, 1, 0), board.getList("groups[0].entries.count"));
        assertEquals(List.of(0, 0, 0, 1), board.getList("groups[0].entries.failed"));
        assertEquals("valid_accuracy", board.getString("groups[0].entries[0].evalMetric"));
        // trainSeconds: lower is better
        given().get("/leaderboards/svc-nlfs?metric=train_seconds").then().statusCode(200)
                .body("order", equalTo("asc"))
                .body("groups[0].entries.candidateId", equalTo(List.of("c3", "c1", "c2", "c4")));
    }

    @Test
    void poisonRecordIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        String key = Keys.config(ok("svc2", "hr", 0, 0.5));
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.EVALUATIONS, key, garbage)).get(30, TimeUnit.SECONDS);
        }
        publish(ok("svc2", "hr", 0, 0.5));
        awaitLeaderboard("svc2", "", j -> j.getInt("configurations") == 1);

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check-" + System.nanoTime());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        DeadLetter found = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new AvroDeserializer<>(DeadLetter.class, new SchemaRegistryClient(registryUrl)))) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value().getValue() != null && r.value().getValue().equals(ByteBuffer.wrap(garbage))) {
                        found = r.value();
                        assertEquals(Keys.deadLetter(r.value().getOriginalTopic(), r.value().getPartition(),
                                r.value().getOffset()), r.key());
                    }
                }
            }
        }
        assertNotNull(found, "dead letter on " + Topics.DEAD_LETTERS);
        assertEquals(Topics.EVALUATIONS, found.getOriginalTopic());
        assertEquals("ranker", found.getService());
        assertEquals(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), found.getKey());
        assertTrue(found.getReason().contains("BAD_MAGIC"), found.getReason());
    }

    @Test
    void changesArriveAsServerSentEvents() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        Flow.Subscriber<String> subscriber = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                lines.add(line);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        };
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/leaderboards/svc3/stream"))
                .header("Accept", "text/event-stream").build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(subscriber));
        try {
            // the subscription may not be in place before the first change: publish one more trial per round until an
            // event for svc3 arrives (bounded), never a fixed sleep
            String event = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (int seed = 0; event == null && System.nanoTime() < deadline; seed++) {
                publish(ok("other", "hr", seed, 0.1), ok("svc3", "hr", seed, 0.4));
                long roundEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                String line;
                while (event == null && (line = lines.poll(Math.max(1, roundEnd - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                    if (line.startsWith("data:")) {
                        event = line;
                    }
                }
            }
            assertNotNull(event, "an SSE event for svc3");
            JsonPath json = JsonPath.from(event.substring("data:".length())).using(DOUBLES);
            assertEquals("svc3", json.getString("studyId"), "only the requested study's changes");
            assertEquals("hr", json.getString("loss"));
            assertEquals(0.4, json.getDouble("metrics.kendallTauB.mean"), 1e-9);
            assertTrue(json.getInt("count") >= 1);
        } finally {
            if (subscription[0] != null) {
                subscription[0].cancel();
            }
            response.cancel(true);
        }
    }

    @Test
    void healthMetricsAndOpenApi() throws Exception {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/leaderboards/{study}"))
                .body(containsString("/leaderboards/{study}/stream"))
                .body(containsString("/leaderboards/{study}/configuration"))
                .body(org.hamcrest.Matchers.not(containsString("/internal/aggregates")));
        publish(ok("svc4", "hr", 0, 0.5), ok("svc4", "hr", 0, 0.5));
        awaitLeaderboard("svc4", "", j -> j.getInt("configurations") == 1);
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : new String[] {
                "lossforge_ranker_evaluations_total{outcome=\"added\",service=\"ranker\"}",
                "lossforge_ranker_evaluations_total{outcome=\"duplicate\",service=\"ranker\"}",
                "lossforge_records_consumed_total{input=\"lossforge.evaluations.v1\",service=\"ranker\"}"}) {
            assertTrue(counted(scrape, series), series + " counted in\n" + scrape);
        }
        assertTrue(scrape.contains("kafka_stream_thread_commit_latency_avg{"), "Kafka Streams metrics bound");
    }

    /** Whether the scrape has {@code series} (name and labels as exposed, labels sorted) with a value of at least 1. */
    static boolean counted(String scrape, String series) {
        return Pattern.compile("(?m)^" + Pattern.quote(series) + " [1-9]").matcher(scrape).find();
    }
}
