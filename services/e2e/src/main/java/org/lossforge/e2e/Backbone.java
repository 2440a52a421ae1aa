package org.lossforge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.NewTopic;
import org.lossforge.schemas.Topics;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.testkit.LocalRegistry;

/**
 * What every run of services here stands on: an in-process KRaft broker ({@link LocalKafka}), a fresh schema registry
 * ({@link LocalRegistry}, started beside it), every topic of {@link Topics#ALL} with its partitions and configs, and
 * a temporary work folder; {@link #close()} stops both and deletes the folder. {@link Platform}, {@link RankerReplicas}
 * and {@link ServicesBench} start their services on one.
 */
public final class Backbone implements AutoCloseable {

    private final LocalKafka kafka;
    private final LocalRegistry registry;
    private final Path work;

    private Backbone(LocalKafka kafka, LocalRegistry registry, Path work) {
        this.kafka = kafka;
        this.registry = registry;
        this.work = work;
    }

    /** @param workPrefix prefix of the temporary work folder's name */
    public static Backbone start(String workPrefix) {
        CompletableFuture<LocalRegistry> registry = CompletableFuture.supplyAsync(LocalRegistry::start);
        LocalKafka kafka = LocalKafka.startInProcess();
        Backbone b;
        try {
            b = new Backbone(kafka, registry.join(), Files.createTempDirectory(workPrefix));
        } catch (IOException | RuntimeException e) {
            kafka.close();
            registry.thenAccept(LocalRegistry::close);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        try {
            kafka.createTopics(Topics.ALL.stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                    .toList());
            return b;
        } catch (RuntimeException | Error e) {
            b.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** The temporary work folder (state directories, caches), deleted on close. */
    public Path work() {
        return work;
    }

    @Override
    public void close() {
        registry.close();
        kafka.close();
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temporary directory; nothing to lose
        }
    }
}
