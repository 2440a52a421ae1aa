package org.lossforge.services.common;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Keys;

/**
 * Builds the schemas {@link DeadLetter} of a record a service gives up on: the original key and value bytes, its
 * topic, partition and offset, a one-line reason (starting with a machine-readable code such as {@code BAD_MAGIC}
 * or {@code UNKNOWN_BENCHMARK}), the exception that caused it, the service's name and the time. The record goes to
 * lossforge.dead-letters.v1 under {@link #key(DeadLetter)} ({@code originalTopic/partition/offset}), so a record
 * dead-lettered twice (a redelivery) lands under the same key.
 */
public final class DeadLetters {

    private final String service;
    private final Clock clock;

    /**
     * @param service the service name written into every letter ({@code evaluator}, {@code predictor-trainer}, ...)
     */
    public DeadLetters(String service, Clock clock) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service name required");
        }
        this.service = service;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String service() {
        return service;
    }

    /**
     * @param reason one line for people; by convention {@code CODE: detail}
     * @param cause  the exception behind it, or null; written as {@code class: message}
     */
    public DeadLetter of(RawRecord record, String reason, Throwable cause) {
        Objects.requireNonNull(record, "record");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a dead letter needs a reason");
        }
        return DeadLetter.newBuilder()
                .setOriginalTopic(record.topic())
                .setPartition(record.partition())
                .setOffset(record.offset())
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key().clone()))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value().clone()))
                .setReason(oneLine(reason))
                .setException(cause == null ? null : oneLine(cause.getClass().getName() + ": " + cause.getMessage()))
                .setService(service)
                .setFailedAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    /** The dead-letter topic's key: {@code originalTopic/partition/offset} ({@link Keys#deadLetter}). */
    public static String key(DeadLetter letter) {
        return Keys.deadLetter(letter.getOriginalTopic(), letter.getPartition(), letter.getOffset());
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
