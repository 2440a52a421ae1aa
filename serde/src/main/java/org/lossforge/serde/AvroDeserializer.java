package org.lossforge.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Confluent-framed Avro into a generated {@link SpecificRecord} class. The writer schema comes
 * from the registry by the id in the header (cached); the reader schema is the class's own {@code SCHEMA$}, so records
 * written with an older or newer compatible schema are resolved by Avro's schema-evolution rules.
 *
 * <p>Config (when Kafka instantiates it by class name): {@code schema.registry.url},
 * {@code specific.avro.value.type} (or {@code specific.avro.key.type} for keys) = the record class name,
 * {@code schema.registry.request.timeout.ms}.
 *
 * <p>Every bad input throws {@link SerdeException} with a precise {@link SerdeException.Reason}: too short, bad magic
 * byte, unknown schema id, writer schema not readable into the class, corrupt Avro body (including trailing bytes and
 * length prefixes larger than the record, which are caught before anything is allocated),
 * or the registry being unavailable (the one retriable reason).
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private SchemaRegistryClient client;
    private Class<T> type;
    private Schema readerSchema;
    private SpecificData model;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka, which instantiates deserializers by class name and then calls {@link #configure}. */
    public AvroDeserializer() {
    }

    /** Programmatic use. */
    public AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.client = client;
        setType(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (type == null) {
            String key = isKey ? SerdeConfig.SPECIFIC_AVRO_KEY_TYPE : SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE;
            Object name = configs.get(key);
            if (name == null) {
                throw new ConfigException(key + " is required (the generated SpecificRecord class to read into)");
            }
            Class<?> c;
            if (name instanceof Class<?> given) {
                c = given;
            } else {
                try {
                    c = Class.forName(name.toString().trim(), true, Thread.currentThread().getContextClassLoader() != null
                            ? Thread.currentThread().getContextClassLoader() : AvroDeserializer.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new ConfigException(key, name, "class not found");
                }
            }
            if (!SpecificRecord.class.isAssignableFrom(c)) {
                throw new ConfigException(key, name, "not a SpecificRecord class");
            }
            setType((Class<T>) c);
        }
        if (client == null) {
            client = AvroSerializer.clientFrom(configs);
        }
    }

    private void setType(Class<T> type) {
        this.type = type;
        this.model = modelFor(type);
        this.readerSchema = SpecificData.getForClass(type).getSchema(type);
    }

    /**
     * The data model records of {@code type} are created with: the class's own logical-type conversions, loading
     * record classes through <em>the class's</em> loader. Avro's default ({@code SpecificData.getForClass}, the
     * generated {@code MODEL$}) loads them through the loader of Avro itself; where Avro sits in a parent loader that
     * also sees a copy of the generated classes (Quarkus tests and dev mode: Avro in the base runtime loader, the
     * project's classes in the child), it creates instances of the parent's copy, and the caller gets a
     * ClassCastException.
     */
    static SpecificData modelFor(Class<?> type) {
        SpecificData own = SpecificData.getForClass(type);
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == own.getClassLoader()) {
            return own;
        }
        SpecificData model = new SpecificData(loader);
        own.getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    public Schema readerSchema() {
        return readerSchema;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;   // tombstone
        }
        if (client == null || type == null) {
            throw new IllegalStateException("AvroDeserializer not configured (registry client and record class needed)");
        }
        if (data.length < WireFormat.HEADER_LENGTH) {
            throw new SerdeException(SerdeException.Reason.TOO_SHORT, topic, null, data.length
                    + " bytes; Confluent-framed Avro needs at least 5 (magic byte 0 + 4-byte schema id)", null);
        }
        if (data[0] != WireFormat.MAGIC) {
            throw new SerdeException(SerdeException.Reason.BAD_MAGIC, topic, null, String.format(
                    "first byte is 0x%02x, expected magic byte 0x00%s", data[0] & 0xff,
                    data[0] == '{' || data[0] == '[' ? " (looks like JSON, not Confluent-framed Avro)" : ""), null);
        }
        int id = WireFormat.readSchemaId(data);
        SpecificDatumReader<T> reader = readerFor(topic, id);
        Schema writer = reader.getSchema();
        int bodyLength = data.length - WireFormat.HEADER_LENGTH;
        // Pass 1: walk the body with the writer schema without materialising anything. Every string/bytes/fixed
        // length is checked against the bytes actually present, so a corrupt length prefix (e.g. 1e9) fails here
        // with EOF instead of making pass 2 allocate a gigabyte.
        BinaryDecoder check = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH, bodyLength, null);
        try {
            GenericDatumReader.skip(writer, check);
        } catch (IOException | RuntimeException e) {
            throw new SerdeException(SerdeException.Reason.CORRUPT_PAYLOAD, topic, id, "the " + bodyLength
                    + "-byte Avro body does not decode with writer schema " + writer.getFullName() + ": " + e, e);
        }
        boolean trailing;
        try {
            trailing = !check.isEnd();
        } catch (IOException e) {
            throw new SerdeException(SerdeException.Reason.CORRUPT_PAYLOAD, topic, id, e.toString(), e);
        }
        if (trailing) {
            throw new SerdeException(SerdeException.Reason.CORRUPT_PAYLOAD, topic, id, "trailing bytes after a complete "
                    + writer.getFullName() + " record (" + bodyLength + "-byte body)", null);
        }
        // Pass 2: the real read, resolving writer -> reader schema.
        T value;
        try {
            value = reader.read(null, DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH, bodyLength, null));
        } catch (IOException | RuntimeException e) {
            throw new SerdeException(SerdeException.Reason.CORRUPT_PAYLOAD, topic, id, "the " + bodyLength
                    + "-byte Avro body does not decode with writer schema " + writer.getFullName() + ": " + e, e);
        }
        return value;
    }

    private SpecificDatumReader<T> readerFor(String topic, int id) {
        SpecificDatumReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = client.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerdeException(SerdeException.Reason.UNKNOWN_SCHEMA_ID, topic, id,
                        "the registry at " + client.baseUrl() + " has no schema with id " + id + ": " + e.registryMessage(), e);
            }
            throw new SerdeException(e.isTransient() ? SerdeException.Reason.REGISTRY_UNAVAILABLE
                    : SerdeException.Reason.UNKNOWN_SCHEMA_ID, topic, id, "cannot fetch schema id " + id + ": " + e.getMessage(), e);
        }
        SchemaCompatibility.SchemaPairCompatibility compat =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerdeException(SerdeException.Reason.INCOMPATIBLE_SCHEMA, topic, id, "writer schema "
                    + writer.getFullName() + " (id " + id + ") cannot be read as " + type.getName() + ": "
                    + compat.getResult().getIncompatibilities(), null);
        }
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writer, readerSchema, model);
        SpecificDatumReader<T> raced = readers.putIfAbsent(id, reader);
        return raced != null ? raced : reader;
    }
}
