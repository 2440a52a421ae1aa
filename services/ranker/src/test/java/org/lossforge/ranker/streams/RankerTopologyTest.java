package org.lossforge.ranker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.ranker.Fixtures.T0;
import static org.lossforge.ranker.Fixtures.at;
import static org.lossforge.ranker.Fixtures.failed;
import static org.lossforge.ranker.Fixtures.nlfs;
import static org.lossforge.ranker.Fixtures.nlfsFailed;
import static org.lossforge.ranker.Fixtures.ok;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lossforge.ranker.aggregate.ConfigSummary;
import org.lossforge.ranker.aggregate.TrialOutcome;
import org.lossforge.ranker.query.Metric;
import org.lossforge.ranker.query.RankQuery;
import org.lossforge.ranker.query.Ranking;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.MetricNames;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroSerde;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.serde.SerdeException;
import org.lossforge.testkit.LocalRegistry;

/**
 * The topology the service runs, driven by {@link TopologyTestDriver}, with serdes backed by the real schema registry
 * (one {@link LocalRegistry} for the test JVM).
 */
class RankerTopologyTest {

    static SchemaRegistryClient registry;
    static AvroSerde<Evaluation> evaluations;
    static AvroSerde<LeaderboardEntry> entries;
    static AvroSerde<DeadLetter> deadLetters;

    TopologyTestDriver driver;
    Path stateDir;
    TestInputTopic<String, Evaluation> in;
    TestInputTopic<String, byte[]> rawIn;
    TestOutputTopic<String, LeaderboardEntry> leaderboard;
    TestOutputTopic<String, DeadLetter> deadLetterTopic;
    final List<LeaderboardEntry> changes = new CopyOnWriteArrayList<>();
    final List<KeyValue<String, DeadLetter>> undecodable = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void serdes() {
        registry = new SchemaRegistryClient(LocalRegistry.shared().url());
        evaluations = AvroSerde.of(Evaluation.class, registry);
        entries = AvroSerde.of(LeaderboardEntry.class, registry);
        deadLetters = AvroSerde.of(DeadLetter.class, registry);
    }

    @BeforeEach
    void driver() throws Exception {
        stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ranker-ttd-");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ranker-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.put(DeadLetterHandler.SINK_CONFIG, (DeadLetterSink) (key, letter) -> undecodable.add(KeyValue.pair(key, letter)));
        driver = new TopologyTestDriver(RankerTopology.build(evaluations, entries, deadLetters, changes::add), p);
        in = driver.createInputTopic(Topics.EVALUATIONS, new StringSerializer(), evaluations.serializer());
        rawIn = driver.createInputTopic(Topics.EVALUATIONS, new StringSerializer(), new ByteArraySerializer());
        leaderboard = driver.createOutputTopic(Topics.LEADERBOARD, new StringDeserializer(), entries.deserializer());
        deadLetterTopic = driver.createOutputTopic(Topics.DEAD_LETTERS, new StringDeserializer(), deadLetters.deserializer());
    }

