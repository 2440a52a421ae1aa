package org.lossforge.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.lossforge.serde.test.Candidate;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.testkit.LocalRegistry;

/** Producer and consumer configured by class name, through a real (in-process KRaft) broker and the real registry. */
class KafkaRoundTripTest {

    @Test
    void producerToConsumerThroughTheBroker() throws Exception {
        String registry = LocalRegistry.shared().url();
        try (LocalKafka kafka = LocalKafka.start()) {
            String topic = "candidates-" + System.nanoTime();
            kafka.createTopic(topic, 2);

            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
            p.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry);
            List<Candidate> sent = List.of(new Candidate("a", 0.1, null), new Candidate("b", 0.2, "second"),
                    new Candidate("c", 0.3, null));
            try (KafkaProducer<String, Candidate> producer = new KafkaProducer<>(p)) {
                for (Candidate c : sent) {
                    producer.send(new ProducerRecord<>(topic, c.getId(), c)).get();
                }
            }

            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "serde-test");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
            c.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry);
            c.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Candidate.class.getName());
            Map<String, Candidate> received = new java.util.TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            try (KafkaConsumer<String, Candidate> consumer = new KafkaConsumer<>(c)) {
                consumer.subscribe(List.of(topic));
                while (received.size() < sent.size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, Candidate> r : consumer.poll(Duration.ofMillis(500))) {
                        received.put(r.key(), r.value());
                    }
                }
            }
            List<Candidate> got = new ArrayList<>(received.values());
            assertEquals(sent, got);
        }
    }
}
