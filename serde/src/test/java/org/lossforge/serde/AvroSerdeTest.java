package org.lossforge.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossforge.serde.SerdeException.Reason;
import org.lossforge.serde.test.Candidate;
import org.lossforge.testkit.LocalRegistry;

/** Serializer/deserializer against the real dev/test registry; wire bytes checked by hand. */
class AvroSerdeTest {

    /** Candidate as an older producer wrote it: no 'note' field. */
    static final Schema CANDIDATE_V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Candidate","namespace":"org.lossforge.serde.test","fields":[
             {"name":"id","type":"string"},{"name":"score","type":"double"}]}""");
    /** A newer producer: an extra field the v2 class does not know. */
    static final Schema CANDIDATE_V3 = new Schema.Parser().parse("""
            {"type":"record","name":"Candidate","namespace":"org.lossforge.serde.test","fields":[
             {"name":"id","type":"string"},{"name":"score","type":"double"},
             {"name":"note","type":["null","string"],"default":null},{"name":"rank","type":"int","default":0}]}""");
    /** Same name, but 'id' is an int: cannot be read as Candidate. */
    static final Schema CANDIDATE_INT_ID = new Schema.Parser().parse("""
            {"type":"record","name":"Candidate","namespace":"org.lossforge.serde.test","fields":[
             {"name":"id","type":"int"},{"name":"score","type":"double"}]}""");

    static SchemaRegistryClient client;

    @BeforeAll
    static void registry() {
        client = new SchemaRegistryClient(LocalRegistry.shared().url());
    }

    static String topic() {
        return "serde-" + UUID.randomUUID();
    }

    static AvroSerializer<Candidate> serializer() {
        return new AvroSerializer<>(client, true);
    }

    static AvroDeserializer<Candidate> deserializer() {
        return new AvroDeserializer<>(Candidate.class, client);
    }

    static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] header(int id) {
        return ByteBuffer.allocate(5).put((byte) 0).putInt(id).array();
    }

    /** Confluent-framed bytes written with an arbitrary writer schema (what another producer would send). */
    static byte[] framed(int id, Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header(id));
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, enc);
        enc.flush();
        return out.toByteArray();
    }

    @Test
    void wireFormatByteByByte() {
        String topic = topic();
        byte[] wire = serializer().serialize(topic, new Candidate("c1", 0.5, null));
        int id = client.lookup(topic + "-value", Candidate.getClassSchema());
        byte[] expected = concat(header(id), bytes(
                0x04, 'c', '1',                                   // string: zig-zag length 2, UTF-8
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F,  // double 0.5, little-endian IEEE 754
                0x00));                                           // union branch 0 = null
        assertArrayEquals(expected, wire);
        assertEquals(0, wire[0], "magic byte");
        assertEquals(id, ((wire[1] & 0xff) << 24) | ((wire[2] & 0xff) << 16) | ((wire[3] & 0xff) << 8) | (wire[4] & 0xff));

        byte[] withNote = serializer().serialize(topic, new Candidate("c1", 0.5, "hi"));
        assertArrayEquals(concat(Arrays.copyOf(expected, 16), bytes(0x02, 0x04, 'h', 'i')), withNote, "branch 1 = string");
    }

    @Test
    void roundTripAndSubjects() {
        String topic = topic();
        Candidate c = new Candidate("arch-42", 0.9312, "seed 7");
        AvroSerializer<Candidate> values = serializer();
        AvroSerializer<Candidate> keys = new AvroSerializer<>(client, true);
        keys.configure(Map.of(), true);
        assertEquals(c, deserializer().deserialize(topic, values.serialize(topic, c)));
        AvroDeserializer<Candidate> keyReader = deserializer();
        assertEquals(c, keyReader.deserialize(topic, keys.serialize(topic, c)));
        assertTrue(client.subjects().containsAll(java.util.List.of(topic + "-value", topic + "-key")));
        assertNull(values.serialize(topic, null), "tombstone");
        assertNull(deserializer().deserialize(topic, null), "tombstone");
    }

    @Test
    void configuredByPropertiesLikeKafkaDoes() {
        String topic = topic();
        Map<String, Object> cfg = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, LocalRegistry.shared().url(),
                SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Candidate.class.getName());
        try (AvroSerializer<Candidate> ser = new AvroSerializer<>(); AvroDeserializer<Candidate> de = new AvroDeserializer<>()) {
            ser.configure(cfg, false);
            de.configure(cfg, false);
            Candidate c = new Candidate("x", 1.0, null);
            assertEquals(c, de.deserialize(topic, ser.serialize(topic, c)));
        }
        assertThrows(ConfigException.class, () -> new AvroSerializer<Candidate>().configure(Map.of(), false));
        assertThrows(ConfigException.class, () -> new AvroDeserializer<Candidate>()
                .configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1"), false));
        assertThrows(ConfigException.class, () -> new AvroDeserializer<Candidate>().configure(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1", SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, "no.such.Type"), false));
    }

    @Test
    void autoRegisterOffNeedsARegisteredSchema() {
        String topic = topic();
        AvroSerializer<Candidate> strict = new AvroSerializer<>(client, false);
        SerdeException e = assertThrows(SerdeException.class, () -> strict.serialize(topic, new Candidate("a", 1.0, null)));
        assertEquals(Reason.SCHEMA_NOT_REGISTERED, e.reason());
        assertFalse(e.reason().retriable());
        client.register(topic + "-value", Candidate.getClassSchema());
        assertEquals(Candidate.getClassSchema(), deserializer().readerSchema());
        strict.serialize(topic, new Candidate("a", 1.0, null));   // now fine
    }

    @Test
    void registryRefusesAnIncompatibleRecordSchema() {
        String topic = topic();
        String subject = topic + "-value";
        client.register(subject, CANDIDATE_INT_ID);
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        SerdeException e = assertThrows(SerdeException.class, () -> serializer().serialize(topic, new Candidate("a", 1.0, null)));
        assertEquals(Reason.SCHEMA_REJECTED, e.reason());
        assertTrue(e.getMessage().contains("HTTP 409"), e.getMessage());
    }

    @Test
    void schemaEvolutionOlderAndNewerWriters() throws IOException {
        String topic = topic();
        String subject = topic + "-value";
        GenericRecord old = new GenericData.Record(CANDIDATE_V1);
        old.put("id", "old");
        old.put("score", 0.25);
        int v1 = client.register(subject, CANDIDATE_V1);
        assertEquals(new Candidate("old", 0.25, null), deserializer().deserialize(topic, framed(v1, CANDIDATE_V1, old)),
                "missing nullable field takes its default");

        GenericRecord newer = new GenericData.Record(CANDIDATE_V3);
        newer.put("id", "new");
        newer.put("score", 0.75);
        newer.put("note", "n");
        newer.put("rank", 3);
        int v3 = client.register(topic() + "-value", CANDIDATE_V3);
        assertEquals(new Candidate("new", 0.75, "n"), deserializer().deserialize(topic, framed(v3, CANDIDATE_V3, newer)),
                "unknown writer field is skipped");
    }

    // ----- bad input: each case has its own reason --------------------------------------------------------------

    static SerdeException bad(byte[] data) {
        return assertThrows(SerdeException.class, () -> deserializer().deserialize("in", data));
    }

    int candidateId() {
        return client.register(topic() + "-value", Candidate.getClassSchema());
    }

    @Test
    void tooShort() {
        for (byte[] data : new byte[][] {new byte[0], bytes(0), bytes(0, 0, 0, 1)}) {
            SerdeException e = bad(data);
            assertEquals(Reason.TOO_SHORT, e.reason());
            assertTrue(e.getMessage().contains(data.length + " bytes"), e.getMessage());
        }
    }

    @Test
    void badMagic() {
        SerdeException e = bad(bytes(1, 0, 0, 0, 1, 0));
        assertEquals(Reason.BAD_MAGIC, e.reason());
        assertTrue(e.getMessage().contains("0x01"), e.getMessage());
        SerdeException json = bad("{\"id\":\"c1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Reason.BAD_MAGIC, json.reason());
        assertTrue(json.getMessage().contains("looks like JSON"), json.getMessage());
        assertTrue(json instanceof org.apache.kafka.common.errors.SerializationException);
    }

    @Test
    void unknownSchemaId() {
        SerdeException e = bad(concat(header(987_654), bytes(0x04, 'c', '1')));
        assertEquals(Reason.UNKNOWN_SCHEMA_ID, e.reason());
        assertEquals(987_654, e.schemaId());
        assertTrue(e.getMessage().contains("no schema with id 987654"), e.getMessage());
    }

    @Test
    void writerSchemaNotReadableAsTheClass() throws IOException {
        int id = client.register(topic() + "-value", CANDIDATE_INT_ID);
        GenericRecord r = new GenericData.Record(CANDIDATE_INT_ID);
        r.put("id", 7);
        r.put("score", 1.0);
        SerdeException e = bad(framed(id, CANDIDATE_INT_ID, r));
        assertEquals(Reason.INCOMPATIBLE_SCHEMA, e.reason());
        assertTrue(e.getMessage().contains("cannot be read as " + Candidate.class.getName()), e.getMessage());
    }

    @Test
    void corruptAvroBody() {
        int id = candidateId();
        byte[] good = concat(header(id), bytes(0x04, 'c', '1', 0, 0, 0, 0, 0, 0, 0xE0, 0x3F, 0x02, 0x04, 'h', 'i'));
        assertEquals(new Candidate("c1", 0.5, "hi"), deserializer().deserialize("in", good));

        SerdeException truncated = bad(Arrays.copyOf(good, good.length - 1));
        assertEquals(Reason.CORRUPT_PAYLOAD, truncated.reason());
        assertEquals(id, truncated.schemaId());

        SerdeException trailing = bad(concat(good, bytes(0x00)));
        assertEquals(Reason.CORRUPT_PAYLOAD, trailing.reason());
        assertTrue(trailing.getMessage().contains("trailing bytes"), trailing.getMessage());

        byte[] badBranch = good.clone();
        badBranch[16] = 0x06;   // union branch 3 of a 2-branch union
        assertEquals(Reason.CORRUPT_PAYLOAD, bad(badBranch).reason());

        byte[] negativeLength = good.clone();
        negativeLength[5] = 0x03;   // zig-zag -2: negative string length
        assertEquals(Reason.CORRUPT_PAYLOAD, bad(negativeLength).reason());

        assertEquals(Reason.CORRUPT_PAYLOAD, bad(header(id)).reason(), "header only, empty body");
    }

    @Test
    void hugeLengthPrefixFailsWithoutAllocatingIt() {
        int id = candidateId();
        // string length 1,000,000,000 (zig-zag varint 2e9 = 80 A8 D6 B9 07) followed by 1 byte: plain Avro would
        // allocate a 1 GB buffer before noticing the data is missing
        byte[] data = concat(header(id), bytes(0x80, 0xA8, 0xD6, 0xB9, 0x07, 'x'));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        AvroDeserializer<Candidate> de = deserializer();
        assertThrows(SerdeException.class, () -> de.deserialize("in", data));   // warm-up: schema fetch, reader
        long before = mx.getCurrentThreadAllocatedBytes();
        SerdeException e = assertThrows(SerdeException.class, () -> de.deserialize("in", data));
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(Reason.CORRUPT_PAYLOAD, e.reason());
        assertTrue(allocated < 10_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void registryDownIsRetriableNotPoison() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SchemaRegistryClient down = new SchemaRegistryClient("http://127.0.0.1:" + closedPort, java.time.Duration.ofSeconds(2));
        SerdeException read = assertThrows(SerdeException.class,
                () -> new AvroDeserializer<>(Candidate.class, down).deserialize("in", concat(header(1), bytes(0))));
        assertEquals(Reason.REGISTRY_UNAVAILABLE, read.reason());
        assertTrue(read.reason().retriable());
        SerdeException write = assertThrows(SerdeException.class,
                () -> new AvroSerializer<Candidate>(down, true).serialize("in", new Candidate("a", 1.0, null)));
        assertEquals(Reason.REGISTRY_UNAVAILABLE, write.reason());
    }

    @Test
    void unencodableRecord() {
        Candidate broken = new Candidate(null, 1.0, null);   // 'id' is not nullable
        SerdeException e = assertThrows(SerdeException.class, () -> serializer().serialize(topic(), broken));
        assertEquals(Reason.ENCODING_FAILED, e.reason());
    }
}
