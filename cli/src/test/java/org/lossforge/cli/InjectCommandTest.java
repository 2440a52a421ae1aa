package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.testkit.LocalRegistry;
import org.lossforge.testkit.TopicReader;

/** {@code ./lossforge inject} against a real (in-process KRaft) broker and the real schema registry. */
class InjectCommandTest {

    private static LocalKafka kafka;
    private static String registry;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.startInProcess();
        kafka.createTopics(List.of(new NewTopic(Topics.LOSS_CANDIDATES, 3, (short) 1)));
        registry = LocalRegistry.shared().url();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void publishesACandidateKeyedByItsStudyThatAPlainConsumerReadsBack() throws Exception {
        BadInputTest.Run r = BadInputTest.run("inject", "--bootstrap", kafka.bootstrapServers(), "--registry", registry,
                "--study", "s-1", "--id", "hr-wide", "--spec", "hr:margin=0.2", "--name", "HR wide", "--by", "ana");
        assertEquals(0, r.code(), r.err());
        JsonNode printed = new ObjectMapper().readTree(r.out());
        assertEquals(Topics.LOSS_CANDIDATES, printed.get("topic").asText());
        assertEquals("NAMED", printed.get("kind").asText());

        BadInputTest.Run pw = BadInputTest.run("inject", "--bootstrap", kafka.bootstrapServers(), "--registry", registry,
                "--study", "s-1", "--id", "pw-1", "--spec", "pw:warm=hr,focus=mape");
        assertEquals(0, pw.code(), pw.err());

        try (TopicReader<LossCandidate> reader = new TopicReader<>(kafka.bootstrapServers(), Topics.LOSS_CANDIDATES,
                new AvroDeserializer<>(LossCandidate.class, new SchemaRegistryClient(registry)))) {
            ConsumerRecord<String, LossCandidate> rec = reader.await(c -> c.value().getCandidateId().equals("hr-wide"),
                    Duration.ofSeconds(30));
            assertEquals("s-1", rec.key());
            assertEquals(printed.get("partition").asInt(), rec.partition());
            assertEquals(printed.get("offset").asLong(), rec.offset());
            LossCandidate c = rec.value();
            assertEquals("s-1", c.getStudyId());
            assertEquals(LossKind.NAMED, c.getKind());
            assertEquals("hr:margin=0.2", c.getSpec());
            assertEquals("HR wide", c.getDisplayName());
            assertEquals("ana", c.getSubmittedBy());
            LossCandidate p = reader.await(x -> x.value().getCandidateId().equals("pw-1"), Duration.ofSeconds(30)).value();
            assertEquals(LossKind.PIECEWISE, p.getKind());
        }
    }

    @Test
    void badIdsKindOrAnUnreachableBrokerEndWithOneLine() {
        BadInputTest.assertOneLineError(BadInputTest.run("inject", "--id", "x", "--spec", "mse"), "--study");
        BadInputTest.assertOneLineError(BadInputTest.run("inject", "--study", "has space", "--id", "x", "--spec", "mse"),
                "bad study");
        BadInputTest.assertOneLineError(BadInputTest.run("inject", "--study", "s", "--id", "x", "--spec", "mse",
                "--kind", "fancy"), "--kind");
        BadInputTest.Run r = BadInputTest.run("inject", "--study", "s", "--id", "x", "--spec", "mse",
                "--bootstrap", "127.0.0.1:1", "--registry", registry, "--timeout", "2");
        BadInputTest.assertOneLineError(r, "not published");
        assertTrue(r.code() == 1, "exit code 1, got " + r.code());
    }

    @Test
    void kafkaConfigSettingsReachTheProducerAndAMissingFileIsAUsageError() throws Exception {
        java.nio.file.Path missing = java.nio.file.Path.of("target", "no-such-client.properties");
        BadInputTest.Run none = BadInputTest.run("inject", "--study", "s", "--id", "x", "--spec", "mse",
                "--kafka-config", missing.toString());
        BadInputTest.assertOneLineError(none, "--kafka-config");
        assertEquals(2, none.code());
        // SCRAM against the plaintext test broker: the handshake cannot succeed, so the settings were used
        java.nio.file.Path scram = java.nio.file.Files.createTempFile(
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target")), "scram-", ".properties");
        java.nio.file.Files.writeString(scram, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"lossforge-client\" password=\"x\";\n");
        BadInputTest.Run r = BadInputTest.run("inject", "--bootstrap", kafka.bootstrapServers(), "--registry", registry,
                "--study", "s-2", "--id", "via-scram", "--spec", "mse", "--kafka-config", scram.toString(),
                "--timeout", "3");
        BadInputTest.assertOneLineError(r, "not published");
        assertEquals(1, r.code());
    }
}
