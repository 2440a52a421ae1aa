package org.lossforge.services.common;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record exactly as it was read: where it came from and its key and value bytes (either may be null). Services
 * consume raw bytes and decode in code, so a record that cannot be read still has everything a dead letter needs.
 * The arrays are not copied; treat them as read-only.
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

    public RawRecord {
        Objects.requireNonNull(topic, "topic");
    }

    public static RawRecord of(ConsumerRecord<byte[], byte[]> r) {
        return new RawRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value());
    }

    /** The key as UTF-8 text (our keys are plain strings), or null. */
    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** {@code topic/partition/offset}, for logs. */
    public String coordinates() {
        return topic + "/" + partition + "/" + offset;
    }

    @Override
    public String toString() {
        return "RawRecord[" + coordinates() + ", key " + (key == null ? "null" : key.length + " B")
                + ", value " + (value == null ? "null" : value.length + " B") + "]";
    }
}
