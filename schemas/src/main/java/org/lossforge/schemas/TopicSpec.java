package org.lossforge.schemas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the platform: what it is keyed by, what its values are, and the settings it is created with.
 * {@link Topics#ALL} is the single source of truth; {@code schemas/README.md}'s table is checked against it by a
 * test, and topic creation uses {@link #configs()}.
 *
 * @param name            topic name, {@code lossforge.<noun>.v1}
 * @param key             what the record key is (a description, written into the README as is)
 * @param valueType       generated Avro class of the values
 * @param partitions      partition count
 * @param cleanupPolicy   {@code delete} or {@code compact}
 * @param retentionMs     {@code retention.ms}; -1 keeps records forever
 * @param maxMessageBytes {@code max.message.bytes}
 * @param producer        the service writing the topic
 * @param consumers       the services reading it
 */
public record TopicSpec(String name, String key, Class<? extends SpecificRecord> valueType, int partitions,
                        CleanupPolicy cleanupPolicy, long retentionMs, int maxMessageBytes, String producer,
                        List<String> consumers) {

    /** Kafka's {@code cleanup.policy} values we use. */
    public enum CleanupPolicy {
        DELETE, COMPACT;

        /** The value Kafka expects ({@code delete}, {@code compact}). */
        public String kafkaValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final long DAY_MS = 86_400_000L;
    public static final int MIB = 1 << 20;

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(producer, "producer");
        if (!name.matches("lossforge\\.[a-z][a-z-]*\\.v[0-9]+")) {
            throw new IllegalArgumentException("topic name '" + name + "' is not lossforge.<noun>.v<N>");
        }
        if (partitions <= 0 || maxMessageBytes <= 0 || (retentionMs <= 0 && retentionMs != -1)) {
            throw new IllegalArgumentException("bad settings for " + name);
        }
        consumers = List.copyOf(consumers);
    }

    /** The Avro schema of the values. */
    public Schema valueSchema() {
        return SpecificData.get().getSchema(valueType);
    }

    /** The schema-registry subject of the values (TopicNameStrategy): {@code <topic>-value}. */
    public String valueSubject() {
        return name + "-value";
    }

    /** Topic configs to create it with: cleanup.policy, retention.ms, max.message.bytes. */
    public Map<String, String> configs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cleanup.policy", cleanupPolicy.kafkaValue());
        m.put("retention.ms", Long.toString(retentionMs));
        m.put("max.message.bytes", Integer.toString(maxMessageBytes));
        return m;
    }

    /** Retention as written in the README: {@code forever}, {@code 7 d}, or milliseconds when not whole days. */
    public String retentionText() {
        if (retentionMs == -1) {
            return "forever";
        }
        return retentionMs % DAY_MS == 0 ? (retentionMs / DAY_MS) + " d" : retentionMs + " ms";
    }

    /** Max message size as written in the README: {@code 4 MiB}, or bytes when not whole MiB. */
    public String maxMessageText() {
        return maxMessageBytes % MIB == 0 ? (maxMessageBytes / MIB) + " MiB" : maxMessageBytes + " B";
    }
}
