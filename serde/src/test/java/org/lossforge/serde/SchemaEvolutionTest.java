package org.lossforge.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.serde.SerdeException.Reason;
import org.lossforge.testkit.LocalRegistry;

/**
 * Schema evolution of a real contract, {@link LossCandidate}, against the dev registry (Apicurio 2.4.2, ccompat v7),
 * whose global compatibility rule is BACKWARD as the deployed registry's is (infra/registry's application.properties,
 * {@code registry.rules.global.compatibility}): a version that the consumers' new reader could not read old records
 * with is refused, with or without a subject rule, and the serializer says which field breaks it; a version with a
 * new field that has a default is accepted, and consumers on either side of it read each other's records.
 */
class SchemaEvolutionTest {

    static final Schema V1 = LossCandidate.getClassSchema();
    /** v2, compatible: a new field with a default (what a producer on a newer contract writes). */
    static final Schema V2_OPTIONAL = with(V1, new Schema.Field("origin", Schema.create(Schema.Type.STRING),
            "Where the candidate came from.", "unknown"));
    /** v2, BACKWARD-incompatible: a new field without a default (old records have no value for it). */
    static final Schema V2_REQUIRED = with(V1, new Schema.Field("priority", Schema.create(Schema.Type.INT),
            "Scheduling priority."));

    static final LossCandidate CANDIDATE = LossCandidate.newBuilder().setCandidateId("c-evolve").setStudyId("s-evolve")
            .setKind(LossKind.PIECEWISE).setSpec("pw:warm=hr").setDisplayName("PW").setSubmittedBy("evolution test")
            .setSubmittedAt(Instant.ofEpochMilli(1_765_000_000_123L)).build();

    static SchemaRegistryClient client;

    @BeforeAll
    static void registry() {
        client = new SchemaRegistryClient(LocalRegistry.shared().url());
    }

    static String topic() {
        return "evolution-" + UUID.randomUUID();
    }

    @Test
    void theDevRegistryRefusesABackwardIncompatibleVersionWithoutAnySubjectRule() {
        String subject = topic() + "-value";
        int v1 = client.register(subject, V1);
        // no PUT /config/{subject}: only the registry's global rule applies
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> client.register(subject, V2_REQUIRED));
        assertEquals(409, refused.status(), refused.getMessage());
        assertTrue(refused.registryMessage().contains("priority"), refused.registryMessage());
        assertFalse(client.testCompatibility(subject, V2_REQUIRED));
        assertEquals(new RegisteredSchema(subject, v1, 1, V1), client.latest(subject), "nothing was added");