    @AfterEach
    void close() throws Exception {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    void send(Evaluation e) {
        in.pipeInput(Keys.config(e), e);
    }

    List<LeaderboardEntry> queryStudy(String study) {
        KeyValueStore<String, LeaderboardEntry> store = driver.getKeyValueStore(RankerTopology.LEADERBOARD_STORE);
        return LeaderboardStore.study(store, study);
    }

    @Test
    void aggregatesEveryMetricPerConfiguration() {
        send(ok("s1", "hr", 0, 0.2));
        send(ok("s1", "hr", 1, 0.4));
        send(ok("s1", "hr", 2, 0.6));
        List<KeyValue<String, LeaderboardEntry>> out = leaderboard.readKeyValuesToList();
        assertEquals(3, out.size(), "one entry per change");
        KeyValue<String, LeaderboardEntry> last = out.get(2);
        assertEquals("s1/nb101/cifar10/100/hr", last.key, "same key as the evaluations");
        assertEquals(3, last.value.getCount());
        assertEquals(0, last.value.getFailed());
        assertEquals(0.4, last.value.getMetrics().get("kendallTauB").getMean(), 1e-12);
        assertEquals(0.2, last.value.getMetrics().get("kendallTauB").getStd(), 1e-12);
        assertEquals(0.4 - 0.4968275424, last.value.getMetrics().get("kendallTauB").getCi95Low(), 1e-9);
        assertEquals(4.0, last.value.getMetrics().get("n1").getMean(), 1e-12);
        assertEquals(MetricNames.ALL.size(), last.value.getMetrics().size());
        assertEquals(13, MetricNames.ALL.size());
        assertTrue(Double.isNaN(last.value.getMetrics().get("bestTestError").getMean()), "no search progress here");
        assertTrue(Double.isNaN(last.value.getMetrics().get("fitness").getMean()), "no NLFS candidate here");

        ConfigSummary summary = driver.<String, ConfigSummary>getKeyValueStore(RankerTopology.SUMMARIES_STORE).get(last.key);
        assertEquals(3, summary.okCount());
        KeyValueStore<String, TrialOutcome> trials = driver.getKeyValueStore(RankerTopology.TRIALS_STORE);
        assertEquals(List.of(0, 1, 2), TrialDeduplicator.trialsOf(trials, last.key).stream()
                .map(TrialOutcome::seedIndex).sorted().toList(), "one record per trial, found by the key's prefix");
        // the entry written to the topic is what the (global) leaderboard store serves, and what the feed saw
        // compared as text: Avro's record equality does not hold NaN equal to itself (bestTestError has no value here)
        assertEquals(List.of(last.value.toString()), queryStudy("s1").stream().map(Object::toString).toList());
        assertEquals(3, changes.size());
        assertEquals(last.value.toString(), changes.get(2).toString());
    }

    @Test
    void duplicatesAndRedeliveriesCountOnce() {
        Evaluation e0 = ok("s1", "hr", 0, 0.5);
        Evaluation e1 = ok("s1", "hr", 1, 0.7);
        send(e0);
        send(e1);
        send(e0);                                        // redelivered
        send(e1);                                        // redelivered
        send(Evaluation.newBuilder(e0).build());         // a copy from another producer retry
        List<LeaderboardEntry> out = leaderboard.readValuesToList();
        assertEquals(2, out.size(), "duplicates change nothing and emit nothing");
        assertEquals(2, out.get(1).getCount());
        assertEquals(0.6, out.get(1).getMetrics().get("kendallTauB").getMean(), 1e-12);

        send(at(ok("s1", "hr", 0, 0.9), T0.plusSeconds(3600)));   // re-evaluated later: replaces seed 0
        LeaderboardEntry replaced = leaderboard.readValue();
        assertEquals(2, replaced.getCount());
        assertEquals(0.8, replaced.getMetrics().get("kendallTauB").getMean(), 1e-12);
        assertTrue(leaderboard.isEmpty());
        assertEquals(2, queryStudy("s1").get(0).getCount());
    }

    @Test
    void failedEvaluationsAreCountedSeparately() {
        send(ok("s1", "pw", 0, 0.5));
        send(failed("s1", "pw", 1));
        send(failed("s1", "pw", 1));
        send(failed("s1", "pw", 2));
        LeaderboardEntry e = queryStudy("s1").get(0);
        assertEquals(1, e.getCount());
        assertEquals(2, e.getFailed());
        assertEquals(0.5, e.getMetrics().get("kendallTauB").getMean(), 1e-12, "NaN of failed trials left out");
        assertEquals(0.0, e.getMetrics().get("kendallTauB").getStd());
    }

    @Test
    void nlfsCandidatesRankByFitnessAndAFailedOneCountsAsFailed() {
        send(nlfs("run1", "c1", "-(y * ln(|yhat|))", 0.61));
        send(nlfs("run1", "c2", "-(ln(|yhat|) - y / yhat)", 0.70));
        send(nlfs("run1", "c3", "-(y * yhat)", 0.55));
        send(nlfsFailed("run1", "c4", "y * y"));
        send(nlfsFailed("run1", "c4", "y * y"));   // redelivered
        List<LeaderboardEntry> entries = queryStudy("run1");
        assertEquals(4, entries.size(), "one configuration per candidate loss");
        List<Ranking.Group> groups = Ranking.rank(entries, RankQuery.of(Metric.parse("fitness")));
        assertEquals(1, groups.size());
        assertEquals("nlfs", groups.get(0).benchmark());
        assertEquals("fashion-mnist", groups.get(0).dataset());
        List<Ranking.Row> rows = groups.get(0).entries();
        assertEquals(List.of("c2", "c1", "c3", "c4"), rows.stream().map(Ranking.Row::candidateId).toList());
        assertEquals(0.70, rows.get(0).mean());
        assertEquals(0.61, rows.get(1).mean());
        assertEquals(0.55, rows.get(2).mean());
        assertNull(rows.get(3).mean(), "a failed candidate has no fitness and comes last");
        assertEquals(List.of(1, 1, 1, 0), rows.stream().map(Ranking.Row::count).toList());
        assertEquals(List.of(0, 0, 0, 1), rows.stream().map(Ranking.Row::failed).toList());
        LeaderboardEntry failed = entries.stream().filter(e -> e.getLoss().equals("y * y")).findFirst().orElseThrow();
        assertEquals(0, failed.getCount());
        assertEquals(1, failed.getFailed());
        assertTrue(Double.isNaN(failed.getMetrics().get("trainSeconds").getMean()), "a FAILED trial carries no values");
        LeaderboardEntry best = entries.stream().filter(e -> "c2".equals(e.getCandidateId())).findFirst().orElseThrow();
        assertEquals(7.0, best.getMetrics().get("trainSeconds").getMean(), 1e-12);
        assertEquals("valid_accuracy", best.getEvalMetric());
        // trainSeconds: lower is better, so the quickest candidate first
        assertEquals(List.of("c3", "c1", "c2", "c4"), Ranking.rank(entries, RankQuery.of(Metric.parse("train_seconds")))
                .get(0).entries().stream().map(Ranking.Row::candidateId).toList());
    }

    @Test
    void prefixScanKeepsStudy1AndStudy10Apart() {
        send(ok("study1", "hr", 0, 0.1));
        send(ok("study1", "pw", 0, 0.2));
        send(ok("study10", "hr", 0, 0.9));
        send(ok("study1.b", "hr", 0, 0.8));
        send(ok("study", "hr", 0, 0.7));
        assertEquals(List.of("hr", "pw"), queryStudy("study1").stream().map(LeaderboardEntry::getLoss).sorted().toList());
        assertTrue(queryStudy("study1").stream().allMatch(e -> e.getStudyId().equals("study1")));
        assertEquals(1, queryStudy("study10").size());
        assertEquals("study10", queryStudy("study10").get(0).getStudyId());
        assertEquals(1, queryStudy("study").size());
        assertTrue(queryStudy("study2").isEmpty());
    }

    @Test
    void poisonRecordIsDeadLetteredAndProcessingContinues() {
        send(ok("s1", "hr", 0, 0.5));
        byte[] json = "{\"trialId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        rawIn.pipeInput("s1/nb101/cifar10/100/hr", json);                                 // not our wire format
        byte[] unknownId = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 'x'};
        rawIn.pipeInput("s1/nb101/cifar10/100/hr", unknownId);                            // unknown schema id
        send(ok("s1", "hr", 1, 0.7));                                                     // still processed

        assertEquals(2, undecodable.size());
        KeyValue<String, DeadLetter> first = undecodable.get(0);
        assertEquals(Keys.deadLetter(Topics.EVALUATIONS, 0, 1), first.key);
        DeadLetter d = first.value;
        assertEquals(Topics.EVALUATIONS, d.getOriginalTopic());
        assertEquals(0, d.getPartition());
        assertEquals(1L, d.getOffset());
        assertEquals("ranker", d.getService());
        assertEquals(ByteBuffer.wrap(json), d.getValue(), "original bytes, exactly");
        assertEquals(ByteBuffer.wrap("s1/nb101/cifar10/100/hr".getBytes(StandardCharsets.UTF_8)), d.getKey());
        assertTrue(d.getReason().contains(SerdeException.Reason.BAD_MAGIC.name()), d.getReason());
        assertTrue(d.getException().contains("SerdeException"), d.getException());
        assertNotNull(d.getFailedAt());
        DeadLetter second = undecodable.get(1).value;
        assertEquals(2L, second.getOffset());
        assertTrue(second.getReason().contains(SerdeException.Reason.UNKNOWN_SCHEMA_ID.name()), second.getReason());
        assertEquals(ByteBuffer.wrap(unknownId), second.getValue());

        assertEquals(2, queryStudy("s1").get(0).getCount(), "the stream went on past both poison records");
    }

