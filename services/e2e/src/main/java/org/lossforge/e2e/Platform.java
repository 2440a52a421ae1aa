package org.lossforge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lossforge.testkit.RepoRoot;

/**
 * The whole platform on this machine: a {@link Backbone} (an in-process KRaft broker, a fresh schema registry, every
 * topic of Topics.ALL), and the four services as shipped
 * ({@link ServiceProcess}, each a child JVM). What {@code ./lossforge up} runs, owned by one Java object so tests and
 * benchmarks can crash and restart a service.
 *
 * <p>Settings that are not the services' defaults, and why: the trainer's consumer session timeout is 10 s (default
 * 45 s) so a killed trainer's jobs move to its successor quickly; Kafka Streams state lives in a temporary directory
 * deleted on close. The candidate-generator gets a fresh random API key ({@link #apiKey()}, env LOSSFORGE_API_KEY):
 * its REST writes need it ({@code Rest.postJson(url, body, platform.apiKey())}).
 */
public final class Platform implements AutoCloseable {

    public static final String GENERATOR = "candidate-generator", TRAINER = "predictor-trainer",
            EVALUATOR = "evaluator", RANKER = "ranker";
    public static final List<String> SERVICES = List.of(GENERATOR, TRAINER, EVALUATOR, RANKER);

    private final Backbone backbone;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final String apiKey = Rest.newApiKey();

    private final Path logs;

    private Platform(Backbone backbone, Path logs) {
        this.backbone = backbone;
        this.logs = logs;
    }

    /**
     * Starts everything and waits until all four services are ready.
     *
     * @param logs where the services' logs go ({@code <service>.log}, appended across restarts)
     */
    public static Platform start(Path logs) {
        return start(logs, Map.of());
    }

    /**
     * As {@link #start(Path)}, with settings (system properties) added to or replacing the defaults of some services.
     *
     * @param settings service name → its extra settings, e.g. {@code candidate-generator →
     *                 lossforge.generator.unknown-study-wait=2s}
     */
    public static Platform start(Path logs, Map<String, Map<String, String>> settings) {
        Platform p = new Platform(Backbone.start("lossforge-e2e-"), logs);
        try {
            Path root = RepoRoot.find();
            for (String name : SERVICES) {
                p.services.put(name, ServiceProcess.start(name,
                        root.resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                        freePort(), name.equals(TRAINER) ? "2g" : "768m", p.sysProps(name, settings.getOrDefault(name,
                                Map.of())), p.env(name),
                        logs.resolve(name + ".log")));
            }
            for (ServiceProcess s : p.services.values()) {
                s.awaitReady(Duration.ofSeconds(180));
            }
            return p;
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    /**
     * Stops {@code name} gracefully and starts it again with {@code settings} added to its defaults (a fresh port: ask
     * {@link #url} again), then waits until it is ready.
     */
    public void restartWith(String name, Map<String, String> settings) {
        service(name).stop();
        ServiceProcess s = ServiceProcess.start(name,
                RepoRoot.find().resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                freePort(), name.equals(TRAINER) ? "2g" : "768m", sysProps(name, settings), env(name),
                logs.resolve(name + ".log"));
        services.put(name, s);
        s.awaitReady(Duration.ofSeconds(180));
    }

    private Map<String, String> env(String service) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP", backbone.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", backbone.registryUrl(), "LOSSFORGE_DATA", RepoRoot.find().resolve("data").toString()));
        if (service.equals(GENERATOR)) {
            env.put("LOSSFORGE_API_KEY", apiKey);
        }
        return env;
    }

    /** The candidate-generator's API key: send it with every POST to it. */
    public String apiKey() {
        return apiKey;
    }

    private Map<String, String> sysProps(String service, Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put("ai.djl.offline", "true");
        switch (service) {
            case TRAINER -> {
                p.put("mp.messaging.incoming.training-jobs-in.session.timeout.ms", "10000");
                p.put("mp.messaging.incoming.searches-in.session.timeout.ms", "10000");
                p.put("mp.messaging.incoming.surrogate-jobs-in.session.timeout.ms", "10000");
            }
            case RANKER -> p.put("kafka-streams.state.dir", backbone.work().resolve("streams-state").toString());
            // a killed evolver's run request moves to its successor quickly
            case GENERATOR -> p.put("mp.messaging.incoming.nlfs-runs-in.session.timeout.ms", "10000");
            default -> { }
        }
        p.putAll(extra);
        return p;
    }

    public String bootstrapServers() {
        return backbone.bootstrapServers();
    }

    public String registryUrl() {
        return backbone.registryUrl();
    }

    public ServiceProcess service(String name) {
        ServiceProcess s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name + " (known: " + services.keySet() + ")");
        }
        return s;
    }

    public String url(String service) {
        return service(service).url();
    }

    /** A free loopback port (for a child process to listen on). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /**
     * Stops the services (gracefully), the registry and the broker; deletes the temporary state. The registry's log is
     * kept beside the services' logs ({@code registry.log}).
     */
    @Override
    public void close() {
        services.values().parallelStream().forEach(ServiceProcess::stop);
        try {
            java.nio.file.Files.createDirectories(logs);
            java.nio.file.Files.copy(backbone.registryLog(), logs.resolve("registry.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // a missing registry log must not hide why the platform stopped
        }
        backbone.close();
    }
}