        int v2 = client.register(subject, V2_OPTIONAL);
        assertNotEquals(v1, v2);
        assertEquals(2, client.latest(subject).version(), "the compatible version is accepted");
    }

    @Test
    void aSubjectsOwnRuleOverridesTheGlobalOneButNoneDoesNotLiftIt() {
        Schema specAsInt = replaceType(V1, "spec", Schema.create(Schema.Type.INT));   // neither way readable
        String strict = topic() + "-value";   // ccompat PUT /config/{subject}
        client.register(strict, V1);
        assertEquals(CompatibilityLevel.BACKWARD, client.setCompatibility(strict, CompatibilityLevel.BACKWARD));
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> client.register(strict, specAsInt));
        assertTrue(refused.isIncompatible(), refused.getMessage());
        assertTrue(refused.registryMessage().contains("INT not compatible with writer type: STRING at /fields/3/type"),
                refused.registryMessage());   // spec is field 3

        // FORWARD (old readers read new records) instead of the global BACKWARD: the new required field passes
        String forward = topic() + "-value";
        client.register(forward, V1);
        assertEquals(CompatibilityLevel.FORWARD, client.setCompatibility(forward, CompatibilityLevel.FORWARD));
        client.register(forward, V2_REQUIRED);
        assertEquals(2, client.latest(forward).version());
        assertThrows(SchemaRegistryException.class, () -> client.register(forward, specAsInt));

        // Apicurio 2.4.2's ccompat takes NONE as "no rule of the subject's own", so the global BACKWARD still holds
        String none = topic() + "-value";
        client.register(none, V1);
        assertEquals(CompatibilityLevel.NONE, client.setCompatibility(none, CompatibilityLevel.NONE));
        assertTrue(assertThrows(SchemaRegistryException.class, () -> client.register(none, V2_REQUIRED)).isIncompatible());
        assertEquals(1, client.latest(none).version());
    }

    @Test
    void theSerializerNamesTheFieldThatBreaksCompatibility() {
        String topic = topic();
        String subject = topic + "-value";
        // an older contract without 'spec': LossCandidate's 'spec' has no default, so it cannot read those records
        int older = client.register(subject, without(V1, "spec"));
        SerdeException e = assertThrows(SerdeException.class,
                () -> new AvroSerializer<LossCandidate>(client, true).serialize(topic, CANDIDATE));
        assertEquals(Reason.SCHEMA_REJECTED, e.reason());
        assertFalse(e.reason().retriable());
        String m = e.getMessage();
        assertTrue(m.contains("the registry refused schema org.lossforge.schemas.LossCandidate under subject " + subject
                + " as incompatible"), m);
        assertTrue(m.contains("records written with version 1 (id " + older + ") cannot be read with it"), m);
        assertTrue(m.contains("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3: spec"), m);
        assertTrue(m.contains("HTTP 409"), m);   // and the registry's own answer
        assertEquals(1, client.latest(subject).version(), "nothing was registered");
    }

    @Test
    void aConsumerOnTheOldSchemaReadsARecordWithTheNewOptionalField() throws IOException {
        String topic = topic();
        String subject = topic + "-value";
        byte[] old = new AvroSerializer<LossCandidate>(client, true).serialize(topic, CANDIDATE);   // registers v1
        int v2 = client.register(subject, V2_OPTIONAL);
        assertEquals(2, client.latest(subject).version());

        GenericRecord newer = generic(V2_OPTIONAL, CANDIDATE);
        newer.put("origin", "nlfs-evolver");
        byte[] bytes = framed(v2, V2_OPTIONAL, newer);
        AvroDeserializer<LossCandidate> reader = new AvroDeserializer<>(LossCandidate.class, client);
        assertEquals(CANDIDATE, reader.deserialize(topic, bytes), "the new field is skipped, the rest equal");
        assertEquals(CANDIDATE, reader.deserialize(topic, old), "and the old records still read");
        assertNotEquals(WireFormat.readSchemaId(old), WireFormat.readSchemaId(bytes), "two writer schemas");
    }

    @Test
    void aConsumerOnTheNewSchemaReadsAnOldRecordWithTheDefault() throws IOException {
        String topic = topic();
        byte[] old = new AvroSerializer<LossCandidate>(client, true).serialize(topic, CANDIDATE);   // v1, the old producer
        client.register(topic + "-value", V2_OPTIONAL);                                            // the new contract

        // the new consumer: writer schema by the record's id from the registry, its own reader schema v2
        Schema writer = client.getById(WireFormat.readSchemaId(old));
        assertEquals(V1, writer);
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, V2_OPTIONAL).read(null,
                DecoderFactory.get().binaryDecoder(old, WireFormat.HEADER_LENGTH, old.length - WireFormat.HEADER_LENGTH, null));
        assertEquals("unknown", read.get("origin").toString(), "the default fills the field the old writer lacked");
        assertEquals("c-evolve", read.get("candidateId").toString());
        assertEquals("pw:warm=hr", read.get("spec").toString());
        assertEquals("PIECEWISE", read.get("kind").toString());
        assertEquals(1_765_000_000_123L, read.get("submittedAt"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    static Schema with(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = copy(base, null, null);
        fields.add(extra);
        return record(base, fields);
    }

    static Schema without(Schema base, String field) {
        return record(base, copy(base, field, null));
    }

    static Schema replaceType(Schema base, String field, Schema type) {
        return record(base, copy(base, field, type));
    }

    /** The fields of {@code base} (fields are owned by one schema, so each is copied), {@code name} dropped or retyped. */
    private static List<Schema.Field> copy(Schema base, String name, Schema type) {
        List<Schema.Field> out = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            if (!f.name().equals(name)) {
                out.add(new Schema.Field(f, f.schema()));
            } else if (type != null) {
                out.add(new Schema.Field(f.name(), type, f.doc()));
            }
        }
        return out;
    }

    private static Schema record(Schema base, List<Schema.Field> fields) {
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    /** The candidate as a generic record of {@code schema} (Avro's generic model: enum symbol, epoch millis). */
    static GenericRecord generic(Schema schema, LossCandidate c) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("candidateId", c.getCandidateId());
        r.put("studyId", c.getStudyId());
        r.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), c.getKind().name()));
        r.put("spec", c.getSpec());
        r.put("displayName", c.getDisplayName());
        r.put("submittedBy", c.getSubmittedBy());
        r.put("submittedAt", c.getSubmittedAt().toEpochMilli());
        return r;
    }

    static byte[] framed(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[WireFormat.HEADER_LENGTH];
        WireFormat.writeHeader(header, id);
        out.write(header);
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, enc);
        enc.flush();
        return out.toByteArray();
    }
}
