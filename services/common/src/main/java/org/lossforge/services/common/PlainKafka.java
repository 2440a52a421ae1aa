package org.lossforge.services.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;

/**
 * Plain Kafka clients for the services' long-running controllers (the trainer's search controller, the generator's
 * NLFS evolver), whose only memory is on topics: consumers without a group (every partition assigned, read from the
 * beginning, nothing committed) and an idempotent producer whose sends return once the broker acknowledged them.
 */
public final class PlainKafka {

    private PlainKafka() {
    }

    /** An idempotent producer (acks=all) of Avro values through our serializer. */
    public static KafkaProducer<String, SpecificRecord> producer(String bootstrap, SchemaRegistryClient registry) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new AvroSerializer<>(registry, true));
    }

    /** A consumer of every partition of {@code topic}, positioned at the beginning, read committed, no group. */
    public static <T> KafkaConsumer<String, T> fromBeginning(String bootstrap, String topic, Deserializer<T> values) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(c, new StringDeserializer(), values);
        List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> tps = parts.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return consumer;
    }

    /** Sends and waits for the broker's acknowledgement; a failure is a {@link TransientFailureException}. */
    public static void sendAcked(KafkaProducer<String, SpecificRecord> producer, String topic, String key,
                                 SpecificRecord value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientFailureException("cannot write to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Reads from the consumer's positions to the end offsets of this moment, handing every record to {@code sink}. */
    public static <T> void readToEnd(KafkaConsumer<String, T> c, BiConsumer<String, T> sink) {
        Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
        while (behind(c, end)) {
            for (ConsumerRecord<String, T> r : c.poll(Duration.ofMillis(200))) {
                sink.accept(r.key(), r.value());
            }
        }
    }

    /** Whether the consumer is before {@code end} on any partition. */
    public static boolean behind(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return true;
            }
        }
        return false;
    }
}
