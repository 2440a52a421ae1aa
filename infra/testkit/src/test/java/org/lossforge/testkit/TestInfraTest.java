package org.lossforge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.lossforge.testkit.BrokerChoice.DockerProbe;
import org.lossforge.testkit.BrokerChoice.Kind;

/** The embedded and the external kinds for real (the Testcontainers kind needs a Docker engine; none here). */
class TestInfraTest {

    private static final DockerProbe NO_DOCKER = DockerProbe.of(p -> false, () -> false);

    @Test
    void embeddedThenExternalOnTheSameBroker() throws Exception {
        try (TestInfra embedded = TestInfra.start(BrokerChoice.decide(Map.of(), NO_DOCKER))) {
            assertEquals(Kind.EMBEDDED, embedded.choice().kind());
            embedded.createTopics(List.of(new NewTopic("t-embedded", 2, (short) 1)));
            assertTrue(topics(embedded.bootstrapServers()).contains("t-embedded"));
            assertEquals(200, get(embedded.registryUrl() + "/subjects"));

            // KAFKA_BOOTSTRAP names the embedded broker: an external one for the second instance, left running on close
            try (TestInfra external = TestInfra.start(BrokerChoice.decide(
                    Map.of("KAFKA_BOOTSTRAP", embedded.bootstrapServers()), NO_DOCKER))) {
                assertEquals(Kind.EXTERNAL, external.choice().kind());
                assertEquals(embedded.bootstrapServers(), external.bootstrapServers());
                assertEquals(embedded.registryUrl(), external.registryUrl());   // the JVM's shared dev registry
                external.createTopics(List.of(new NewTopic("t-external", 1, (short) 1)));
            }
            assertTrue(topics(embedded.bootstrapServers()).containsAll(Set.of("t-embedded", "t-external")));
        }
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static int get(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