    @Test
    void decodableButMisKeyedEvaluationsAreDeadLetteredInTheTopology() {
        Evaluation e = ok("s1", "hr", 0, 0.5);
        in.pipeInput("s1/nb101/cifar10/100/pw", e);        // key names another configuration
        in.pipeInput(null, e);                              // no key
        in.pipeInput(Keys.config(e), null);                 // tombstone
        send(ok("s1", "hr", 1, 0.7));
        List<KeyValue<String, DeadLetter>> letters = deadLetterTopic.readKeyValuesToList();
        assertEquals(3, letters.size());
        assertEquals(Keys.deadLetter(Topics.EVALUATIONS, 0, 0), letters.get(0).key);
        assertTrue(letters.get(0).value.getReason().contains("is not the evaluation's configuration key"),
                letters.get(0).value.getReason());
        assertEquals(e, evaluations.deserializer().deserialize(Topics.EVALUATIONS, bytes(letters.get(0).value.getValue())),
                "the value travels (re-encoded with the same schema)");
        assertTrue(letters.get(1).value.getReason().contains("no record key"));
        assertNull(letters.get(1).value.getKey());
        assertTrue(letters.get(2).value.getReason().contains("tombstone"));
        assertNull(letters.get(2).value.getValue());
        assertEquals("ranker", letters.get(2).value.getService());
        assertEquals(1, queryStudy("s1").size());
        assertEquals(1, queryStudy("s1").get(0).getCount(), "only the well-keyed evaluation counted");
        assertTrue(undecodable.isEmpty());
    }

