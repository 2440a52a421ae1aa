package org.lossforge.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Which broker (and registry) the integration tests get, and why. {@link #decide(Map, Map, DockerProbe)} is a pure
 * function of the environment, the system properties and a {@link DockerProbe}, so a unit test can hand it a map with
 * {@code DOCKER_HOST} and a probe that answers true without touching the real environment.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>{@code LOSSFORGE_TEST_BROKER} (or {@code -Dlossforge.test.broker}) = {@code embedded}, {@code testcontainers} or
 *       {@code external} forces that kind ({@code auto}, the default, applies the rules below). A forced
 *       {@code testcontainers} fails when the probe says Docker is not available; a forced {@code external} fails
 *       without {@code KAFKA_BOOTSTRAP}.</li>
 *   <li>{@code KAFKA_BOOTSTRAP} (or {@code -Dlossforge.kafka.bootstrap}) set: that {@link Kind#EXTERNAL external}
 *       broker (for example {@code infra/stack start}'s) and the dev registry ({@link LocalRegistry}).</li>
 *   <li>a Docker hint ({@code DOCKER_HOST} set, or a socket at {@code /var/run/docker.sock},
 *       {@code $XDG_RUNTIME_DIR/docker.sock} or {@code $HOME/.docker/run/docker.sock}) confirmed by
 *       {@link DockerProbe#dockerAvailable()} (Testcontainers' {@code DockerClientFactory.isDockerAvailable()}):
 *       {@link Kind#TESTCONTAINERS Testcontainers} (a KRaft {@code apache/kafka} container and an Apicurio Registry 3
 *       container). Without a hint the probe is not asked at all (it costs ~340 ms and logs an ERROR).</li>
 *   <li>otherwise (this machine and CI: no Docker engine) {@link Kind#EMBEDDED}: the in-JVM KRaft broker
 *       ({@link LocalKafka#startInProcess()}) and the dev registry ({@link LocalRegistry}).</li>
 * </ol>
 * {@link #logLine()} is the one line {@link TestInfra} logs, e.g.
 * {@code test broker: embedded KRaft + dev registry (no Docker: DOCKER_HOST unset, no /var/run/docker.sock)}.
 */
public record BrokerChoice(Kind kind, String reason, String externalBootstrap) {

    /** Env var (and system property) that forces a kind: embedded | testcontainers | external | auto. */
    public static final String FORCE_ENV = "LOSSFORGE_TEST_BROKER";
    public static final String FORCE_PROPERTY = "lossforge.test.broker";
    /** Env var (and system property) naming an external broker; the same ones {@link LocalKafka#start()} reads. */
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP";
    public static final String BOOTSTRAP_PROPERTY = "lossforge.kafka.bootstrap";
    public static final String DOCKER_HOST_ENV = "DOCKER_HOST";
    static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    public enum Kind {
        /** A broker that is already running (KAFKA_BOOTSTRAP); left running on close. Registry: the dev registry. */
        EXTERNAL("external broker + dev registry"),
        /** A Kafka container and a registry container (needs a Docker engine). */
        TESTCONTAINERS("Testcontainers " + Containers.KAFKA_IMAGE + " + " + Containers.REGISTRY_IMAGE),
        /** The in-JVM KRaft broker (KafkaClusterTestKit) and the dev registry child process. */
        EMBEDDED("embedded KRaft + dev registry");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public BrokerChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if ((kind == Kind.EXTERNAL) != (externalBootstrap != null)) {
            throw new IllegalArgumentException("an external bootstrap goes with (and only with) Kind.EXTERNAL");
        }
    }

    /** What decides whether Docker is there: file checks for the sockets, and Testcontainers' own check. */
    public interface DockerProbe {

        /** Whether a Docker socket exists at {@code socket}. */
        boolean socketExists(Path socket);

        /** Testcontainers' {@code DockerClientFactory.instance().isDockerAvailable()} (false on any error). */
        boolean dockerAvailable();

        /** The real probe: the file system, and Testcontainers asked for real. */
        static DockerProbe system() {
            return of(Files::exists, Containers::dockerAvailable);
        }

        static DockerProbe of(Predicate<Path> socketExists, BooleanSupplier dockerAvailable) {
            Objects.requireNonNull(socketExists);
            Objects.requireNonNull(dockerAvailable);
            return new DockerProbe() {
                @Override
                public boolean socketExists(Path socket) {
                    return socketExists.test(socket);
                }

                @Override
                public boolean dockerAvailable() {
                    return dockerAvailable.getAsBoolean();
                }
            };
        }
    }

    /** The decision for this JVM: {@code System.getenv()}, {@code System.getProperties()}, the real probe. */
    public static BrokerChoice fromSystem() {
        Map<String, String> props = new HashMap<>();
        for (String name : new String[] {FORCE_PROPERTY, BOOTSTRAP_PROPERTY}) {
            String value = System.getProperty(name);
            if (value != null) {
                props.put(name, value);
            }
        }
        return decide(System.getenv(), props, DockerProbe.system());
    }

    /** {@link #decide(Map, Map, DockerProbe)} with no system properties. */
    public static BrokerChoice decide(Map<String, String> env, DockerProbe probe) {
        return decide(env, Map.of(), probe);
    }

    /**
     * The choice for this environment ({@code env}: environment variables; {@code props}: system properties, which win
     * over the variables). Throws {@link IllegalStateException} when a forced kind cannot be had and
     * {@link IllegalArgumentException} for an unknown {@code LOSSFORGE_TEST_BROKER} value.
     */
    public static BrokerChoice decide(Map<String, String> env, Map<String, String> props, DockerProbe probe) {
        String forced = firstSet(props.get(FORCE_PROPERTY), env.get(FORCE_ENV));
        String external = firstSet(props.get(BOOTSTRAP_PROPERTY), env.get(BOOTSTRAP_ENV));
        String mode = forced == null ? "auto" : forced.toLowerCase(Locale.ROOT);
        String forcedBy = FORCE_ENV + "=" + mode;
        switch (mode) {
            case "embedded":
                return new BrokerChoice(Kind.EMBEDDED, "forced by " + forcedBy, null);
            case "external":
                if (external == null) {
                    throw new IllegalStateException(forcedBy + " but " + BOOTSTRAP_ENV + " (or -D" + BOOTSTRAP_PROPERTY
                            + ") is not set");
                }
                return new BrokerChoice(Kind.EXTERNAL, "forced by " + forcedBy + ", " + BOOTSTRAP_ENV + "=" + external,
                        external);
            case "testcontainers":
                if (!probe.dockerAvailable()) {
                    throw new IllegalStateException(forcedBy + " but Testcontainers finds no Docker engine"
                            + " (DockerClientFactory.isDockerAvailable() is false; " + describe(dockerHints(env, probe))
                            + ")");
                }
                return new BrokerChoice(Kind.TESTCONTAINERS, "forced by " + forcedBy, null);
            case "auto":
                break;
            default:
                throw new IllegalArgumentException(FORCE_ENV + "=" + forced
                        + " is not one of embedded, testcontainers, external, auto");
        }
        if (external != null) {
            return new BrokerChoice(Kind.EXTERNAL, BOOTSTRAP_ENV + "=" + external, external);
        }
        List<String> hints = dockerHints(env, probe);
        if (hints.isEmpty()) {
            return new BrokerChoice(Kind.EMBEDDED, "no Docker: " + DOCKER_HOST_ENV + " unset, no "
                    + String.join(", no ", socketNames(env)), null);
        }
        if (probe.dockerAvailable()) {
            return new BrokerChoice(Kind.TESTCONTAINERS, "Docker at " + String.join(", ", hints)
                    + ", confirmed by DockerClientFactory.isDockerAvailable()", null);
        }
        return new BrokerChoice(Kind.EMBEDDED, "fallback: " + String.join(", ", hints)
                + " but DockerClientFactory.isDockerAvailable() is false", null);
    }

    /** The one line {@link TestInfra} logs: {@code test broker: <kind> (<reason>)}. */
    public String logLine() {
        return "test broker: " + kind.label() + " (" + reason + ")";
    }

    @Override
    public String toString() {
        return logLine();
    }

    /** What points at a Docker engine: DOCKER_HOST, and the sockets that exist. */
    static List<String> dockerHints(Map<String, String> env, DockerProbe probe) {
        List<String> hints = new ArrayList<>();
        String dockerHost = firstSet(env.get(DOCKER_HOST_ENV));
        if (dockerHost != null) {
            hints.add(DOCKER_HOST_ENV + "=" + dockerHost);
        }
        for (Path socket : sockets(env)) {
            if (probe.socketExists(socket)) {
                hints.add(socket.toString());
            }
        }
        return hints;
    }

    /** Where Docker's socket usually is: the system one, rootless Docker's, Docker Desktop's. */
    static List<Path> sockets(Map<String, String> env) {
        List<Path> sockets = new ArrayList<>();
        sockets.add(DEFAULT_SOCKET);
        String runtime = firstSet(env.get("XDG_RUNTIME_DIR"));
        if (runtime != null) {
            sockets.add(Path.of(runtime, "docker.sock"));
        }
        String home = firstSet(env.get("HOME"));
        if (home != null) {
            sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
        }
        return sockets;
    }

    private static List<String> socketNames(Map<String, String> env) {
        return sockets(env).stream().map(Path::toString).toList();
    }

    private static String describe(List<String> hints) {
        return hints.isEmpty() ? "no DOCKER_HOST, no docker socket" : "hints: " + String.join(", ", hints);
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
