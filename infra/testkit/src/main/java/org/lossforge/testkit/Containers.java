package org.lossforge.testkit;

import java.time.Duration;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers path of {@link TestInfra}: a single-node KRaft broker ({@code apache/kafka}, Testcontainers'
 * {@link KafkaContainer}) and an Apicurio Registry 3 container serving the Confluent-compatible API. Only loaded
 * where {@link BrokerChoice} picked {@link BrokerChoice.Kind#TESTCONTAINERS}, i.e. where a Docker engine answers;
 * there is none on the development machines or in CI, so this runs elsewhere only (it compiles and is unit-checked
 * for its definitions here, without starting anything).
 *
 * <p>No shared {@code Network}: the registry keeps its schemas in its own in-memory H2 database and never talks to
 * the broker; both are reached from the test JVM through their mapped ports.
 */
final class Containers implements AutoCloseable {

    /**
     * The broker image: Apache Kafka's own KRaft image, the same 4.1.1 as the clients the Quarkus 3.34.1 BOM manages
     * and as the embedded broker (kafka_2.13 4.1.1). Changing it means changing {@code kafka.version} too.
     */
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    /**
     * The registry image: Apicurio Registry 3.1.7 (the Apicurio line the Quarkus 3.34.1 BOM manages), which serves the
     * Confluent API at {@link LocalRegistry#CCOMPAT_PATH} on port {@link #REGISTRY_PORT}. The dev registry
     * ({@code infra/registry}, Apicurio 2.4.2) is used instead where there is no Docker: 3.x cannot be built from the
     * Maven Central we reach.
     */
    static final String REGISTRY_IMAGE = "quay.io/apicurio/apicurio-registry:3.1.7";

    /** The registry's HTTP port inside the container (its health endpoints are on the management port 9000). */
    static final int REGISTRY_PORT = 8080;

    /** Image pulls on a cold machine can be slow; the wait covers pull-free startup only. */
    static final Duration REGISTRY_STARTUP = Duration.ofMinutes(2);

    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private Containers(KafkaContainer kafka, GenericContainer<?> registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** The broker container, defined but not started. */
    static KafkaContainer kafkaContainer() {
        return new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                // the same broker settings as LocalKafka.startInProcess(): one node, no rebalance delay
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_NUM_PARTITIONS", "1");
    }

    /** The registry container, defined but not started: SQL storage on in-memory H2 (every container starts empty). */
    static GenericContainer<?> registryContainer() {
        return new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withExposedPorts(REGISTRY_PORT)
                .withEnv("APICURIO_STORAGE_KIND", "sql")
                .withEnv("APICURIO_STORAGE_SQL_KIND", "h2")
                // ready = the API the tests use answers (as LocalRegistry waits for), not just the process being up
                .waitingFor(Wait.forHttp(LocalRegistry.CCOMPAT_PATH + "/subjects")
                        .forPort(REGISTRY_PORT)
                        .forStatusCode(200)
                        .withStartupTimeout(REGISTRY_STARTUP));
    }

    /** Starts both containers (in parallel) and waits until both are ready; stops what started on failure. */
    static Containers start() {
        KafkaContainer kafka = kafkaContainer();
        GenericContainer<?> registry = registryContainer();
        try {
            Startables.deepStart(kafka, registry).join();
        } catch (RuntimeException | Error e) {
            stopQuietly(kafka, e);
            stopQuietly(registry, e);
            throw new IllegalStateException("TestInfra: the Testcontainers broker/registry did not start: " + e, e);
        }
        return new Containers(kafka, registry);
    }

    String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    /** {@code http://<docker host>:<mapped port>/apis/ccompat/v7}. */
    String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT) + LocalRegistry.CCOMPAT_PATH;
    }

    @Override
    public void close() {
        IllegalStateException failure = new IllegalStateException("TestInfra: error while stopping the containers");
        stopQuietly(kafka, failure);
        stopQuietly(registry, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** Testcontainers' own check; false (never an exception) where there is no engine or no Testcontainers. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Exception | LinkageError e) {   // a broken docker config, Testcontainers not on the classpath
            return false;
        }
    }

    private static void stopQuietly(GenericContainer<?> container, Throwable collector) {
        try {
            container.stop();
        } catch (RuntimeException e) {
            collector.addSuppressed(e);
        }
    }
}
