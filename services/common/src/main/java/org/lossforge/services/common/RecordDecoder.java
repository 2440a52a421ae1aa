package org.lossforge.services.common;

import java.time.Duration;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SerdeException;

/**
 * Decode-or-dead-letter, the one place every worker service reads its input through.
 *
 * <p>{@link #decode(RawRecord, Check)} turns raw value bytes into a checked value, or into a schemas
 * {@code DeadLetter} when the record cannot be processed:
 * <ul>
 *   <li>a tombstone (null value): reason {@code TOMBSTONE};</li>
 *   <li>not our wire format, unknown schema id, writer schema not readable, corrupt Avro: the serde's reason
 *       ({@code TOO_SHORT}, {@code BAD_MAGIC}, {@code UNKNOWN_SCHEMA_ID}, {@code INCOMPATIBLE_SCHEMA},
 *       {@code CORRUPT_PAYLOAD}) and its precise message;</li>
 *   <li>semantically invalid: the check's {@link InvalidRecordException} code (e.g. {@code UNKNOWN_BENCHMARK});</li>
 *   <li>any other exception thrown by the check (a bug, or input nobody thought of): {@code PROCESSING_FAILED} with
 *       the exception, so one odd record never stops the service.</li>
 * </ul>
 * The one thing never dead-lettered is a registry that cannot be reached ({@code REGISTRY_UNAVAILABLE}): that is not the
 * record's fault. It is retried a few times with backoff, then {@link TransientFailureException} is thrown and the
 * caller must leave the record unacknowledged. A check may throw {@link TransientFailureException} too (for a failure
 * of its own resources, such as benchmark data that cannot be read); it is passed on, never dead-lettered.
 *
 * <p>Thread safe when the deserializer is (ours is).
 *
 * @param <T> the generated Avro class of the topic's values
 */
public final class RecordDecoder<T extends SpecificRecord> {

    /** Checks a decoded value and turns it into what the service works on; throws {@link InvalidRecordException}. */
    @FunctionalInterface
    public interface Check<T, R> {
        R apply(T value);
    }

    public static final String TOMBSTONE = "TOMBSTONE";
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

    private final AvroDeserializer<T> deserializer;
    private final DeadLetters deadLetters;
    private final int attempts;
    private final Duration backoff;

    /** Three attempts on a registry outage, 500 ms then 1 s apart (on top of the registry client's own 5xx retries). */
    public RecordDecoder(AvroDeserializer<T> deserializer, DeadLetters deadLetters) {
        this(deserializer, deadLetters, 3, Duration.ofMillis(500));
    }

    /**
     * @param attempts tries when the registry is unavailable (at least 1)
     * @param backoff  wait after the first failed try, doubled after each further one
     */
    public RecordDecoder(AvroDeserializer<T> deserializer, DeadLetters deadLetters, int attempts, Duration backoff) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1");
        }
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** The decoded value, or a dead letter. */
    public Outcome<T> decode(RawRecord record) {
        return decode(record, v -> v);
    }

    /**
     * The decoded and checked value, or a dead letter.
     *
     * @throws TransientFailureException when the registry stays unavailable (do not acknowledge the record)
     */
    public <R> Outcome<R> decode(RawRecord record, Check<? super T, ? extends R> check) {
        if (record.value() == null) {
            return dead(record, TOMBSTONE + ": the record has a null value (tombstone); nothing to process", null);
        }
        T value;
        try {
            value = deserializeWithRetry(record);
        } catch (SerdeException e) {
            return dead(record, e.getMessage(), e);
        }
        try {
            R checked = check.apply(value);
            if (checked == null) {
                return dead(record, PROCESSING_FAILED + ": the check returned nothing for a "
                        + value.getSchema().getName(), null);
            }
            return new Outcome.Ok<>(checked);
        } catch (InvalidRecordException e) {
            return dead(record, e.getMessage(), e.getCause());
        } catch (TransientFailureException e) {
            throw e;   // not the record's fault (e.g. the benchmark data cannot be read): leave it unacknowledged
        } catch (RuntimeException e) {
            return dead(record, PROCESSING_FAILED + ": " + e, e);
        }
    }

    private T deserializeWithRetry(RawRecord record) {
        long wait = backoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return deserializer.deserialize(record.topic(), record.value());
            } catch (SerdeException e) {
                if (!e.reason().retriable()) {
                    throw e;
                }
                if (attempt >= attempts) {
                    throw new TransientFailureException("cannot decode " + record.coordinates() + " after " + attempts
                            + " attempts: " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new TransientFailureException("interrupted while waiting for the schema registry", ie);
            }
            wait *= 2;
        }
    }

    private <R> Outcome<R> dead(RawRecord record, String reason, Throwable cause) {
        return new Outcome.Dead<>(deadLetters.of(record, reason, cause));
    }
}
