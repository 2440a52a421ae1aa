package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validation of {@link ManifestsValidTest} can fail: a valid rendered object with one typo or one wrong type
 * becomes invalid, and the problem names the object and the field.
 */
class TyposAreCaughtTest {

    static Validator validator;

    @BeforeAll
    static void load() {
        validator = Validator.load();
    }

    /** A copy of a rendered object of the dev overlay, changed by {@code edit}, and its problems. */
    static List<String> problems(String kind, String name, Consumer<ObjectNode> edit) {
        ObjectNode o = Rendered.one(Rendered.of("overlays/dev"), kind, name).deepCopy();
        assertEquals(List.of(), validator.validate(o), "the unedited " + kind + " must be valid");
        edit.accept(o);
        return validator.validate(o);
    }

    static ObjectNode spec(ObjectNode o) {
        return (ObjectNode) o.get("spec");
    }

    static ObjectNode container(ObjectNode workload) {
        return (ObjectNode) workload.path("spec").path("template").path("spec").path("containers").get(0);
    }

    static void assertProblem(List<String> problems, String... parts) {
        assertFalse(problems.isEmpty(), "no problem reported");
        String all = String.join("\n", problems);
        for (String p : parts) {
            assertTrue(all.contains(p), "expected '" + p + "' in:\n" + all);
        }
    }

    @Test
    void aMisspelledDeploymentFieldIsAnUnknownField() {
        List<String> p = problems("Deployment", "lossforge-evaluator", o -> spec(o).put("replica", 3));
        assertProblem(p, "Deployment/lossforge-evaluator", "unknown field", "spec.replica");
    }

    @Test
    void aMisspelledFieldDeepInThePodSpecIsFoundWithItsPath() {
        List<String> p = problems("StatefulSet", "lossforge-ranker",
                o -> ((ObjectNode) container(o).path("readinessProbe")).put("periodSecond", 5));
        assertProblem(p, "StatefulSet/lossforge-ranker", "readinessProbe.periodSecond");
    }

    @Test
    void aNumberWhereKubernetesWantsAStringIsRefused() {
        // an unquoted annotation value: kubectl apply would reject it
        List<String> p = problems("Deployment", "lossforge-predictor-trainer", o -> ((ObjectNode) o.path("spec")
                .path("template").path("metadata").path("annotations")).put("prometheus.io/port", 8080));
        assertProblem(p, "Deployment/lossforge-predictor-trainer", "does not bind");
    }

    @Test
    void aStringWhereKubernetesWantsAnIntegerIsRefused() {
        List<String> p = problems("Service", "lossforge-evaluator",
                o -> ((ObjectNode) o.path("spec").path("ports").get(0)).put("port", "8080"));
        assertProblem(p, "Service/lossforge-evaluator", "does not bind");
    }

    @Test
    void aMisspelledKafkaTopicFieldIsCaughtByStrimzisModelAndByItsCrdSchema() {
        List<String> p = problems("KafkaTopic", "lossforge.evaluations.v1", o -> {
            spec(o).remove("partitions");
            spec(o).put("partition", 12);
        });
        assertProblem(p, "KafkaTopic/lossforge.evaluations.v1", "unknown field spec.partition", "partition");
        assertTrue(p.size() >= 2, "model and schema both report: " + p);
    }

    @Test
    void anAclOperationStrimziDoesNotKnowIsRefused() {
        List<String> p = problems("KafkaUser", "lossforge-evaluator", o -> ((ArrayNode) o.path("spec")
                .path("authorization").path("acls").get(0).path("operations")).add("Reed"));
        assertProblem(p, "KafkaUser/lossforge-evaluator");
    }

    @Test
    void aMisspelledKafkaListenerFieldIsCaught() {
        List<String> p = problems("Kafka", "lossforge", o -> ((ObjectNode) o.path("spec").path("kafka")
                .path("listeners").get(0)).put("tsl", true));
        assertProblem(p, "Kafka/lossforge", "tsl");
    }

    @Test
    void aMisspelledPodMonitorFieldIsCaughtByItsCrdSchema() {
        List<String> p = problems("PodMonitor", "lossforge-services", o -> {
            spec(o).set("podMetricsEndpoint", spec(o).remove("podMetricsEndpoints"));
        });
        assertProblem(p, "PodMonitor/lossforge-services", "podMetricsEndpoint");
    }

    @Test
    void aMisspelledScaledObjectFieldIsCaughtByKedasCrdSchema() {
        ObjectNode so = Rendered.one(Rendered.of("overlays/gpu"), "ScaledObject", KedaManifests.TRAINER).deepCopy();
        assertEquals(List.of(), validator.validate(so));
        spec(so).put("maxReplicas", 3);
        assertProblem(validator.validate(so), "ScaledObject/lossforge-predictor-trainer", "maxReplicas");
    }

    @Test
    void aKindWithNeitherModelNorSchemaIsAProblemNotAPass() {
        ObjectNode o = Yaml.object();
        o.put("apiVersion", "example.com/v1");
        o.put("kind", "Widget");
        o.putObject("metadata").put("name", "w");
        assertProblem(validator.validate(o), "Widget/w", "no model class or CRD schema");
    }
}
