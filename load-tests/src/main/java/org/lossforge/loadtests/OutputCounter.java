package org.lossforge.loadtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records on a few topics as they arrive (a background consumer with no group, every partition from the
 * start, read_committed), so the driver can see each stage's output move: prediction sets (the trainer's), evaluations
 * (the evaluator's). It survives broker restarts: the consumer reconnects by itself.
 */
final class OutputCounter implements AutoCloseable {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    OutputCounter(String bootstrap, List<String> topics) {
        topics.forEach(t -> counts.put(t, new AtomicInteger()));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(16 << 20));
        thread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> parts = new ArrayList<>();
                for (String t : topics) {
                    for (PartitionInfo i : c.partitionsFor(t, Duration.ofSeconds(60))) {
                        parts.add(new TopicPartition(t, i.partition()));
                    }
                }
                c.assign(parts);
                c.seekToBeginning(parts);
                while (running) {
                    try {
                        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                            counts.get(r.topic()).incrementAndGet();
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        return;
                    } catch (RuntimeException e) {
                        org.lossforge.e2e.ServiceProcess.sleep(200);   // a broker restarting: poll again
                    }
                }
            }
        }, "chaos-output-counter");
        thread.setDaemon(true);
        thread.start();
    }

    int count(String topic) {
        return counts.get(topic).get();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
