package org.lossforge.testkit;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker and a Confluent-API schema registry for integration tests, of the kind {@link BrokerChoice} picks:
 * <ul>
 *   <li>{@link BrokerChoice.Kind#EXTERNAL}: the broker at {@code KAFKA_BOOTSTRAP} (left running on close) and the test
 *       JVM's shared dev registry ({@link LocalRegistry#shared()});</li>
 *   <li>{@link BrokerChoice.Kind#TESTCONTAINERS}: an {@code apache/kafka} KRaft container and an Apicurio Registry 3
 *       container, both stopped on close (only where a Docker engine answers);</li>
 *   <li>{@link BrokerChoice.Kind#EMBEDDED} (here and in CI): the in-JVM KRaft broker ({@link LocalKafka#startInProcess()},
 *       closed on close) and the shared dev registry.</li>
 * </ul>
 * The broker and the registry start in parallel. {@link #start()} logs the choice and its reason in one line
 * ({@link BrokerChoice#logLine()}); force a kind with {@code LOSSFORGE_TEST_BROKER=embedded|testcontainers|external}
 * (or {@code -Dlossforge.test.broker=...}).
 *
 * <pre>{@code
 * try (TestInfra infra = TestInfra.start()) {
 *     infra.createTopics(List.of(new NewTopic("scores", 3, (short) 1)));
 *     props.put("bootstrap.servers", infra.bootstrapServers());
 *     String registryUrl = infra.registryUrl();   // .../apis/ccompat/v7
 * }
 * }</pre>
 */
public final class TestInfra implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestInfra.class);

    private final BrokerChoice choice;
    private final String bootstrap;
    private final String registryUrl;
    private final AutoCloseable owned;   // what close() stops: the in-process broker or the containers; null if none

    private TestInfra(BrokerChoice choice, String bootstrap, String registryUrl, AutoCloseable owned) {
        this.choice = choice;
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.owned = owned;
    }

    /** Decides for this JVM ({@link BrokerChoice#fromSystem()}), logs the choice, starts it. */
    public static TestInfra start() {
        return start(BrokerChoice.fromSystem());
    }

    /** Logs {@code choice} and starts what it names. */
    public static TestInfra start(BrokerChoice choice) {
        Objects.requireNonNull(choice, "choice");
        LOG.info(choice.logLine());
        switch (choice.kind()) {
            case TESTCONTAINERS: {
                Containers containers = Containers.start();
                return new TestInfra(choice, containers.bootstrapServers(), containers.registryUrl(), containers);
            }
            case EXTERNAL: {
                String registry = LocalRegistry.shared().url();
                return new TestInfra(choice, choice.externalBootstrap(), registry, null);
            }
            case EMBEDDED: {
                CompletableFuture<String> registry = CompletableFuture.supplyAsync(() -> LocalRegistry.shared().url());
                LocalKafka kafka = LocalKafka.startInProcess();
                try {
                    return new TestInfra(choice, kafka.bootstrapServers(), registry.join(), kafka);
                } catch (CompletionException e) {
                    kafka.close();
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            default:
                throw new AssertionError(choice.kind());
        }
    }

    public BrokerChoice choice() {
        return choice;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** The registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    public String registryUrl() {
        return registryUrl;
    }

    /** Creates topics unless they exist (replication factor as given; use 1); waits at most 30 s. */
    public void createTopics(List<NewTopic> topics) {
        LocalKafka.createTopics(bootstrap, topics);
    }

    /**
     * Stops what this instance started (the in-process broker, or the containers). An external broker is left
     * running; the shared dev registry stays up for the rest of the JVM (a shutdown hook stops it).
     */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("TestInfra: error while stopping " + choice.kind(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "TestInfra[" + choice.kind() + ", " + bootstrap + ", " + registryUrl + "]";
    }
}
