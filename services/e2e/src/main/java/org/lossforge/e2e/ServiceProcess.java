package org.lossforge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One LossForge service as it ships: {@code java -jar services/<name>/target/quarkus-app/quarkus-run.jar} in a child
 * JVM on a fixed loopback port, its console appended to a log file. Started, checked ready through
 * {@code /q/health/ready}, stopped gracefully (SIGTERM) or killed (SIGKILL, a crash), and started again on the same
 * port with the same settings.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, List<String> command, Map<String, String> env, int port, Path log) {
        this.name = name;
        this.command = command;
        this.env = env;
        this.port = port;
        this.log = log;
    }

    /**
     * @param jar     the service's quarkus-run.jar
     * @param heap    the -Xmx value, e.g. "1g"
     * @param sysProps system properties (Quarkus config) of the service, besides the HTTP host and port
     * @param env     environment of the service (KAFKA_BOOTSTRAP, SCHEMA_REGISTRY_URL, ...)
     */
    public static ServiceProcess start(String name, Path jar, int port, String heap, Map<String, String> sysProps,
                                       Map<String, String> env, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " is missing; build it first (mvn package)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        sysProps.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        ServiceProcess s = new ServiceProcess(name, List.copyOf(cmd), Map.copyOf(env), port, log);
        s.launch();
        return s;
    }

    private void launch() {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n===== start " + name + " " + java.time.Instant.now() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot start " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The operating-system process id of the running service (for /proc readings in benchmarks). */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail if the process dies or time runs out. */
    public void awaitReady(Duration within) {
        awaitReady(within, Duration.ofMillis(250));
    }

    /** As {@link #awaitReady(Duration)}, asking every {@code poll}. */
    public void awaitReady(Duration within, Duration poll) {
        long deadline = System.nanoTime() + within.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(poll.toMillis());
        }
        throw new IllegalStateException(name + " not ready within " + within + ":\n" + tail(40));
    }

    /** SIGKILL, as a crash or an OOM kill would: no shutdown hook runs, nothing is committed on the way out. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), SIGKILL after 30 s. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    /** Starts the same command again (after {@link #kill()} or {@link #stop()}). */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    /** The last lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sleeps {@code ms} (the interval of a bounded wait); an interrupt becomes an IllegalStateException. */
    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);   // the interval of a bounded wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "@" + url();
    }
}
