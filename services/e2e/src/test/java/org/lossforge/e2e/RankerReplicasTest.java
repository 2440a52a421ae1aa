package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Two ranker instances of one Kafka Streams application (one standby replica each, as the Kubernetes overlay runs
 * them), each its own JVM, over a real KRaft broker and the real registry. 36 configurations x 3 seeds are published
 * straight to lossforge.evaluations.v1; the 12 partitions are split between the two instances. Then:
 * <ol>
 *   <li>the leaderboard (a global store) is the same JSON from either instance;</li>
 *   <li>every configuration's trials (the partitioned aggregate store) are the same from either instance and equal to
 *       what was published; each instance forwarded some queries to the other (the key's active host);</li>
 *   <li>one instance is killed: the survivor answers every configuration at once, the dead one's from its standby
 *       copy (marked stale), and after the rebalance from its own active tasks (not stale), still equal to what was
 *       published.</li>
 * </ol>
 * The consumer session timeout is 10 s (default 45 s) so the rebalance after the kill comes quickly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RankerReplicasTest {

    static final String STUDY = "replicas";
    static final String[] LOSSES = {"mse", "hr", "lr", "mse_sr", "listmle", "ew", "mape", "warp", "pw:margin=0.1 & y/yhat"};
    static final int[] SIZES = {50, 100, 200, 400};
    static final int SEEDS = 3;
    static final int CONFIGS = LOSSES.length * SIZES.length;
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final List<String> RANKING_METRICS = List.of("kendallTauB", "spearman", "p05", "p1", "p5", "p10", "n1", "n5",
            "n10", "regret10");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String SERVED_BY = "X-LossForge-Served-By";

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RankerReplicas replicas;
    /** The published evaluations by configuration key, in seed order. */
    final Map<String, List<Evaluation>> published = new LinkedHashMap<>();
    /** Which instance's application.server served each configuration in the steady state (its active host). */
    final Map<String, String> owner = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "ranker-replicas-logs"));
        replicas = RankerReplicas.start(logs, 2, Map.of("LOSSFORGE_RANKER_STANDBY_REPLICAS", "1"),
                Map.of("kafka-streams.session.timeout.ms", "10000", "kafka-streams.heartbeat.interval.ms", "2000"));
        publish();
    }

    @AfterAll
    void stop() {
        if (replicas != null) {
            replicas.close();
        }
    }

    void publish() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 0;
        for (String loss : LOSSES) {
            for (int size : SIZES) {
                String key = Keys.config(STUDY, "nb201", "cifar10", size, loss);
                List<Evaluation> trials = new ArrayList<>();
                for (int seed = 0; seed < SEEDS; seed++) {
                    boolean failed = seed == 2 && n % 5 == 0;   // some configurations have a FAILED trial
                    double nan = Double.NaN;
                    Evaluation e = Evaluation.newBuilder()
                            .setTrialId(Keys.trialId(STUDY, "nb201", "cifar10", size, loss, seed))
                            .setStudyId(STUDY).setBenchmark("nb201").setDataset("cifar10").setTrainSize(size).setLoss(loss)
                            .setCandidateId(null).setSeedIndex(seed).setSeed(1000L + seed)
                            .setStatus(failed ? EvaluationStatus.FAILED : EvaluationStatus.OK)
                            .setError(failed ? "loss diverged" : null)
                            .setKendallTauB(failed ? nan : rnd.nextDouble()).setSpearman(failed ? nan : rnd.nextDouble())
                            .setP05(failed ? nan : rnd.nextDouble()).setP1(failed ? nan : rnd.nextDouble())
                            .setP5(failed ? nan : rnd.nextDouble()).setP10(failed ? nan : rnd.nextDouble())
                            .setN1(failed ? nan : 1 + rnd.nextInt(100)).setN5(failed ? nan : 1 + rnd.nextInt(100))
                            .setN10(failed ? nan : 1 + rnd.nextInt(100)).setRegret10(failed ? nan : rnd.nextDouble())
                            .setEvalMetric("test_accuracy").setEvaluatedAt(T0.plusMillis(n * 10L + seed)).build();
                    trials.add(e);
                }
                published.put(key, trials);
                n++;
            }
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, replicas.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Evaluation> producer = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(replicas.registryUrl()), true))) {
            for (Map.Entry<String, List<Evaluation>> c : published.entrySet()) {
                for (Evaluation e : c.getValue()) {
                    producer.send(new ProducerRecord<>(Topics.EVALUATIONS, c.getKey(), e));
                }
            }
            producer.flush();
        }
    }

    // ---------------------------------------------------------------- the checks

    @Test
    @Order(1)
    void theLeaderboardIsTheSameFromEitherInstance() {
        for (int i = 0; i < 2; i++) {
            Leaderboards.await(replicas.ranker(i).url(), STUDY, "kendallTauB",
                    rows -> rows.size() == CONFIGS && rows.values().stream().allMatch(r -> r.count() + r.failed() == SEEDS),
                    WAIT);
        }
        Rest.Response a = Rest.get(replicas.ranker(0).url() + "/leaderboards/" + STUDY);
        Rest.Response b = Rest.get(replicas.ranker(1).url() + "/leaderboards/" + STUDY);
        assertEquals(200, a.status(), a.body());
        assertEquals(200, b.status(), b.body());
        assertEquals(CONFIGS, a.json().get("configurations").asInt());
        assertEquals(a.body(), b.body(), "the same JSON from both instances");
    }

    @Test
    @Order(2)
    void everyConfigurationIsAnsweredAlikeByEitherInstanceForwardingToItsOwner() {
        // both instances serve every configuration fresh (from the key's active host), bounded
        awaitAll(0, j -> !j.get("stale").asBoolean() && j.get("count").asInt() + j.get("failed").asInt() == SEEDS);
        awaitAll(1, j -> !j.get("stale").asBoolean() && j.get("count").asInt() + j.get("failed").asInt() == SEEDS);
        int[] forwarded = new int[2];
        for (String key : published.keySet()) {
            Answer a = get(0, key), b = get(1, key);
            assertEquals(200, a.status, key + ": " + a.body);
            assertEquals(200, b.status, key + ": " + b.body);
            assertEquals(a.servedBy(), b.servedBy(), key + ": both reach the same active host");
            assertEquals(a.servedBy(), a.header, "the header names the serving host");
            assertEquals(b.servedBy(), b.header, "the header names the serving host");
            assertTrue(a.servedBy().equals(replicas.advertised(0)) || a.servedBy().equals(replicas.advertised(1)), a.servedBy());
            assertFalse(a.json.get("stale").asBoolean());
            assertFalse(b.json.get("stale").asBoolean());
            assertEquals(withoutHost(a.json), withoutHost(b.json), key + ": the same answer from both instances");
            assertMatchesPublished(key, a.json);
            for (int i = 0; i < 2; i++) {
                if (!(i == 0 ? a : b).servedBy().equals(replicas.advertised(i))) {
                    forwarded[i]++;
                }
            }
            owner.put(key, a.servedBy());
        }
        // each instance owns some partitions, so each forwarded the others' keys: exactly the keys it does not own
        assertTrue(forwarded[0] > 0 && forwarded[1] > 0, "forwarded by A " + forwarded[0] + ", by B " + forwarded[1]);
        assertEquals(CONFIGS, forwarded[0] + forwarded[1], "every key is owned by exactly one of the two");
        // a configuration never published is a 404 from either instance, wherever its partition lives
        for (int i = 0; i < 2; i++) {
            assertEquals(404, get(i, Keys.config(STUDY, "nb201", "cifar10", 50, "never-published")).status);
        }
    }

    @Test
    @Order(3)
    void whenOneInstanceDiesTheOtherAnswersEveryConfigurationFromItsStandbyThenAsOwner() {
        assertEquals(CONFIGS, owner.size(), "runs after the forwarding check");
        String survivor = replicas.advertised(0), dead = replicas.advertised(1);
        long ownedByDead = owner.values().stream().filter(dead::equals).count();
        assertTrue(ownedByDead > 0);

        replicas.ranker(1).kill();   // SIGKILL: its partitions move only once the session timeout (10 s) expires
        long t0 = System.nanoTime();
        // the dead instance's keys first: all of them asked within moments of the kill, well inside the session timeout
        List<String> keys = new ArrayList<>(published.keySet());
        keys.sort(java.util.Comparator.comparing(k -> !owner.get(k).equals(dead)));
        int stale = 0;
        for (String key : keys) {
            Answer a = get(0, key);
            assertEquals(200, a.status, key + ": " + a.body);
            assertEquals(survivor, a.servedBy(), key + ": the survivor serves every key itself");
            assertMatchesPublished(key, a.json);
            if (a.json.get("stale").asBoolean()) {
                assertEquals(dead, owner.get(key), key + ": only the dead instance's keys come from a standby");
                stale++;
            }
        }
        double pass = (System.nanoTime() - t0) / 1e9;
        assertEquals(ownedByDead, stale, "each of the dead instance's keys from the survivor's standby, marked stale "
                + "(the pass took " + pass + " s after the kill; the session timeout is 10 s)");

        // after the rebalance the survivor is the active host of every partition: fresh answers again
        awaitAll(0, j -> !j.get("stale").asBoolean());
        for (String key : published.keySet()) {
            Answer a = get(0, key);
            assertEquals(survivor, a.servedBy());
            assertFalse(a.json.get("stale").asBoolean());
            assertMatchesPublished(key, a.json);
        }
        Rest.Response board = Rest.get(replicas.ranker(0).url() + "/leaderboards/" + STUDY);
        assertEquals(200, board.status());
        assertEquals(CONFIGS, board.json().get("configurations").asInt());
    }

    // ---------------------------------------------------------------- helpers

    record Answer(int status, String body, String header, JsonNode json) {
        String servedBy() {
            return json.get("servedBy").asText();
        }
    }

    Answer get(int instance, String key) {
        List<Evaluation> trials = published.get(key);
        Evaluation e = trials != null ? trials.get(0) : null;
        String loss = e != null ? e.getLoss() : key.substring(key.lastIndexOf('/') + 1);
        int size = e != null ? e.getTrainSize() : Integer.parseInt(key.split("/")[3]);
        String url = replicas.ranker(instance).url() + "/leaderboards/" + STUDY + "/configuration?benchmark=nb201"
                + "&dataset=cifar10&trainSize=" + size + "&loss=" + URLEncoder.encode(loss, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue(SERVED_BY).orElse(null), json);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(url + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Polls (bounded) until instance {@code i} answers every configuration with 200 and {@code done}. */
    void awaitAll(int i, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String missing = null;
            for (String key : published.keySet()) {
                Answer a = get(i, key);
                if (a.status != 200 || !done.test(a.json)) {
                    missing = key + " -> " + a.status + " " + a.body;
                    break;
                }
            }
            if (missing == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance " + i + " did not answer every configuration within " + WAIT
                        + "; first miss: " + missing);
            }
            ServiceProcess.sleep(250);
        }
    }

    static JsonNode withoutHost(JsonNode j) {
        ObjectNode copy = j.deepCopy();
        copy.remove("servedBy");
        copy.remove("stale");
        return copy;
    }

    void assertMatchesPublished(String key, JsonNode j) {
        List<Evaluation> trials = published.get(key);
        Evaluation first = trials.get(0);
        assertEquals(key, j.get("key").asText());
        assertEquals(STUDY, j.get("studyId").asText());
        assertEquals(first.getLoss(), j.get("loss").asText());
        assertEquals(first.getTrainSize(), j.get("trainSize").asInt());
        long failed = trials.stream().filter(e -> e.getStatus() == EvaluationStatus.FAILED).count();
        assertEquals(trials.size() - failed, j.get("count").asInt(), key);
        assertEquals(failed, j.get("failed").asInt(), key);
        JsonNode got = j.get("trials");
        assertEquals(trials.size(), got.size(), key);
        for (int s = 0; s < trials.size(); s++) {
            Evaluation e = trials.get(s);
            JsonNode t = got.get(s);
            assertEquals(e.getTrialId(), t.get("trialId").asText());
            assertEquals(e.getSeedIndex(), t.get("seedIndex").asInt());
            assertEquals(e.getStatus().name(), t.get("status").asText());
            assertEquals(e.getEvaluatedAt().toString(), t.get("evaluatedAt").asText());
            for (String m : RANKING_METRICS) {
                JsonNode v = t.get("metrics").get(m);
                double want = metric(e, m);
                if (Double.isNaN(want)) {
                    assertTrue(v.isNull(), e.getTrialId() + " " + m + " should be null: " + v);
                } else {
                    assertEquals(want, v.asDouble(), 0.0, e.getTrialId() + " " + m);   // exact: JSON doubles round-trip
                }
            }
            assertTrue(t.get("metrics").get("fitness").isNull(), "not reported by these evaluations");
        }
    }

    /** The metric field of that name, as published (the metric names are the Avro field names). */
    static double metric(Evaluation e, String name) {
        return ((Number) e.get(name)).doubleValue();
    }
}
