package org.lossforge.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain consumer of one topic (its own group, from the earliest offset, read committed) that waits, bounded, for
 * matching records. Keys are strings; values go through the given deserializer (our Avro deserializer, or bytes). A
 * value the deserializer refuses (poison a test wrote on purpose) is skipped and counted, not thrown.
 */
public final class TopicReader<T> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;
    private final List<ConsumerRecord<String, T>> seen = new ArrayList<>();
    private int undecodable;

    public TopicReader(String bootstrap, String topic, Deserializer<T> values) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), "test-reader-", topic, values);
    }

    /**
     * A reader with its own client settings (bootstrap and, for a secured broker, the security settings, e.g.
     * {@link SecureKafka#clientProperties}) and a group named {@code groupPrefix} + a unique suffix (a user's ACLs
     * may allow only groups with a given prefix).
     */
    public TopicReader(Map<String, ?> client, String groupPrefix, String topic, Deserializer<T> values) {
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + System.nanoTime());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(6 << 20));
        Deserializer<T> lenient = new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                try {
                    return values.deserialize(topic, data);
                } catch (RuntimeException e) {
                    return null;
                }
            }

            @Override
            public T deserialize(String topic, org.apache.kafka.common.header.Headers headers, byte[] data) {
                try {
                    return values.deserialize(topic, headers, data);
                } catch (RuntimeException e) {
                    return null;
                }
            }
        };
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), lenient);
        consumer.subscribe(List.of(topic));
    }

    /** Everything read so far (in arrival order). */
    public List<ConsumerRecord<String, T>> seen() {
        return List.copyOf(seen);
    }

    /** How many records had a value the deserializer refused (skipped). */
    public int undecodable() {
        return undecodable;
    }

    /** Reads what arrives within {@code d}. */
    public void pollFor(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
    }

    /** The first record (seen so far or arriving within {@code within}) matching {@code p}; fails after that. */
    public ConsumerRecord<String, T> await(Predicate<ConsumerRecord<String, T>> p, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (ConsumerRecord<String, T> r : seen) {
                if (p.test(r)) {
                    return r;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching record within " + within + "; saw " + seen.size() + " records");
            }
            poll();
        }
    }

    /** Waits (bounded) until at least {@code n} records match; returns them. */
    public List<ConsumerRecord<String, T>> awaitAtLeast(Predicate<ConsumerRecord<String, T>> p, int n, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (seen.stream().filter(p).count() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + seen.stream().filter(p).count() + " of " + n
                        + " matching records within " + within + "; saw " + seen.size() + " records");
            }
            poll();
        }
        return seen.stream().filter(p).toList();
    }

    /**
     * Exactly {@code n} records matching {@code p}: waits (bounded by {@code within}) for n, then keeps polling for
     * {@code quiet} to make sure no further one arrives; fails otherwise.
     */
    public List<ConsumerRecord<String, T>> awaitExactly(Predicate<ConsumerRecord<String, T>> p, int n, Duration within,
                                                        Duration quiet) {
        awaitAtLeast(p, n, within);
        pollFor(quiet);
        List<ConsumerRecord<String, T>> matching = seen.stream().filter(p).toList();
        if (matching.size() != n) {
            throw new AssertionError("expected exactly " + n + " matching records, got " + matching.size());
        }
        return matching;
    }

    private void poll() {
        for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.value() == null) {
                undecodable++;   // a refused value (or a tombstone): not a record of this type
            } else {
                seen.add(r);
            }
        }
    }

    /** Waits (bounded) until {@code group} has committed an offset beyond {@code offset} on that partition. */
    public static long awaitCommitted(String bootstrap, String group, String topic, int partition, long offset,
                                      Duration within) {
        TopicPartition tp = new TopicPartition(topic, partition);
        long deadline = System.nanoTime() + within.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long committed = -1;
            while (System.nanoTime() < deadline) {
                OffsetAndMetadata m = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(tp);
                committed = m == null ? -1 : m.offset();
                if (committed > offset) {
                    return committed;
                }
                Thread.sleep(200);   // poll interval of a bounded wait
            }
            throw new AssertionError("group " + group + " committed " + committed + " on " + tp + ", not beyond " + offset
                    + " within " + within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
