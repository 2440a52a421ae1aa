package org.lossforge.services.common;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
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
import org.lossforge.serde.SerdeException;

/**
 * Plain Kafka clients for the services' long-running controllers (the trainer's search controller, the generator's
 * NLFS evolver), whose only memory is on topics: consumers without a group (every partition assigned, read from the
 * beginning, nothing committed) and an idempotent producer whose sends return once the broker acknowledged them.
 *
 * <p>The clients connect with the service's own Kafka client settings ({@code bootstrap.servers} and the
 * {@code security.*}, {@code sasl.*}, {@code ssl.*} entries of its {@code kafka.*} configuration, so a SCRAM-over-TLS
 * cluster works as it does for the channels), and may only touch the topics the service declares in
 * {@code lossforge.kafka.plain.reads} and {@code lossforge.kafka.plain.writes}. Those two lines, with the channels, are
 * what the service's Kubernetes {@code KafkaUser} ACLs are generated from (k8s/README.md); a topic used here but not
 * declared there fails at once instead of with an authorization error on a cluster.
 */
public final class PlainKafka {

    /** The configuration properties that declare the topics a service's plain clients read and write. */
    public static final String READS = "lossforge.kafka.plain.reads", WRITES = "lossforge.kafka.plain.writes";

    private final Map<String, Object> client;
    private final Set<String> reads;
    private final Set<String> writes;

    /**
     * @param kafkaConfig the service's Kafka client configuration without the {@code kafka.} prefix (Quarkus'
     *                    {@code default-kafka-broker} map); only {@code bootstrap.servers} and the security entries
     *                    are used
     * @param reads       the topics the plain consumers may read
     * @param writes      the topics the plain producer may write
     */
    public PlainKafka(Map<String, ?> kafkaConfig, Collection<String> reads, Collection<String> writes) {
        this.client = connection(kafkaConfig);
        this.reads = Set.copyOf(reads);
        this.writes = Set.copyOf(writes);
    }

    /** {@code bootstrap.servers} and the security settings ({@code security.*}, {@code sasl.*}, {@code ssl.*}). */
    public static Map<String, Object> connection(Map<String, ?> kafkaConfig) {
        Object bootstrap = kafkaConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException("no bootstrap.servers in the Kafka configuration");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap.toString());
        kafkaConfig.forEach((name, value) -> {
            if (value != null && (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl."))) {
                m.put(name, value);
            }
        });
        return m;
    }

    /** The connection settings the clients are made with (bootstrap and security). */
    public Map<String, Object> clientSettings() {
        return Map.copyOf(client);
    }

    /** The declared topics read, sorted. */
    public Set<String> reads() {
        return new TreeSet<>(reads);
    }

    /** An idempotent producer (acks=all) of Avro values through our serializer. */
    public KafkaProducer<String, SpecificRecord> producer(SchemaRegistryClient registry) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new AvroSerializer<>(registry, true));
    }

    /** A consumer of every partition of {@code topic}, positioned at the beginning, read committed, no group. */
    public <T> KafkaConsumer<String, T> fromBeginning(String topic, Deserializer<T> values) {
        check(topic, reads, READS);
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(c, new StringDeserializer(), values);
        List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> tps = parts.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return consumer;
    }

    /**
     * A deserializer for a plain consumer that reads a topic other consumers already screen: a value that does not
     * decode (someone's poison; its own consumer dead-letters it) reads as null instead of stopping the consumer at that
     * offset for good. A registry that cannot be reached is not the record's fault and still throws.
     */
    public static <T> Deserializer<T> tolerant(Deserializer<T> d) {
        return (topic, data) -> {
            try {
                return d.deserialize(topic, data);
            } catch (SerdeException e) {
                if (e.reason().retriable()) {
                    throw e;
                }
                return null;
            }
        };
    }

    /** Sends and waits for the broker's acknowledgement; a failure is a {@link TransientFailureException}. */
    public void sendAcked(KafkaProducer<String, SpecificRecord> producer, String topic, String key,
                          SpecificRecord value) {
        check(topic, writes, WRITES);
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientFailureException("cannot write to " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void check(String topic, Set<String> declared, String property) {
        if (!declared.contains(topic)) {
            throw new IllegalStateException("topic " + topic + " is not declared in " + property + " " + declared
                    + " of this service: declare it there (the service's KafkaUser ACLs are generated from it, "
                    + "k8s/README.md)");
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
