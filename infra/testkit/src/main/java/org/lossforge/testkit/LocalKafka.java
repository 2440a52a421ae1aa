package org.lossforge.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A Kafka broker for tests. If env {@code KAFKA_BOOTSTRAP} (or system property {@code lossforge.kafka.bootstrap}) is
 * set, that external broker is used (for example the one {@code infra/stack start} runs) and {@link #close()} leaves it
 * alone; otherwise a single-node combined KRaft broker runs in this JVM ({@link KafkaClusterTestKit}, random port,
 * temporary data directory deleted on close). Docker/Testcontainers is not used here; {@link TestInfra} chooses among
 * this class, Testcontainers and an external broker ({@link BrokerChoice}).
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *     kafka.createTopic("scores", 1);
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {

    private static LocalKafka shared;

    private final KafkaClusterTestKit kit;   // null for an external broker
    private final String bootstrap;
    private final Duration startup;

    private LocalKafka(KafkaClusterTestKit kit, String bootstrap, Duration startup) {
        this.kit = kit;
        this.bootstrap = bootstrap;
        this.startup = startup;
    }

    /** The external broker named by {@code KAFKA_BOOTSTRAP}, else a fresh in-process KRaft broker. */
    public static LocalKafka start() {
        String external = System.getProperty("lossforge.kafka.bootstrap", System.getenv("KAFKA_BOOTSTRAP"));
        if (external != null && !external.isBlank()) {
            return new LocalKafka(null, external.trim(), Duration.ZERO);
        }
        return startInProcess();
    }

    /** Always an in-process broker, whatever {@code KAFKA_BOOTSTRAP} says. */
    public static LocalKafka startInProcess() {
        long t0 = System.nanoTime();
        KafkaClusterTestKit kit = startKit("LocalKafka", () -> singleNode(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build());
        return new LocalKafka(kit, kit.bootstrapServers(), Duration.ofNanos(System.nanoTime() - t0));
    }

    /** A kit builder with the settings one node needs (replication 1, no rebalance delay, 1 partition by default). */
    static KafkaClusterTestKit.Builder singleNode(TestKitNodes nodes) {
        return new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "1");
    }

    /** Formats and starts a kit and waits for its brokers; a failure closes it and names {@code who}. */
    static KafkaClusterTestKit startKit(String who, KitFactory factory) {
        KafkaClusterTestKit kit = null;
        try {
            kit = factory.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            if (kit != null) {
                try {
                    kit.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(who + ": the in-process KRaft broker did not start: " + e, e);
        }
    }

    /** Builds a kit (its builder throws checked exceptions). */
    @FunctionalInterface
    interface KitFactory {
        KafkaClusterTestKit build() throws Exception;
    }

    /** One broker per test JVM, started on first use and closed when the JVM exits. */
    public static synchronized LocalKafka shared() {
        if (shared == null) {
            LocalKafka kafka = start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::closeQuietly, "lossforge-kafka-stop"));
            shared = kafka;
        }
        return shared;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** True when this is an external broker ({@code KAFKA_BOOTSTRAP}). */
    public boolean isExternal() {
        return kit == null;
    }

    /** Time until the in-process broker was ready (zero for an external one). */
    public Duration startupTime() {
        return startup;
    }

    /** Admin client properties for this broker (callers add their own client settings). */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    /** Creates topics (replication factor 1) unless they exist; waits at most 30 s. */
    public void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    public void createTopics(List<NewTopic> topics) {
        createTopics(bootstrap, topics);
    }

    /** {@link #createTopics(List)} on any broker (what {@link TestInfra} uses for every kind of broker). */
    public static void createTopics(String bootstrap, List<NewTopic> topics) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(p)) {
            List<String> failed = new ArrayList<>();
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        failed.add(entry.getKey() + ": " + e.getCause());
                    }
                }
            }
            if (!failed.isEmpty()) {
                throw new IllegalStateException("LocalKafka: cannot create topics on " + bootstrap + ": " + failed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("LocalKafka: interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("LocalKafka: topic creation on " + bootstrap + " timed out after 30 s", e);
        }
    }

    /** Names of the topics on the broker (internal ones excluded). */
    public Set<String> topics() {
        try (Admin admin = Admin.create(clientProperties())) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("LocalKafka: interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("LocalKafka: cannot list topics on " + bootstrap + ": " + e, e);
        }
    }

    /** Stops the in-process broker and deletes its data; an external broker is left running. */
    @Override
    public void close() {
        if (kit != null) {
            try {
                kit.close();
            } catch (Exception e) {
                throw new IllegalStateException("LocalKafka: error while stopping the in-process broker", e);
            }
        }
        synchronized (LocalKafka.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    private void closeQuietly() {
        try {
            if (kit != null) {
                kit.close();
            }
        } catch (Exception ignored) {
            // JVM exit
        }
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrap + (kit == null ? ", external" : ", in-process") + "]";
    }
}
