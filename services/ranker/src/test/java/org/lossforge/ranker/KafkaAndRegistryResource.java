package org.lossforge.ranker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.NewTopic;
import org.lossforge.schemas.Topics;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.testkit.LocalRegistry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real broker and a real schema registry for {@code @QuarkusTest}: {@link LocalKafka} (KAFKA_BOOTSTRAP, else an
 * in-process KRaft broker) and the test JVM's shared {@link LocalRegistry}, started in parallel; every topic of
 * {@link Topics#ALL} is created with its partitions and configs before Quarkus (and Kafka Streams) start.
 */
public class KafkaAndRegistryResource implements QuarkusTestResourceLifecycleManager {

    private LocalKafka kafka;
    private Path stateDir;

    @Override
    public Map<String, String> start() {
        CompletableFuture<String> registry = CompletableFuture.supplyAsync(() -> LocalRegistry.shared().url());
        kafka = LocalKafka.start();
        kafka.createTopics(Topics.ALL.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                .toList());
        String bootstrap = kafka.bootstrapServers();
        String registryUrl = registry.join();
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            stateDir = Files.createTempDirectory(target, "kafka-streams-");   // not /tmp: Kafka Streams warns about it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "lossforge.schema-registry.url", registryUrl,
                "kafka-streams.state.dir", stateDir.toString(),
                // a fresh application id: no committed offsets or state from an earlier run against an external broker
                "quarkus.kafka-streams.application-id", "lossforge-ranker-test-" + System.nanoTime());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();   // an external (KAFKA_BOOTSTRAP) broker is left running
        }
        if (stateDir != null) {
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // temp dir; best effort
            }
        }
    }
}
