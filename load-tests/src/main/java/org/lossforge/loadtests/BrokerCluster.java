package org.lossforge.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.lossforge.e2e.Platform;

/**
 * One to three KRaft nodes (each a combined broker + controller), each its own child JVM running {@code kafka.Kafka}
 * from this JVM's class path, on fixed loopback ports and log directories, so a node can be SIGKILLed, as a crash or
 * an OOM kill would, and started again on the same log directory (what a pod restart with its volume does). The log
 * directories are formatted once ({@code kafka.tools.StorageTool format}) with one cluster id; replication settings
 * follow the node count (3 nodes: replication factor 3, min.insync.replicas 2).
 */
public final class BrokerCluster implements AutoCloseable {

    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();

    private final class Node {
        final int id;
        final int port;
        final int controllerPort;
        final Path config;
        final Path log;
        Process process;

        Node(int id, int port, int controllerPort) {
            this.id = id;
            this.port = port;
            this.controllerPort = controllerPort;
            this.config = dir.resolve("node-" + id + ".properties");
            this.log = dir.resolve("node-" + id + ".log");
        }

        Path data() {
            return dir.resolve("data-" + id);
        }
    }

    private BrokerCluster(Path dir) {
        this.dir = dir;
    }

    /**
     * Formats and starts {@code n} nodes in {@code dir} (created; the caller deletes it) and waits until every node
     * accepts connections and the cluster answers a metadata request.
     */
    public static BrokerCluster start(int n, Path dir) {
        if (n < 1 || n > 3) {
            throw new IllegalArgumentException("1 to 3 nodes, got " + n);
        }
        BrokerCluster c = new BrokerCluster(dir);
        try {
            Files.createDirectories(dir);
            for (int i = 1; i <= n; i++) {
                c.nodes.add(c.new Node(i, Platform.freePort(), Platform.freePort()));
            }
            String voters = c.nodes.stream().map(x -> x.id + "@127.0.0.1:" + x.controllerPort)
                    .collect(Collectors.joining(","));
            String clusterId = uuid();
            for (Node x : c.nodes) {
                Files.writeString(x.config, config(x, voters, n), StandardCharsets.UTF_8);
                c.run(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", x.config.toString()),
                        dir.resolve("format-" + x.id + ".log"), Duration.ofSeconds(60));
            }
            for (Node x : c.nodes) {
                c.launch(x);
            }
            c.awaitUp(Duration.ofSeconds(120));
            return c;
        } catch (IOException e) {
            c.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private static String config(Node x, String voters, int n) {
        int rf = n >= 3 ? 3 : 1;
        int minIsr = n >= 3 ? 2 : 1;
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + x.id,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + x.port + ",CONTROLLER://127.0.0.1:" + x.controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + x.port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + x.data(),
                "num.partitions=1",
                "default.replication.factor=" + rf,
                "min.insync.replicas=" + minIsr,
                "offsets.topic.replication.factor=" + rf,
                "transaction.state.log.replication.factor=" + rf,
                "transaction.state.log.min.isr=" + minIsr,
                "share.coordinator.state.topic.replication.factor=" + rf,
                "share.coordinator.state.topic.min.isr=" + minIsr,
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                // the dead-letter topic takes 5 MiB records (schemas/README.md)
                "message.max.bytes=5242880",
                "replica.fetch.max.bytes=5242880",
                "") ;
    }

    private static String uuid() {
        // a Kafka cluster id is a base64url (no padding) UUID
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private List<String> java(String heap) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(heap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    private void run(List<String> args, Path log, Duration within) throws IOException {
        List<String> cmd = java("-Xmx256m");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", args) + " did not finish within " + within);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", args.subList(0, 2)) + " failed (" + p.exitValue() + "): "
                        + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(Node x) {
        List<String> cmd = java("-Xmx512m");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("kafka.Kafka");
        cmd.add(x.config.toString());
        try {
            Files.writeString(x.log, "\n===== start node " + x.id + " " + java.time.Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            x.process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(x.log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka node " + x.id, e);
        }
    }

    /** Waits until every node's port accepts connections and the cluster lists them all. */
    public void awaitUp(Duration within) {
        awaitUp(nodes, within);
    }

    /**
     * Waits until the given nodes' ports accept connections and the cluster lists as many nodes as are running (a node
     * killed for good is not waited for).
     */
    private void awaitUp(List<Node> which, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        for (Node x : which) {
            if (x.process == null) {
                continue;
            }
            while (!listening(x.port)) {
                if (!x.process.isAlive()) {
                    throw new IllegalStateException("Kafka node " + x.id + " exited (" + x.process.exitValue() + "): "
                            + tail(x.log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka node " + x.id + " not listening within " + within + ": "
                            + tail(x.log));
                }
                org.lossforge.e2e.ServiceProcess.sleep(100);
            }
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(p)) {
            long alive = nodes.stream().filter(x -> x.process != null && x.process.isAlive()).count();
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(20, TimeUnit.SECONDS).size() >= alive) {
                        return;
                    }
                } catch (Exception e) {
                    // not yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Kafka cluster did not answer within " + within);
                }
                org.lossforge.e2e.ServiceProcess.sleep(200);
            }
        }
    }

    /** Every node's listener, comma-separated (the clients' bootstrap servers). */
    public String bootstrapServers() {
        return nodes.stream().map(x -> "127.0.0.1:" + x.port).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    public int replicationFactor() {
        return nodes.size() >= 3 ? 3 : 1;
    }

    /** SIGKILL of node {@code id} (1-based); waits until the process is gone. */
    public void kill(int id) {
        Node x = nodes.get(id - 1);
        if (x.process != null) {
            x.process.destroyForcibly();
            try {
                x.process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts node {@code id} again on its log directory and ports, and waits until the cluster has it back. */
    public void restart(int id, Duration within) {
        Node x = nodes.get(id - 1);
        if (x.process != null && x.process.isAlive()) {
            throw new IllegalStateException("Kafka node " + id + " is still running");
        }
        launch(x);
        awaitUp(List.of(x), within);
    }

    public boolean isAlive(int id) {
        Process p = nodes.get(id - 1).process;
        return p != null && p.isAlive();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to every node (SIGKILL after 20 s). The directory is left to the caller. */
    @Override
    public void close() {
        for (Node x : nodes) {
            if (x.process != null && x.process.isAlive()) {
                x.process.destroy();
            }
        }
        for (Node x : nodes) {
            if (x.process != null) {
                try {
                    if (!x.process.waitFor(20, TimeUnit.SECONDS)) {
                        x.process.destroyForcibly();
                        x.process.waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Whether something accepts connections on the loopback port. */
    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
