package org.lossforge.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record could not be (de)serialized. {@link #reason()} says why in a machine-readable way (the platform routes
 * records that fail with a non-retriable reason to a dead-letter topic, with {@link #getMessage()} as the reason text).
 * It is a Kafka {@link SerializationException}, so a consumer surfaces it as a
 * {@code RecordDeserializationException} carrying the partition and offset of the bad record.
 */
public class SerdeException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /** Why a record failed. Only {@link #REGISTRY_UNAVAILABLE} is worth retrying; the others are poison records. */
    public enum Reason {
        /** Fewer than 5 bytes: no room for magic byte + schema id. */
        TOO_SHORT,
        /** First byte is not the Confluent magic byte 0 (not Confluent-framed Avro, e.g. JSON or another serde). */
        BAD_MAGIC,
        /** The registry does not know the schema id in the header. */
        UNKNOWN_SCHEMA_ID,
        /** The writer schema cannot be read into the reader class's schema (no schema-evolution path). */
        INCOMPATIBLE_SCHEMA,
        /** The Avro binary after the header does not decode with the writer schema (truncated, garbage, trailing bytes). */
        CORRUPT_PAYLOAD,
        /** Registry unreachable, timed out or failing (5xx): transient, retry rather than dead-letter. */
        REGISTRY_UNAVAILABLE,
        /** Serializer with auto-registration off: the schema is not registered under the subject. */
        SCHEMA_NOT_REGISTERED,
        /** The registry refused to register the schema (incompatible with the subject's rule, or invalid). */
        SCHEMA_REJECTED,
        /** The record could not be encoded with its own schema (e.g. null in a non-nullable field). */
        ENCODING_FAILED;

        public boolean retriable() {
            return this == REGISTRY_UNAVAILABLE;
        }
    }

    private final Reason reason;
    private final String topic;
    private final Integer schemaId;

    public SerdeException(Reason reason, String topic, Integer schemaId, String detail, Throwable cause) {
        super(reason + " (topic " + topic + (schemaId == null ? "" : ", schema id " + schemaId) + "): " + detail, cause);
        this.reason = reason;
        this.topic = topic;
        this.schemaId = schemaId;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }

    /** The schema id from the record header or the registry, if known. */
    public Integer schemaId() {
        return schemaId;
    }
}
