package org.lossforge.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Confluent-framed Avro: magic byte 0, the schema id (4 bytes, big-endian), then the record
 * in Avro binary. The subject is {@code <topic>-value} ({@code <topic>-key} for keys). With
 * {@code auto.register.schemas=true} (default) the record's schema is registered on first use; otherwise it must
 * already be registered under the subject. Ids are cached by {@link SchemaRegistryClient}.
 *
 * <p>Config: {@code schema.registry.url} (required), {@code auto.register.schemas},
 * {@code schema.registry.request.timeout.ms}. Failures throw {@link SerdeException}.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient client;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
    /** The last encoded size per schema (+16), the next output buffer's initial size. */
    private final Map<Schema, Integer> sizeHint = new ConcurrentHashMap<>();
    /** One buffered encoder per thread, re-pointed at each record's output (a producer may serialize on many threads). */
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    /** For Kafka, which instantiates serializers by class name and then calls {@link #configure}. */
    public AvroSerializer() {
    }

    /** Programmatic use: the given client; values unless {@link #configure} says otherwise. */
    public AvroSerializer(SchemaRegistryClient client, boolean autoRegister) {
        this.client = client;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        Object auto = configs.get(SerdeConfig.AUTO_REGISTER_SCHEMAS);
        if (auto != null) {
            autoRegister = Boolean.parseBoolean(auto.toString());
        }
        if (client == null) {
            client = clientFrom(configs);
        }
    }

    static SchemaRegistryClient clientFrom(Map<String, ?> configs) {
        Object url = configs.get(SerdeConfig.SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL + " is required");
        }
        Object ms = configs.get(SerdeConfig.REGISTRY_REQUEST_TIMEOUT_MS);
        Duration timeout = ms == null ? SchemaRegistryClient.DEFAULT_TIMEOUT : Duration.ofMillis(Long.parseLong(ms.toString()));
        return SchemaRegistryClient.shared(url.toString(), timeout);
    }

    /**
     * Why the registry refused {@code schema} (HTTP 409): the subject's latest version and Avro's own account of what
     * in the new schema cannot read data written with it (a field without a default, a type that does not promote),
     * so the producer's log names the field instead of only the registry's terse diff. Best effort: if the latest
     * version cannot be fetched, only the registry's answer (appended by the caller) explains it.
     */
    private String incompatibility(String subject, Schema schema) {
        String head = "the registry refused schema " + schema.getFullName() + " under subject " + subject
                + " as incompatible with the subject's compatibility rule";
        RegisteredSchema latest;
        try {
            latest = client.latest(subject);
        } catch (SchemaRegistryException e) {
            return head;
        }
        SchemaCompatibility.SchemaPairCompatibility backward =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, latest.schema());
        if (backward.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            // BACKWARD holds against the latest version: the rule is another one (FORWARD, FULL, *_TRANSITIVE)
            return head + " (it can read version " + latest.version() + ", id " + latest.id()
                    + "; the rule must be stricter than BACKWARD)";
        }
        StringBuilder why = new StringBuilder(head).append(": records written with version ").append(latest.version())
                .append(" (id ").append(latest.id()).append(") cannot be read with it");
        for (SchemaCompatibility.Incompatibility i : backward.getResult().getIncompatibilities()) {
            why.append("; ").append(i.getType()).append(" at ").append(i.getLocation()).append(": ").append(i.getMessage());
        }
        return why.toString();
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;   // tombstone
        }
        if (client == null) {
            throw new IllegalStateException("AvroSerializer not configured: no schema registry client");
        }
        Schema schema = record.getSchema();
        String subject = WireFormat.subject(topic, isKey);
        int id;
        try {
            id = autoRegister ? client.register(subject, schema) : client.lookup(subject, schema);
        } catch (SchemaRegistryException e) {
            SerdeException.Reason reason = e.isTransient() ? SerdeException.Reason.REGISTRY_UNAVAILABLE
                    : !autoRegister && e.isNotFound() ? SerdeException.Reason.SCHEMA_NOT_REGISTERED
                    : SerdeException.Reason.SCHEMA_REJECTED;
            String what = autoRegister && e.isIncompatible() ? incompatibility(subject, schema)
                    : "schema " + schema.getFullName() + " under subject " + subject;
            throw new SerdeException(reason, topic, null, what + ": " + e.getMessage(), e);
        }
        // sized from this schema's previous record; a buffered encoder, not the direct one: that one wrote each
        // value through ByteArrayOutputStream's synchronized write (issue 13's ranker profile)
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint.getOrDefault(schema, 256));
        byte[] header = new byte[WireFormat.HEADER_LENGTH];
        WireFormat.writeHeader(header, id);
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            // the record's own class decides the data model (conversions, class loader); getForSchema would resolve
            // the class by name through Avro's loader, which can be another copy of it (see AvroDeserializer.modelFor)
            writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, AvroDeserializer.modelFor(record.getClass())))
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerdeException(SerdeException.Reason.ENCODING_FAILED, topic, id,
                    "cannot encode " + schema.getFullName() + ": " + e, e);
        }
        byte[] bytes = out.toByteArray();
        sizeHint.put(schema, bytes.length + 16);
        return bytes;
    }
}
