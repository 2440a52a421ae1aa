package org.lossforge.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;

/** A plain consumer of one topic (own group, from the earliest offset) that waits, bounded, for a matching record. */
final class TopicReader<T extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;
    private final List<ConsumerRecord<String, T>> seen = new ArrayList<>();

    TopicReader(String bootstrap, String registryUrl, String topic, Class<T> type) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(6 << 20));
        consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new AvroDeserializer<>(type, new SchemaRegistryClient(registryUrl)));
        consumer.subscribe(List.of(topic));
    }

    /** The first record (seen so far or arriving within {@code within}) matching {@code p}; fails after that. */
    ConsumerRecord<String, T> await(Predicate<ConsumerRecord<String, T>> p, Duration within) {
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
            for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(r);
            }
        }
    }

    /**
     * Exactly {@code n} records matching {@code p}: waits (bounded by {@code within}) for n, then keeps polling for
     * {@code quiet} to make sure no further one arrives; fails otherwise.
     */
    List<ConsumerRecord<String, T>> awaitExactly(Predicate<ConsumerRecord<String, T>> p, int n, Duration within,
                                                 Duration quiet) {
        long deadline = System.nanoTime() + within.toNanos();
        while (seen.stream().filter(p).count() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + seen.stream().filter(p).count() + " of " + n
                        + " matching records within " + within + "; saw " + seen.size() + " records");
            }
            for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(r);
            }
        }
        long quietEnd = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < quietEnd) {
            for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(r);
            }
        }
        List<ConsumerRecord<String, T>> matching = seen.stream().filter(p).toList();
        if (matching.size() != n) {
            throw new AssertionError("expected exactly " + n + " matching records, got " + matching.size());
        }
        return matching;
    }

    /** Waits (bounded) until {@code group} has committed an offset beyond {@code offset} on that partition. */
    static long awaitCommitted(String bootstrap, String group, String topic, int partition, long offset, Duration within) {
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
