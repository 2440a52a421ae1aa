package org.lossforge.trainer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.NewTopic;
import org.lossforge.schemas.Topics;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.testkit.LocalRegistry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real broker and a real schema registry for the {@code @QuarkusTest}: {@link LocalKafka} (KAFKA_BOOTSTRAP, else an
 * in-process KRaft broker) and the JVM's shared {@link LocalRegistry}, started in parallel; every topic of
 * {@link Topics#ALL} is created with its partitions and {@code TopicSpec.configs()} before the service starts.
 */
public class KafkaAndRegistryResource implements QuarkusTestResourceLifecycleManager {

    private LocalKafka kafka;

    @Override
    public Map<String, String> start() {
        CompletableFuture<String> registry = CompletableFuture.supplyAsync(() -> LocalRegistry.shared().url());
        kafka = LocalKafka.start();
        kafka.createTopics(Topics.ALL.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                .toList());
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lossforge.schema-registry.url", registry.join(),
                // a fresh group: no offsets committed by an earlier run against an external broker
                "mp.messaging.incoming.training-jobs-in.group.id", "lossforge-predictor-trainer-test-" + System.nanoTime(),
                "mp.messaging.incoming.surrogate-jobs-in.group.id", "lossforge-surrogate-trainer-test-" + System.nanoTime());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();   // an external (KAFKA_BOOTSTRAP) broker is left running
        }
    }
}
