package org.lossforge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.NewTopic;
import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.testkit.LocalRegistry;

/**
 * What every run of services here stands on: an in-process KRaft broker ({@link LocalKafka}), a fresh schema registry
 * ({@link LocalRegistry}, started beside it), every topic of {@link Topics#ALL} with its partitions and configs, and
 * a temporary work folder; {@link #close()} stops both and deletes the folder. {@link Platform}, {@link RankerReplicas}
 * and {@link ServicesBench} start their services on one.
 *
 * <p>Every topic's value schema is registered once, one at a time, before any service starts. Without that, the
 * services' and the test clients' first records register the same new schemas at the same moment, and the dev
 * registry (Apicurio 2.4.2 on H2 in memory) serialises new content on table locks: under a loaded 2-core CI runner
 * one such burst stalled it past every retry of a client (6 × 10 s; Apicurio issues 2699 and 4351 report the same
 * lock timeouts). Registering content that is already there is a read.
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
            registerValueSchemas(b.registryUrl());
            kafka.createTopics(Topics.ALL.stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                    .toList());
            return b;
        } catch (RuntimeException | Error e) {
            b.close();
            throw e;
        }
    }

    /** Registers the value schema of every topic of {@link Topics#ALL} under its TopicNameStrategy subject. */
    public static void registerValueSchemas(String registryUrl) {
        SchemaRegistryClient client = new SchemaRegistryClient(registryUrl);
        for (TopicSpec t : Topics.ALL) {
            client.register(t.name() + "-value", SpecificData.get().getSchema(t.valueType()));
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** The registry's console output (deleted on {@link #close()}). */
    public Path registryLog() {
        return registry.logFile();
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
