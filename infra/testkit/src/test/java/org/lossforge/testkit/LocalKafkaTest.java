package org.lossforge.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalKafkaTest {

    @Test
    void inProcessBrokerCreatesTopics() {
        try (LocalKafka kafka = LocalKafka.startInProcess()) {
            assertTrue(kafka.bootstrapServers().matches("[\\w.-]+:\\d+(,[\\w.-]+:\\d+)*"), kafka.bootstrapServers());
            kafka.createTopic("a", 2);
            kafka.createTopic("a", 2); // exists: no error
            kafka.createTopic("b", 1, Map.of("cleanup.policy", "compact"));
            assertTrue(kafka.topics().containsAll(java.util.Set.of("a", "b")), kafka.topics().toString());
            System.out.printf("LocalKafka ready after %d ms on %s%n", kafka.startupTime().toMillis(), kafka.bootstrapServers());
        }
    }
}
