package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both overlays (and the base) render, and every rendered object validates: core kinds against fabric8's models,
 * Strimzi's against its model classes and CRD schemas, KEDA's and the Prometheus Operator's against their CRD schemas,
 * unknown fields rejected everywhere ({@link TyposAreCaughtTest} shows that this check can fail).
 */
class ManifestsValidTest {

    static Validator validator;

    @BeforeAll
    static void load() {
        validator = Validator.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/gpu"})
    void everyRenderedObjectIsValid(String dir) {
        List<ObjectNode> objects = Rendered.of(dir);
        assertTrue(objects.size() > 40, dir + " rendered only " + objects.size() + " objects");
        List<String> problems = validator.validate(objects);
        assertEquals(List.of(), problems, dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/gpu"})
    void everyKindIsCheckedByAModelOrASchemaAndNoSecretIsInTheRepository(String dir) {
        Set<String> kinds = new TreeSet<>();
        for (ObjectNode o : Rendered.of(dir)) {
            kinds.add(o.path("kind").asText());
            // credentials come from the KafkaUser Secrets Strimzi writes in the cluster, never from here
            assertTrue(!o.path("kind").asText().equals("Secret"), dir + " renders a Secret: " + Rendered.name(o));
        }
        assertTrue(kinds.containsAll(Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Deployment",
                "StatefulSet", "Service", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy")), kinds.toString());
        if (dir.startsWith("overlays/")) {
            assertTrue(kinds.contains("PodMonitor"), kinds.toString());
        }
        if (dir.equals("overlays/gpu")) {
            assertTrue(kinds.containsAll(Set.of("ScaledObject", "TriggerAuthentication")), kinds.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/gpu"})
    void overlaysPutEverythingInTheLossforgeNamespace(String dir) {
        for (ObjectNode o : Rendered.of(dir)) {
            assertEquals("lossforge", o.path("metadata").path("namespace").asText(), dir + " " + Rendered.name(o));
            assertEquals("lossforge", o.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(),
                    dir + " " + Rendered.name(o));
        }
    }
}
