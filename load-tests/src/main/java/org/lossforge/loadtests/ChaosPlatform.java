package org.lossforge.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.NewTopic;
import org.lossforge.e2e.Backbone;
import org.lossforge.e2e.Platform;
import org.lossforge.e2e.ServiceProcess;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.schemas.Topics;
import org.lossforge.testkit.LocalRegistry;
import org.lossforge.testkit.RepoRoot;

/**
 * The platform as shipped, set up to be hurt: a {@link BrokerCluster} of child-process KRaft nodes (SIGKILL and restart
 * on the same log directories), the dev schema registry (a child JVM that can be paused with SIGSTOP), and the four
 * services from their {@code quarkus-run.jar} ({@link ServiceProcess}), the trainer in oracle mode
 * ({@code lossforge.trainer.fit=oracle}), optionally with a second trainer instance in the same consumer group.
 *
 * <p>Settings that differ from the services' defaults, and why (docs/reliability.md repeats them): every consumer
 * group's session timeout is 6 s (the broker's minimum; defaults 45 s, the k8s ranker 15 s) and heartbeats every 2 s,
 * so a killed member's partitions move within seconds and a run of a hundred kills fits in minutes; recovery times
 * measured here are therefore a lower bound for a cluster that keeps the defaults.
 */
public final class ChaosPlatform implements AutoCloseable {

    public static final String GENERATOR = "candidate-generator", TRAINER = "predictor-trainer",
            EVALUATOR = "evaluator", RANKER = "ranker", TRAINER_2 = "predictor-trainer-2";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path work;
    private final Path logs;
    private final BrokerCluster brokers;
    private final LocalRegistry registry;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** The candidate-generator's API key (its REST writes need it). */
    private final String apiKey = org.lossforge.e2e.Rest.newApiKey();

    private ChaosPlatform(Path work, Path logs, BrokerCluster brokers, LocalRegistry registry) {
        this.work = work;
        this.logs = logs;
        this.brokers = brokers;
        this.registry = registry;
    }

    /** What to start. */
    public record Setup(int brokers, int trainers, double oracleNoise, Duration oracleFitTime) {
        public Setup {
            if (trainers < 1 || trainers > 2) {
                throw new IllegalArgumentException("1 or 2 trainers, got " + trainers);
            }
        }
    }

    /**
     * Starts everything and waits until every service is ready.
     *
     * @param logs where the broker nodes' and services' logs go
     */
    public static ChaosPlatform start(Setup setup, Path logs) {
        Path work;
        try {
            work = Files.createTempDirectory("lossforge-chaos-");
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<LocalRegistry> registry = CompletableFuture.supplyAsync(LocalRegistry::start);
        BrokerCluster brokers;
        try {
            brokers = BrokerCluster.start(setup.brokers(), work.resolve("kafka"));
        } catch (RuntimeException e) {
            registry.thenAccept(LocalRegistry::close);
            throw e;
        }
        ChaosPlatform p = new ChaosPlatform(work, logs, brokers, registry.join());
        try {
            Backbone.registerValueSchemas(p.registry.url());   // before the services race to (see Backbone)
            short rf = (short) brokers.replicationFactor();
            LocalKafka.createTopics(brokers.bootstrapServers(), Topics.ALL.stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), rf).configs(t.configs())).toList());
            Path root = RepoRoot.find();
            List<String> names = new ArrayList<>(List.of(GENERATOR, TRAINER, EVALUATOR, RANKER));
            if (setup.trainers() == 2) {
                names.add(TRAINER_2);
            }
            for (String name : names) {
                String module = name.equals(TRAINER_2) ? TRAINER : name;
                p.services.put(name, ServiceProcess.start(name,
                        root.resolve("services").resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                        Platform.freePort(), module.equals(TRAINER) ? "1g" : "512m", p.sysProps(module, setup),
                        p.env(module), logs.resolve(name + ".log")));
            }
            for (ServiceProcess s : p.services.values()) {
                s.awaitReady(Duration.ofSeconds(240));
            }
            return p;
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    private Map<String, String> env(String module) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP", brokers.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(), "LOSSFORGE_DATA", RepoRoot.find().resolve("data").toString()));
        if (module.equals(GENERATOR)) {
            env.put("LOSSFORGE_API_KEY", apiKey);
        }
        return env;
    }

    /** The candidate-generator's API key: send it with every POST to it. */
    public String apiKey() {
        return apiKey;
    }

    private Map<String, String> sysProps(String module, Setup setup) {
        Map<String, String> p = new HashMap<>();
        p.put("ai.djl.offline", "true");
        p.put("mp.messaging.connector.smallrye-kafka.session.timeout.ms", "6000");
        p.put("mp.messaging.connector.smallrye-kafka.heartbeat.interval.ms", "2000");
        switch (module) {
            case TRAINER -> {
                p.put("lossforge.trainer.fit", "oracle");
                p.put("lossforge.trainer.oracle.noise", Double.toString(setup.oracleNoise()));
                p.put("lossforge.trainer.oracle.fit-time", setup.oracleFitTime().toMillis() + "ms");
            }
            case RANKER -> {
                p.put("kafka-streams.state.dir", work.resolve("streams-state").toString());
                p.put("kafka-streams.session.timeout.ms", "6000");
                p.put("kafka-streams.heartbeat.interval.ms", "2000");
            }
            default -> { }
        }
        return p;
    }

    public String bootstrapServers() {
        return brokers.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public BrokerCluster brokers() {
        return brokers;
    }

    public LocalRegistry registry() {
        return registry;
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    public ServiceProcess service(String name) {
        ServiceProcess s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name + " (running: " + services.keySet() + ")");
        }
        return s;
    }

    public String url(String service) {
        return service(service).url();
    }

    /** {@code /q/health/live} answers 200 (the kubelet's liveness probe); false when it answers 503 or not at all. */
    public static boolean live(ServiceProcess s) {
        return probe(s, "/q/health/live");
    }

    /** {@code /q/health/ready} answers 200. */
    public static boolean ready(ServiceProcess s) {
        return probe(s, "/q/health/ready");
    }

    private static boolean probe(ServiceProcess s, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGSTOP (pause) or SIGCONT (resume) of a process: a hung process that keeps its sockets open. */
    public static void signal(long pid, String sig) {
        try {
            Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + pid + " failed: "
                        + new String(p.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops everything (once; also from a shutdown hook, so Ctrl-C leaves no process behind). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        services.values().parallelStream().forEach(s -> {
            try {
                signal(s.pid(), "CONT");   // a paused process cannot stop
            } catch (RuntimeException e) {
                // not running
            }
            s.stop();
        });
        try {
            signal(registry.pid(), "CONT");
        } catch (RuntimeException e) {
            // not running
        }
        registry.close();
        brokers.close();
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temporary directory
        }
    }
}
