package org.lossforge.ranker.streams;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Topics;
import org.lossforge.services.common.ConsumerMeters;

import io.micrometer.core.instrument.Metrics;

/** Builds the schemas' {@link DeadLetter} for the ranker ({@code service = "ranker"}). */
public final class DeadLetters {

    public static final String SERVICE = Topics.RANKER;
    static final int MAX_TEXT = 4000;

    private DeadLetters() {
    }

    public static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String reason,
                                Throwable cause, Instant failedAt) {
        return DeadLetter.newBuilder()
                .setOriginalTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(clip(reason == null ? "unknown" : reason))
                .setException(cause == null ? null : clip(cause.getClass().getName() + ": " + cause.getMessage()))
                .setService(SERVICE)
                .setFailedAt(failedAt)
                .build();
    }

    /** The ranker's share of the meters every consuming service exports (on the global registry, as the streams code). */
    static final ConsumerMeters METERS = new ConsumerMeters(Metrics.globalRegistry, SERVICE);

    /**
     * A record of {@code topic} dead-lettered: {@code lossforge_ranker_dead_letters_total{kind}} and
     * {@code lossforge_dead_letters_total{service="ranker", input=topic, reason=kind}}, and one record consumed.
     *
     * @param kind {@code undecodable} or {@code invalid}
     */
    static void count(String topic, String kind) {
        Metrics.counter("lossforge.ranker.dead.letters", "kind", kind).increment();
        METERS.consumed(topic);
        METERS.deadLettered(topic, kind);
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
