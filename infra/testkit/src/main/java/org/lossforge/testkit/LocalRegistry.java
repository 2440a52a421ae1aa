package org.lossforge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Confluent-API schema registry for tests: the Apicurio Registry 2.4.2 app built by {@code infra/registry}
 * ({@code infra/registry/target/quarkus-app/quarkus-run.jar}), started as a child JVM on a free loopback port with
 * H2 in memory (every instance starts empty).
 *
 * <pre>{@code
 * try (LocalRegistry registry = LocalRegistry.start()) {
 *     String url = registry.url();   // http://127.0.0.1:PORT/apis/ccompat/v7
 * }
 * // or, one registry for the whole test JVM (stopped by a shutdown hook):
 * String url = LocalRegistry.shared().url();
 * }</pre>
 *
 * Where the jar is: system property {@code lossforge.registry.jar}, else {@code <repo>/infra/registry/target/...}
 * where {@code <repo>} is system property {@code lossforge.repo} (the root pom's surefire sets it), env
 * {@code LOSSFORGE_REPO}, or the first parent of the working directory whose {@code pom.xml} is the
 * {@code lossforge-parent}. Start timeout: system property {@code lossforge.registry.startTimeoutSeconds} (default 90).
 * DEV/TEST ONLY: the registry runs on end-of-life Quarkus 2.16.
 */
public final class LocalRegistry implements AutoCloseable {

    /** Path of the Confluent-compatible API below the registry's root. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    static final String JAR_IN_REPO = "infra/registry/target/quarkus-app/quarkus-run.jar";

    private static LocalRegistry shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;
    private final Duration startup;

    private LocalRegistry(Process process, int port, Path log, Thread shutdownHook, Duration startup) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = shutdownHook;
        this.startup = startup;
    }

    /** Starts a fresh, empty registry and waits until its ccompat API answers. */
    public static LocalRegistry start() {
        Path jar = registryJar();
        Duration timeout = Duration.ofSeconds(Long.getLong("lossforge.registry.startTimeoutSeconds", 90));
        int port = freePort();
        Path log;
        try {
            log = Files.createTempFile("lossforge-registry-" + port + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("LocalRegistry: cannot create a log file", e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HTTP_PORT", Integer.toString(port));
        pb.environment().put("REGISTRY_DATASOURCE_URL", "jdbc:h2:mem:registry_db");
        pb.environment().putIfAbsent("LOG_LEVEL", "WARN");
        long t0 = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("LocalRegistry: cannot start " + cmd, e);
        }
        Thread hook = new Thread(() -> {
            stop(process);
            deleteQuietly(log);
        }, "lossforge-registry-stop-" + port);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            awaitReady(process, port, log, timeout);
        } catch (RuntimeException | Error e) {
            stop(process);             // the log is kept: its path and tail are in the message
            removeHook(hook);
            throw e;
        }
        return new LocalRegistry(process, port, log, hook, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** One registry per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized LocalRegistry shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    public String url() {
        return rootUrl() + CCOMPAT_PATH;
    }

    /** The registry's operating-system process id (load tests pause it with SIGSTOP to make it unavailable). */
    public long pid() {
        return process.pid();
    }

    /** Root URL of the registry (the native API is under {@code /apis/registry/v2}). */
    public String rootUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Time from process start until the ccompat API answered. */
    public Duration startupTime() {
        return startup;
    }

    /** The registry's console output (a temp file, deleted on close unless {@code -Dlossforge.registry.keepLog=true}). */
    public Path logFile() {
        return log;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the registry process (SIGTERM, then SIGKILL after 10 s) and deletes its log. Idempotent. */
    @Override
    public void close() {
        stop(process);
        removeHook(shutdownHook);
        if (!Boolean.getBoolean("lossforge.registry.keepLog")) {
            deleteQuietly(log);
        }
        synchronized (LocalRegistry.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // JVM already shutting down: the hook runs (or ran) anyway
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReady(Process process, int port, Path log, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI probe = URI.create("http://127.0.0.1:" + port + CCOMPAT_PATH + "/subjects");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("LocalRegistry: the registry process exited with code "
                        + process.exitValue() + " before answering on port " + port + "; log " + log + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("LocalRegistry: interrupted while waiting for the registry", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("LocalRegistry: interrupted while waiting for the registry", e);
            }
        }
        throw new IllegalStateException("LocalRegistry: " + probe + " did not answer 200 within " + timeout.toSeconds()
                + " s (last: " + last + "); log " + log + ":\n" + tail(log));
    }

    static Path registryJar() {
        String explicit = System.getProperty("lossforge.registry.jar");
        if (explicit != null && !explicit.isBlank()) {
            Path jar = Paths.get(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("LocalRegistry: -Dlossforge.registry.jar=" + explicit + " does not exist");
            }
            return jar;
        }
        return registryJar(RepoRoot.find());
    }

    static Path registryJar(Path repo) {
        Path jar = repo.resolve(JAR_IN_REPO);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("LocalRegistry: the schema registry has not been built: " + jar
                    + " is missing. Build it first: (cd " + repo + " && mvn -B package -pl infra/registry)"
                    + " or run the whole reactor (mvn -B verify), which builds infra/registry before the tests that need it.");
        }
        return jar;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "LocalRegistry[" + url() + (process.isAlive() ? "" : ", stopped") + "]";
    }
}
