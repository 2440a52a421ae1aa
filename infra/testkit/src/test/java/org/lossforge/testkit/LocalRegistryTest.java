package org.lossforge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRegistryTest {

    @Test
    void startsAnswersAndStops() throws Exception {
        LocalRegistry registry = LocalRegistry.start();
        try {
            assertTrue(registry.url().matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7"), registry.url());
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("[]", r.body().trim(), "a fresh registry has no subjects (H2 in memory)");
            System.out.printf("LocalRegistry answered after %d ms on %s%n", registry.startupTime().toMillis(), registry.url());
        } finally {
            registry.close();
        }
        assertFalse(registry.isRunning(), "close() stops the process");
        registry.close(); // idempotent
    }

    @Test
    void missingJarFailsWithBuildHint(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("pom.xml"), "<project><artifactId>lossforge-parent</artifactId></project>");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalRegistry.registryJar(repo));
        assertTrue(e.getMessage().contains("has not been built"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -B package -pl infra/registry"), e.getMessage());
    }

    @Test
    void processThatDiesEarlyIsReportedWithItsLog(@TempDir Path dir) throws Exception {
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a jar");
        System.setProperty("lossforge.registry.jar", notAJar.toString());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, LocalRegistry::start);
            assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
            java.util.regex.Matcher log = java.util.regex.Pattern.compile("log (\\S+lossforge-registry-\\S+\\.log)").matcher(e.getMessage());
            assertTrue(log.find(), "names its log: " + e.getMessage());
            assertTrue(Files.readString(Path.of(log.group(1))).contains("Invalid or corrupt jarfile"), "log kept for diagnosis");
            Files.delete(Path.of(log.group(1)));
        } finally {
            System.clearProperty("lossforge.registry.jar");
        }
    }

    @Test
    void repoRootIsTheParentPom(@TempDir Path dir) throws Exception {
        Path root = RepoRoot.find();
        assertTrue(Files.isRegularFile(root.resolve("infra/registry/pom.xml")), root.toString());
        Files.writeString(dir.resolve("pom.xml"),
                "<project><parent><artifactId>lossforge-parent</artifactId></parent><artifactId>x</artifactId></project>");
        assertFalse(RepoRoot.isRoot(dir), "a module pom naming lossforge-parent as its parent is not the root");
    }
}
