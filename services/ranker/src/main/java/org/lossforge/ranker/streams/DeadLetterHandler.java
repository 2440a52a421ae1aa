package org.lossforge.ranker.streams;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;
import org.lossforge.services.common.ConsumerMeters;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Keys;
import org.lossforge.serde.SerdeException;

/**
 * Kafka Streams {@code deserialization.exception.handler}: a record that cannot be decoded (not our wire format,
 * unknown schema id, corrupt body, incompatible writer schema) is written as a {@link DeadLetter} (original key and
 * value bytes, topic, partition, offset, reason, {@code service = "ranker"}) to lossforge.dead-letters.v1 and skipped;
 * the stream goes on with the next record.
 *
 * <p>Two cases stop instead ({@code FAIL}): a <em>retriable</em> failure (the schema registry is unreachable: the
 * record is fine, dead-lettering it would lose it; {@link RetryTransientErrors} then replaces the stream thread, which
 * re-reads from the last commit), and a dead letter that could not be written (skipping the record would lose it).
 *
 * <p>Config (from the Kafka Streams configuration, e.g. {@code kafka-streams.*} in Quarkus): {@code bootstrap.servers}
 * and {@code schema.registry.url} for the {@link KafkaDeadLetterSink}; or a {@link DeadLetterSink} object under
 * {@link #SINK_CONFIG} (tests).
 */
public class DeadLetterHandler implements DeserializationExceptionHandler, Configurable {

    /** Config key for a {@link DeadLetterSink} instance to use instead of Kafka (tests). */
    public static final String SINK_CONFIG = "lossforge.dead-letter.sink";

    private static final Logger LOG = Logger.getLogger(DeadLetterHandler.class);

    private Map<String, ?> configs = Map.of();
    private volatile DeadLetterSink sink;

    @Override
    public void configure(Map<String, ?> configs) {
        this.configs = Map.copyOf(configs.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        if (configs.get(SINK_CONFIG) instanceof DeadLetterSink given) {
            this.sink = given;
        }
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        SerdeException serde = serdeCause(exception);
        if (serde != null && serde.reason().retriable()) {
            LOG.errorf("cannot decode %s-%d@%d now (%s); failing the stream thread so it retries from the last commit",
                    record.topic(), record.partition(), record.offset(), serde.getMessage());
            return DeserializationHandlerResponse.FAIL;
        }
        String reason = serde != null ? serde.getMessage()
                : "cannot deserialize: " + exception.getClass().getSimpleName() + ": " + exception.getMessage();
        DeadLetter letter = DeadLetters.of(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), reason, exception, Instant.now());
        String key = Keys.deadLetter(record.topic(), record.partition(), record.offset());
        try {
            sink().send(key, letter);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.errorf(e, "cannot write the dead letter for %s; failing rather than losing the record", key);
            return DeserializationHandlerResponse.FAIL;
        }
        DeadLetters.count(record.topic(), ConsumerMeters.UNDECODABLE);
        LOG.warnf("dead-lettered %s: %s", key, reason);
        return DeserializationHandlerResponse.CONTINUE;
    }

    private DeadLetterSink sink() {
        DeadLetterSink s = sink;
        if (s == null) {
            s = KafkaDeadLetterSink.shared(configs);
            sink = s;
        }
        return s;
    }

    static SerdeException serdeCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SerdeException s) {
                return s;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
