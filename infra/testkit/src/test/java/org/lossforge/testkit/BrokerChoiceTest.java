package org.lossforge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.lossforge.testkit.BrokerChoice.DockerProbe;
import org.lossforge.testkit.BrokerChoice.Kind;

/** The broker selection as a pure function: maps stand in for the environment, lambdas for the Docker probe. */
class BrokerChoiceTest {

    /** No socket anywhere; Testcontainers' check answers {@code engine} and counts how often it was asked. */
    private static final class Probe implements DockerProbe {
        final Set<Path> sockets = new HashSet<>();
        final boolean engine;
        final AtomicInteger asked = new AtomicInteger();

        Probe(boolean engine) {
            this.engine = engine;
        }

        @Override
        public boolean socketExists(Path socket) {
            return sockets.contains(socket);
        }

        @Override
        public boolean dockerAvailable() {
            asked.incrementAndGet();
            return engine;
        }
    }

    @Test
    void dockerHostSetAndConfirmedChoosesTestcontainers() {
        Probe probe = new Probe(true);
        BrokerChoice c = BrokerChoice.decide(Map.of("DOCKER_HOST", "tcp://docker:2375"), probe);
        assertEquals(Kind.TESTCONTAINERS, c.kind());
        assertEquals(1, probe.asked.get());
        assertNull(c.externalBootstrap());
        assertEquals("test broker: Testcontainers apache/kafka:4.1.1 + quay.io/apicurio/apicurio-registry:3.1.7"
                + " (Docker at DOCKER_HOST=tcp://docker:2375, confirmed by DockerClientFactory.isDockerAvailable())",
                c.logLine());
    }

    @Test
    void dockerHostSetButNoEngineFallsBackToEmbeddedAndSaysWhy() {
        Probe probe = new Probe(false);
        BrokerChoice c = BrokerChoice.decide(Map.of("DOCKER_HOST", "unix:///run/docker.sock"), probe);
        assertEquals(Kind.EMBEDDED, c.kind());
        assertEquals(1, probe.asked.get());
        assertEquals("test broker: embedded KRaft + dev registry (fallback: DOCKER_HOST=unix:///run/docker.sock"
                + " but DockerClientFactory.isDockerAvailable() is false)", c.logLine());
    }

    @Test
    void nothingSetChoosesEmbeddedWithoutAskingTestcontainers() {
        Probe probe = new Probe(true);   // would say yes: it must not be asked without a hint
        BrokerChoice c = BrokerChoice.decide(Map.of(), probe);
        assertEquals(Kind.EMBEDDED, c.kind());
        assertEquals(0, probe.asked.get());
        assertEquals("test broker: embedded KRaft + dev registry (no Docker: DOCKER_HOST unset, no /var/run/docker.sock)",
                c.logLine());
    }

    @Test
    void aSocketIsAHintToo() {
        Probe probe = new Probe(true);
        probe.sockets.add(Path.of("/home/u/.docker/run/docker.sock"));
        BrokerChoice c = BrokerChoice.decide(Map.of("HOME", "/home/u", "XDG_RUNTIME_DIR", "/run/user/1000"), probe);
        assertEquals(Kind.TESTCONTAINERS, c.kind());
        assertTrue(c.reason().startsWith("Docker at /home/u/.docker/run/docker.sock"), c.reason());

        Probe none = new Probe(true);
        BrokerChoice e = BrokerChoice.decide(Map.of("HOME", "/home/u", "XDG_RUNTIME_DIR", "/run/user/1000"), none);
        assertEquals("no Docker: DOCKER_HOST unset, no /var/run/docker.sock, no /run/user/1000/docker.sock,"
                + " no /home/u/.docker/run/docker.sock", e.reason());
        assertEquals(0, none.asked.get());
    }

    @Test
    void kafkaBootstrapChoosesTheExternalBrokerEvenWithDocker() {
        Probe probe = new Probe(true);
        BrokerChoice c = BrokerChoice.decide(Map.of("KAFKA_BOOTSTRAP", " 127.0.0.1:19092 ", "DOCKER_HOST", "tcp://d:2375"),
                probe);
        assertEquals(Kind.EXTERNAL, c.kind());
        assertEquals("127.0.0.1:19092", c.externalBootstrap());
        assertEquals(0, probe.asked.get());
        assertEquals("test broker: external broker + dev registry (KAFKA_BOOTSTRAP=127.0.0.1:19092)", c.logLine());
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() {
        BrokerChoice c = BrokerChoice.decide(Map.of("KAFKA_BOOTSTRAP", "env:1"),
                Map.of("lossforge.kafka.bootstrap", "prop:2"), new Probe(false));
        assertEquals("prop:2", c.externalBootstrap());
        BrokerChoice e = BrokerChoice.decide(Map.of("KAFKA_BOOTSTRAP", "env:1"),
                Map.of("lossforge.test.broker", "embedded"), new Probe(false));
        assertEquals(Kind.EMBEDDED, e.kind());
        assertEquals("forced by LOSSFORGE_TEST_BROKER=embedded", e.reason());
    }

    @Test
    void forcedKinds() {
        assertEquals(Kind.EMBEDDED, BrokerChoice.decide(
                Map.of("LOSSFORGE_TEST_BROKER", "embedded", "DOCKER_HOST", "tcp://d:2375"), new Probe(true)).kind());
        assertEquals(Kind.TESTCONTAINERS, BrokerChoice.decide(
                Map.of("LOSSFORGE_TEST_BROKER", "Testcontainers", "KAFKA_BOOTSTRAP", "x:1"), new Probe(true)).kind());
        assertEquals(Kind.EMBEDDED, BrokerChoice.decide(Map.of("LOSSFORGE_TEST_BROKER", "auto"), new Probe(true)).kind());
        BrokerChoice ext = BrokerChoice.decide(Map.of("LOSSFORGE_TEST_BROKER", "external", "KAFKA_BOOTSTRAP", "x:1"),
                new Probe(false));
        assertEquals(Kind.EXTERNAL, ext.kind());
        assertEquals("x:1", ext.externalBootstrap());
    }

    @Test
    void aForcedKindThatCannotBeHadFailsLoudly() {
        IllegalStateException noDocker = assertThrows(IllegalStateException.class, () -> BrokerChoice.decide(
                Map.of("LOSSFORGE_TEST_BROKER", "testcontainers"), new Probe(false)));
        assertTrue(noDocker.getMessage().contains("isDockerAvailable() is false"), noDocker.getMessage());
        IllegalStateException noBootstrap = assertThrows(IllegalStateException.class, () -> BrokerChoice.decide(
                Map.of("LOSSFORGE_TEST_BROKER", "external"), new Probe(true)));
        assertTrue(noBootstrap.getMessage().contains("KAFKA_BOOTSTRAP"), noBootstrap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrokerChoice.decide(
                Map.of("LOSSFORGE_TEST_BROKER", "docker"), new Probe(true)));
    }

    @Test
    void thisMachineHasNoDocker() {
        // the real probe and the real environment: on the development machines and in CI there is no engine, so the
        // suite's brokers are embedded (or external when KAFKA_BOOTSTRAP is set); skip the assertion where Docker exists
        BrokerChoice c = BrokerChoice.fromSystem();
        System.out.println(c.logLine());
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(BrokerChoice.DEFAULT_SOCKET)
                && System.getenv("KAFKA_BOOTSTRAP") == null && System.getenv("LOSSFORGE_TEST_BROKER") == null) {
            assertEquals(Kind.EMBEDDED, c.kind());
        }
    }
}
