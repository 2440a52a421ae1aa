package org.lossforge.ranker.ui;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;
import org.lossforge.services.common.PlainKafka;

/**
 * Reads one topic from its beginning for as long as the service runs, handing every decodable value to a sink: a plain
 * consumer without a group (every partition assigned, nothing committed). After an error it logs, waits and reads the
 * topic again from the beginning into a fresh sink ({@code freshSink}), so what the UI shows is rebuilt, never
 * counted twice. Never touches the stream threads: the leaderboards go on whatever happens here.
 */
final class TopicTail<T> implements Runnable {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final PlainKafka kafka;
    private final String topic;
    private final Deserializer<T> values;
    private final Supplier<Consumer<T>> freshSink;
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, T> consumer;

    TopicTail(PlainKafka kafka, String topic, Deserializer<T> values, Supplier<Consumer<T>> freshSink) {
        this.kafka = kafka;
        this.topic = topic;
        this.values = values;
        this.freshSink = freshSink;
    }

    void stop() {
        stopping = true;
        KafkaConsumer<String, T> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        while (!stopping) {
            Consumer<T> sink = freshSink.get();
            try (KafkaConsumer<String, T> c = kafka.fromBeginning(topic, PlainKafka.tolerant(values))) {
                consumer = c;
                if (stopping) {
                    return;
                }
                while (!stopping) {
                    for (ConsumerRecord<String, T> r : c.poll(Duration.ofMillis(500))) {
                        if (r.value() != null) {
                            sink.accept(r.value());
                        }
                    }
                }
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warnf("%s: %s; reading it again in %d s", topic, e.toString(), RETRY.toSeconds());
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                consumer = null;
            }
        }
    }
}
