package org.lossforge.ranker.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.config.ConfigException;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.serde.SerdeConfig;

/**
 * Writes dead letters to lossforge.dead-letters.v1 with its own idempotent producer ({@code acks=all}), waiting for the
 * acknowledgement. Kafka Streams 4.1 gives a deserialization handler no way to write through the task's own
 * (transactional) producer (that comes with KIP-1034 in 4.2), so this write is outside the exactly-once
 * transaction: a crash between it and the next commit writes the same letter again, under the same key
 * {@code topic/partition/offset}, so readers can drop the repeat.
 *
 * <p>One sink (one producer) per bootstrap servers and registry URL in the JVM, created on first use and closed at JVM
 * exit: Kafka Streams creates a handler per task, and most of them never see a poison record.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

    private static final Map<String, KafkaDeadLetterSink> SHARED = new ConcurrentHashMap<>();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, DeadLetter> producer;

    private KafkaDeadLetterSink(Map<String, Object> producerConfig, SchemaRegistryClient registry) {
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new AvroSerializer<>(registry, true));
    }

    /**
     * The sink for a Kafka Streams configuration: its {@code bootstrap.servers}, its security settings
     * ({@code security.*}, {@code ssl.*}, {@code sasl.*}), and {@code schema.registry.url}.
     */
    public static KafkaDeadLetterSink shared(Map<String, ?> streamsConfig) {
        Object bootstrap = streamsConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        Object registry = streamsConfig.get(SerdeConfig.SCHEMA_REGISTRY_URL);
        if (bootstrap == null || registry == null) {
            throw new ConfigException("the dead-letter sink needs bootstrap.servers and " + SerdeConfig.SCHEMA_REGISTRY_URL
                    + " in the Kafka Streams configuration");
        }
        return SHARED.computeIfAbsent(bootstrap + "|" + registry, k -> {
            Map<String, Object> p = new HashMap<>();
            streamsConfig.forEach((name, value) -> {
                if (name.startsWith("security.") || name.startsWith("ssl.") || name.startsWith("sasl.")) {
                    p.put(name, value);
                }
            });
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.toString());
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "lossforge-ranker-dead-letters");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
            // the original record (up to the evaluations topic's 1 MiB) plus the envelope; the topic allows 5 MiB
            p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.spec(Topics.DEAD_LETTERS)
                    .map(TopicSpec::maxMessageBytes).orElse(TopicSpec.MIB));
            KafkaDeadLetterSink sink = new KafkaDeadLetterSink(p,
                    SchemaRegistryClient.shared(registry.toString(), SchemaRegistryClient.DEFAULT_TIMEOUT));
            Runtime.getRuntime().addShutdownHook(new Thread(sink::close, "lossforge-ranker-dead-letters-close"));
            return sink;
        });
    }

    @Override
    public void send(String key, DeadLetter letter) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, key, letter))
                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
