package org.lossforge.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossforge.serde.SerdeException.Reason;
import org.lossforge.serde.test.Candidate;
import org.lossforge.testkit.LocalRegistry;

/** {@link AvroSerde}: the Kafka Streams form of the serializer/deserializer pair, against the real registry. */
class AvroSerdeWrapperTest {

    static SchemaRegistryClient client;

    @BeforeAll
    static void registry() {
        client = new SchemaRegistryClient(LocalRegistry.shared().url());
    }

    static String topic() {
        return "serde-streams-" + UUID.randomUUID();
    }

    @Test
    void roundTripThroughBothHalvesSharingOneCache() {
        String topic = topic();
        Serde<Candidate> serde = AvroSerde.of(Candidate.class, client);
        serde.configure(Map.of(), false);
        Candidate c = new Candidate("arch-1", 0.75, "n");
        byte[] wire = serde.serializer().serialize(topic, c);
        assertEquals(0, wire[0], "Confluent magic byte");
        long before = client.requestCount();
        assertEquals(c, serde.deserializer().deserialize(topic, wire));
        assertEquals(before, client.requestCount(), "the writer schema id came from the serializer's cache: no HTTP call");
        assertTrue(client.subjects().contains(topic + "-value"));
        assertNull(serde.serializer().serialize(topic, null), "tombstone");
        assertNull(serde.deserializer().deserialize(topic, null), "tombstone");
        assertEquals(Candidate.class, ((AvroSerde<Candidate>) serde).type());
        serde.close();
    }

    @Test
    void keySideUsesTheKeySubject() {
        String topic = topic();
        AvroSerde<Candidate> keys = new AvroSerde<>(Candidate.class, client);
        keys.configure(Map.of(), true);
        Candidate c = new Candidate("k", 1.0, null);
        assertEquals(c, keys.deserializer().deserialize(topic, keys.serializer().serialize(topic, c)));
        assertTrue(client.subjects().contains(topic + "-key"));
        assertTrue(!client.subjects().contains(topic + "-value"));
    }

    @Test
    void autoRegisterOffByConstructorOrConfig() {
        String topic = topic();
        AvroSerde<Candidate> strict = new AvroSerde<>(Candidate.class, client, false);
        SerdeException e = assertThrows(SerdeException.class,
                () -> strict.serializer().serialize(topic, new Candidate("a", 1.0, null)));
        assertEquals(Reason.SCHEMA_NOT_REGISTERED, e.reason());

        AvroSerde<Candidate> configured = AvroSerde.of(Candidate.class, client);
        configured.configure(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);
        assertEquals(Reason.SCHEMA_NOT_REGISTERED, assertThrows(SerdeException.class,
                () -> configured.serializer().serialize(topic, new Candidate("a", 1.0, null))).reason());
    }

    @Test
    void poisonBytesFailWithTheirReason() {
        AvroSerde<Candidate> serde = AvroSerde.of(Candidate.class, client);
        SerdeException json = assertThrows(SerdeException.class,
                () -> serde.deserializer().deserialize("in", "{\"id\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(Reason.BAD_MAGIC, json.reason());
        SerdeException unknown = assertThrows(SerdeException.class,
                () -> serde.deserializer().deserialize("in", new byte[] {0, 0x0f, 0x42, 0x40, 0, 0}));
        assertEquals(Reason.UNKNOWN_SCHEMA_ID, unknown.reason());
    }

    @Test
    void halvesAreStable() {
        AvroSerde<Candidate> serde = AvroSerde.of(Candidate.class, client);
        assertSame(serde.serializer(), serde.serializer());
        assertSame(serde.deserializer(), serde.deserializer());
        assertThrows(NullPointerException.class, () -> new AvroSerde<>(null, client));
        assertThrows(NullPointerException.class, () -> new AvroSerde<>(Candidate.class, null));
    }
}
