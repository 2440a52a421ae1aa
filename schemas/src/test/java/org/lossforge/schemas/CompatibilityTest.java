package org.lossforge.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The contract rule, shown with Avro's own checker. BACKWARD (the registry level of every subject) means: the new
 * schema, as reader, reads data written with the old one. Adding an optional field (["null", T], default null)
 * passes; changing a field's type or adding a field without default does not.
 */
class CompatibilityTest {

    static final Schema V1 = Evaluation.getClassSchema();

    static SchemaCompatibilityType backward(Schema newer, Schema older) {
        return SchemaCompatibility.checkReaderWriterCompatibility(newer, older).getType();
    }

    /** A copy of {@code s} whose fields went through {@code edit} (fields must be copied to be reused). */
    static Schema edited(Schema s, UnaryOperator<List<Schema.Field>> edit) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : s.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, edit.apply(fields));
    }

    static Schema withField(Schema.Field extra) {
        return edited(V1, fs -> {
            fs.add(extra);
            return fs;
        });
    }

    @Test
    void addingANullableFieldWithNullDefaultIsBackwardCompatible() throws IOException {
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        Schema v2 = withField(new Schema.Field("hostname", optional, "Trainer host; null when unknown.",
                JsonProperties.NULL_VALUE));
        assertEquals(SchemaCompatibilityType.COMPATIBLE, backward(v2, V1));

        // and it really reads v1 bytes: the new field comes out as its default
        byte[] v1Bytes = RoundTripTest.write(Samples.evaluation());
        GenericRecord r = new GenericDatumReader<GenericRecord>(V1, v2)
                .read(null, DecoderFactory.get().binaryDecoder(v1Bytes, null));
        assertNull(r.get("hostname"));
        assertEquals(Samples.evaluation().getKendallTauB(), (Double) r.get("kendallTauB"), 0.0);
    }

    @Test
    void changingAFieldTypeIsNotBackwardCompatible() {
        Schema v2 = edited(V1, fs -> fs.stream()
                .map(f -> f.name().equals("kendallTauB")
                        ? new Schema.Field(f.name(), Schema.create(Schema.Type.STRING), f.doc())
                        : f)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE, backward(v2, V1));
    }

    @Test
    void addingARequiredFieldIsNotBackwardCompatible() {
        Schema v2 = withField(new Schema.Field("gpuCount", Schema.create(Schema.Type.INT), "GPUs used."));
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE, backward(v2, V1));
    }

    @Test
    void removingAFieldIsBackwardCompatible() {
        Schema v2 = edited(V1, fs -> {
            fs.removeIf(f -> f.name().equals("regret10"));
            return fs;
        });
        assertEquals(SchemaCompatibilityType.COMPATIBLE, backward(v2, V1));
    }

    @Test
    void widenedPromotionIsBackwardCompatible() {
        Schema v2 = edited(V1, fs -> fs.stream()
                .map(f -> f.name().equals("trainSize")
                        ? new Schema.Field(f.name(), Schema.create(Schema.Type.LONG), f.doc())
                        : f)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
        assertEquals(SchemaCompatibilityType.COMPATIBLE, backward(v2, V1));
    }

    @Test
    void everySchemaIsBackwardCompatibleWithItself() {
        for (TopicSpec t : Topics.ALL) {
            assertEquals(SchemaCompatibilityType.COMPATIBLE, backward(t.valueSchema(), t.valueSchema()), t.name());
        }
    }
}