    @Test
    void okEvaluationsWithAnInfiniteMetricOrNoMetricAreDeadLetteredNotCounted() {
        Evaluation inf = ok("s1", "hr", 0, 0.5);
        inf.setSpearman(Double.NEGATIVE_INFINITY);
        Evaluation empty = ok("s1", "hr", 1, 0.5);
        double nan = Double.NaN;
        empty.setKendallTauB(nan);
        empty.setSpearman(nan);
        empty.setP05(nan);
        empty.setP1(nan);
        empty.setP5(nan);
        empty.setP10(nan);
        empty.setN1(nan);
        empty.setN5(nan);
        empty.setN10(nan);
        empty.setRegret10(nan);
        send(inf);
        send(empty);
        send(ok("s1", "hr", 2, 0.7));
        send(failed("s1", "hr", 3));   // NaN everywhere is what FAILED means: counted as failed, not dead-lettered
        List<KeyValue<String, DeadLetter>> letters = deadLetterTopic.readKeyValuesToList();
        assertEquals(2, letters.size(), letters.toString());
        assertEquals(Keys.deadLetter(Topics.EVALUATIONS, 0, 0), letters.get(0).key);
        assertEquals("NON_FINITE_METRIC: status OK but spearman is -Infinity (trial " + inf.getTrialId() + ")",
                letters.get(0).value.getReason());
        assertTrue(letters.get(1).value.getReason().startsWith("NO_METRIC: status OK but no metric has a value"),
                letters.get(1).value.getReason());
        LeaderboardEntry entry = queryStudy("s1").get(0);
        assertEquals(1, entry.getCount(), "only the OK evaluation with results counted");
        assertEquals(1, entry.getFailed());
        assertEquals(0.7, entry.getMetrics().get("kendallTauB").getMean(), 0.0);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
