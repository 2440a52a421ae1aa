package org.lossforge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Testcontainers path's container definitions, built (not started: no Docker engine here) so that its classes
 * load and its settings are the ones documented.
 */
class ContainersTest {

    @Test
    void definitionsBuildWithoutDocker() {
        KafkaContainer kafka = Containers.kafkaContainer();
        assertEquals("0", kafka.getEnvMap().get("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"));
        assertEquals("1", kafka.getEnvMap().get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"));

        GenericContainer<?> registry = Containers.registryContainer();
        assertEquals(List.of(8080), registry.getExposedPorts());
        assertEquals("sql", registry.getEnvMap().get("APICURIO_STORAGE_KIND"));
        assertEquals("h2", registry.getEnvMap().get("APICURIO_STORAGE_SQL_KIND"));
        assertTrue(Containers.REGISTRY_IMAGE.startsWith("quay.io/apicurio/apicurio-registry:3."), Containers.REGISTRY_IMAGE);
        assertTrue(Containers.KAFKA_IMAGE.startsWith("apache/kafka:"), Containers.KAFKA_IMAGE);
    }
}
