package org.lossforge.services.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.SerdeException;

class PlainKafkaTest {

    static Map<String, Object> scramConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", "lossforge-kafka-bootstrap:9093");
        c.put("security.protocol", "SASL_SSL");
        c.put("sasl.mechanism", "SCRAM-SHA-512");
        c.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";");
        c.put("ssl.truststore.type", "PEM");
        c.put("ssl.truststore.location", "/etc/lossforge/kafka-ca/ca.crt");
        // channel-level settings that must not leak into the plain clients
        c.put("value.serializer", "org.lossforge.serde.AvroSerializer");
        c.put("group.id", "someone-elses-group");
        c.put("acks", "1");
        return c;
    }

    @Test
    void clientsTakeTheBootstrapAndEverySecuritySettingAndNothingElse() {
        PlainKafka k = new PlainKafka(scramConfig(), List.of(Topics.EVALUATIONS), List.of());
        Map<String, Object> s = k.clientSettings();
        assertEquals(Set.of("bootstrap.servers", "security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.type", "ssl.truststore.location"), s.keySet());
        assertEquals("SASL_SSL", s.get("security.protocol"));
        assertEquals("/etc/lossforge/kafka-ca/ca.crt", s.get("ssl.truststore.location"));
    }

    @Test
    void aConfigurationWithoutBootstrapIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlainKafka(Map.of("security.protocol", "SASL_SSL"), List.of(), List.of()));
        assertTrue(e.getMessage().contains("bootstrap.servers"), e.getMessage());
    }

    @Test
    void anUndeclaredTopicIsRefusedBeforeAnyConnection() {
        PlainKafka k = new PlainKafka(Map.of("bootstrap.servers", "127.0.0.1:1"), List.of(Topics.NLFS_STATE),
                List.of(Topics.NLFS_STATE));
        IllegalStateException read = assertThrows(IllegalStateException.class,
                () -> k.fromBeginning(Topics.EVALUATIONS, new StringDeserializer()));
        assertTrue(read.getMessage().contains(PlainKafka.READS) && read.getMessage().contains(Topics.EVALUATIONS),
                read.getMessage());
        IllegalStateException write = assertThrows(IllegalStateException.class,
                () -> k.sendAcked(null, Topics.LOSS_CANDIDATES, "k", null));
        assertTrue(write.getMessage().contains(PlainKafka.WRITES) && write.getMessage().contains(Topics.LOSS_CANDIDATES),
                write.getMessage());
        assertEquals(Set.of(Topics.NLFS_STATE), k.reads());
    }

    @Test
    void aTolerantDeserializerReadsPoisonAsNullButNotARegistryOutage() {
        Deserializer<String> poison = (topic, data) -> {
            throw new SerdeException(SerdeException.Reason.BAD_MAGIC, topic,
                    null, "first byte is 0x6e", null);
        };
        assertEquals(null, PlainKafka.tolerant(poison).deserialize(Topics.EVALUATIONS, new byte[] {'n'}));
        Deserializer<String> outage = (topic, data) -> {
            throw new SerdeException(SerdeException.Reason.REGISTRY_UNAVAILABLE,
                    topic, 7, "connection refused", null);
        };
        assertThrows(SerdeException.class,
                () -> PlainKafka.tolerant(outage).deserialize(Topics.EVALUATIONS, new byte[] {0, 0, 0, 0, 7}));
        Deserializer<String> fine = (topic, data) -> new String(data,
                StandardCharsets.UTF_8);
        assertEquals("ok", PlainKafka.tolerant(fine).deserialize(Topics.EVALUATIONS, new byte[] {'o', 'k'}));
    }
}
