package org.lossforge.serde;

import java.util.Map;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link AvroSerializer} and {@link AvroDeserializer} as one Kafka {@link Serde}, the form Kafka Streams takes
 * ({@code Consumed.with}, {@code Produced.with}, {@code Materialized.withValueSerde}, store builders).
 *
 * <pre>{@code
 * Serde<Evaluation> evaluations = AvroSerde.of(Evaluation.class, SchemaRegistryClient.shared(url, timeout));
 * builder.stream(Topics.EVALUATIONS, Consumed.with(Serdes.String(), evaluations));
 * }</pre>
 *
 * <p>Both halves share one {@link SchemaRegistryClient} (so one id cache). {@link #configure} passes the map to both
 * halves; since a programmatic serde already has its class and client, only {@code auto.register.schemas} and the
 * key/value side (subject {@code <topic>-key} or {@code <topic>-value}) are taken from it. Failures throw
 * {@link SerdeException} as the halves do.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** Values of {@code type}, registering schemas on first use. */
    public AvroSerde(Class<T> type, SchemaRegistryClient client) {
        this(type, client, true);
    }

    public AvroSerde(Class<T> type, SchemaRegistryClient client, boolean autoRegister) {
        this.type = Objects.requireNonNull(type, "type");
        Objects.requireNonNull(client, "client");
        this.serializer = new AvroSerializer<>(client, autoRegister);
        this.deserializer = new AvroDeserializer<>(type, client);
    }

    /** Shorthand for {@code new AvroSerde<>(type, client)}. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, SchemaRegistryClient client) {
        return new AvroSerde<>(type, client);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }

    @Override
    public String toString() {
        return "AvroSerde[" + type.getName() + "]";
    }
}
