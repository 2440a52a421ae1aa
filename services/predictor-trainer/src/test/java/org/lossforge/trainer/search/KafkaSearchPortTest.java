package org.lossforge.trainer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.ArchResult;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.PlainKafka;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.testkit.LocalRegistry;

/**
 * The search controller's plain consumers over poison: an answer that does not decode (and a tombstone) on
 * lossforge.arch-results.v1 is dead-lettered with its coordinates and reason, undecodable state and query records are
 * skipped, and the valid answer after them is still found (before, the first bad record stopped every search run at
 * that offset for good).
 */
class KafkaSearchPortTest {

    @Test
    void poisonOnTheSearchTopicsIsDeadLetteredOrSkippedAndTheValidAnswerIsFound() throws Exception {
        try (LocalKafka kafka = LocalKafka.startInProcess()) {
            for (String t : List.of(Topics.ARCH_RESULTS, Topics.ARCH_QUERIES, Topics.SEARCH_STATE)) {
                kafka.createTopic(t, 1);
            }
            SchemaRegistryClient registry = new SchemaRegistryClient(LocalRegistry.shared().url());
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
            ArchResult good = ArchResult.newBuilder().setRunId("run-1").setRound(1).setQueries(List.of(3, 4))
                    .setValues(List.of(0.5, 0.25)).setAnsweredAt(Instant.ofEpochMilli(1_000)).build();
            RecordMetadata bad, tombstone;
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                AvroSerializer<SpecificRecord> avro = new AvroSerializer<>(registry, true);
                bad = raw.send(new ProducerRecord<>(Topics.ARCH_RESULTS, bytes("run-1/0"), garbage)).get();
                tombstone = raw.send(new ProducerRecord<>(Topics.ARCH_RESULTS, bytes("run-1/0"), null)).get();
                raw.send(new ProducerRecord<>(Topics.ARCH_RESULTS, bytes("run-1/1"),
                        avro.serialize(Topics.ARCH_RESULTS, good))).get();
                raw.send(new ProducerRecord<>(Topics.ARCH_QUERIES, bytes("run-1"), garbage)).get();
                raw.send(new ProducerRecord<>(Topics.SEARCH_STATE, bytes("run-1"), garbage)).get();
            }
            List<DeadLetter> letters = new ArrayList<>();
            PlainKafka plain = new PlainKafka(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                    List.of(Topics.ARCH_RESULTS, Topics.ARCH_QUERIES, Topics.SEARCH_STATE),
                    List.of(Topics.ARCH_QUERIES, Topics.SEARCH_STATE));
            try (KafkaSearchPort port = new KafkaSearchPort(plain, registry,
                    new DeadLetters("predictor-trainer", Clock.systemUTC()), letters::add)) {
                assertNull(port.latest("run-1"), "the undecodable state is skipped");
                ArchQuery q = ArchQuery.newBuilder().setRunId("run-1").setSearchId("s").setRunIndex(0).setSeed(1)
                        .setMethod("hr").setBenchmark("nb201").setDataset("cifar10").setTrainMetric("a")
                        .setEvalMetric("b").setRound(1).setPrevious(List.of()).setQueries(List.of(3, 4))
                        .setRequestedAt(Instant.ofEpochMilli(1_000)).build();
                assertEquals(good, port.answer(q, Duration.ofSeconds(10)), "answered before: found, not asked again");
            }
            assertEquals(2, letters.size(), letters.toString());
            DeadLetter first = letters.get(0), second = letters.get(1);
            assertEquals(Topics.ARCH_RESULTS, first.getOriginalTopic());
            assertEquals(bad.offset(), first.getOffset());
            assertTrue(first.getReason().startsWith("BAD_MAGIC"), first.getReason());
            assertEquals("predictor-trainer", first.getService());
            assertEquals(tombstone.offset(), second.getOffset());
            assertTrue(second.getReason().startsWith("TOMBSTONE"), second.getReason());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
