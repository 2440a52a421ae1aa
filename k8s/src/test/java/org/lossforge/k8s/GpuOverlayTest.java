package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.Topics;

/** The gpu overlay: trainers on GPU nodes, scaled by KEDA on their consumer groups' lag, never past the partitions. */
class GpuOverlayTest {

    static final List<ObjectNode> GPU = Rendered.of("overlays/gpu");
    static final List<ObjectNode> DEV = Rendered.of("overlays/dev");

    @Test
    void theTrainerAsksForOneGpuToleratesTheGpuTaintAndRunsTheCudaImage() {
        ObjectNode trainer = Rendered.one(GPU, "Deployment", KedaManifests.TRAINER);
        JsonNode pod = trainer.path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertEquals(1, c.path("resources").path("limits").path("nvidia.com/gpu").asInt());
        assertEquals(1, c.path("resources").path("requests").path("nvidia.com/gpu").asInt());
        assertEquals("lossforge/predictor-trainer:" + ServiceManifests.IMAGE_TAG + "-cu124", c.path("image").asText());
        assertEquals("true", pod.path("nodeSelector").path("nvidia.com/gpu.present").asText());
        JsonNode t = pod.path("tolerations").get(0);
        assertEquals("nvidia.com/gpu", t.path("key").asText());
        assertEquals("NoSchedule", t.path("effect").asText());
        assertFalse(trainer.path("spec").has("replicas"), "KEDA owns the replica count");
        // the CUDA libtorch is unpacked at the first start: the image's cache folder is a writable volume
        String cacheVolume = null;
        for (JsonNode m : c.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(ServiceManifests.DJL_CACHE_DIR)) {
                cacheVolume = m.path("name").asText();
                assertFalse(m.path("readOnly").asBoolean(false));
            }
        }
        boolean emptyDir = false;
        for (JsonNode v : pod.path("volumes")) {
            emptyDir |= v.path("name").asText().equals(cacheVolume) && v.has("emptyDir");
        }
        assertTrue(emptyDir, "no writable volume at " + ServiceManifests.DJL_CACHE_DIR);
        // only the trainer changes: the other services are the base's
        for (String other : List.of("lossforge-evaluator", "lossforge-candidate-generator", "lossforge-registry")) {
            JsonNode o = Rendered.one(GPU, "Deployment", other).path("spec").path("template").path("spec");
            assertFalse(o.has("tolerations") || o.has("nodeSelector"), other);
            assertTrue(o.path("containers").get(0).path("resources").path("limits").path("nvidia.com/gpu").isMissingNode(), other);
        }
        // the CPU overlay's trainer has no GPU and keeps the CPU image
        JsonNode cpu = Rendered.one(DEV, "Deployment", KedaManifests.TRAINER).path("spec").path("template").path("spec")
                .path("containers").get(0);
        assertEquals("lossforge/predictor-trainer:" + ServiceManifests.IMAGE_TAG, cpu.path("image").asText());
        assertTrue(cpu.path("resources").path("limits").path("nvidia.com/gpu").isMissingNode());
    }

    @Test
    void kedaScalesTheTrainerOnItsGroupsLagUpToTheTrainingJobsPartitions() {
        ObjectNode so = Rendered.one(GPU, "ScaledObject", KedaManifests.TRAINER);
        assertEquals("Deployment", so.path("spec").path("scaleTargetRef").path("kind").asText());
        assertEquals(KedaManifests.TRAINER, so.path("spec").path("scaleTargetRef").path("name").asText());
        int partitions = Topics.spec(Topics.TRAINING_JOBS).orElseThrow().partitions();
        assertEquals(12, partitions);
        assertEquals(partitions, so.path("spec").path("maxReplicaCount").asInt());
        // one trigger per (group, topic) the trainer consumes, as its configuration says
        SortedMap<String, SortedSet<String>> triggers = new TreeMap<>();
        for (JsonNode t : so.path("spec").path("triggers")) {
            assertEquals("kafka", t.path("type").asText());
            JsonNode m = t.path("metadata");
            assertEquals("false", m.path("allowIdleConsumers").asText(), "a trigger may not exceed its partitions");
            assertEquals(ServiceManifests.KAFKA_BOOTSTRAP, m.path("bootstrapServers").asText());
            triggers.computeIfAbsent(m.path("consumerGroup").asText(), g -> new TreeSet<>()).add(m.path("topic").asText());
            assertEquals(KedaManifests.AUTH, t.path("authenticationRef").path("name").asText());
        }
        assertEquals(UserManifests.trainerGroups(Rendered.REPO), triggers);
        assertEquals(Map.of("lossforge-predictor-trainer", new TreeSet<>(List.of(Topics.TRAINING_JOBS)),
                "lossforge-search-controller", new TreeSet<>(List.of(Topics.SEARCHES)),
                "lossforge-surrogate-trainer", new TreeSet<>(List.of(Topics.SURROGATE_JOBS))), triggers);
    }

    @Test
    void kedaAuthenticatesWithItsOwnUserThatMayOnlyDescribe() {
        ObjectNode user = Rendered.one(GPU, "KafkaUser", UserManifests.KEDA);
        for (AclBinding b : StrimziAcls.of(user)) {
            assertEquals(AclOperation.DESCRIBE, b.entry().operation(), b.toString());
        }
        ObjectNode auth = Rendered.one(GPU, "TriggerAuthentication", KedaManifests.AUTH);
        ObjectNode cm = Rendered.one(GPU, "ConfigMap", KedaManifests.AUTH);
        for (JsonNode ref : auth.path("spec").path("configMapTargetRef")) {
            assertEquals(KedaManifests.AUTH, ref.path("name").asText());
            assertTrue(cm.path("data").has(ref.path("key").asText()), ref.toString());
        }
        assertEquals(UserManifests.KEDA, cm.path("data").path("username").asText());
        assertEquals("scram_sha512", cm.path("data").path("sasl").asText());
        Map<String, String> secrets = new TreeMap<>();
        auth.path("spec").path("secretTargetRef").forEach(r -> secrets.put(r.path("parameter").asText(), r.path("name").asText()));
        assertEquals(Map.of("password", UserManifests.KEDA, "ca", ServiceManifests.CA_SECRET), secrets);
        assertTrue(Rendered.kind(DEV, "ScaledObject").isEmpty(), "the dev overlay does not autoscale");
    }
}
