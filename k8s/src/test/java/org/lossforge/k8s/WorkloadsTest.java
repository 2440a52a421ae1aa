package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-object facts of the rendered workloads that no schema checks: probes on the health endpoints, credentials
 * from the workload's own KafkaUser Secret, the configuration file mounted where Quarkus reads it and connecting
 * with TLS and SCRAM, PodDisruptionBudgets and Services that select the pods, the ranker's stable identity.
 */
class WorkloadsTest {

    static List<ObjectNode> workloads(List<ObjectNode> objects) {
        return objects.stream().filter(o -> Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText())).toList();
    }

    static JsonNode pod(ObjectNode w) {
        return w.path("spec").path("template").path("spec");
    }

    static boolean selects(JsonNode matchLabels, JsonNode podLabels) {
        boolean[] all = {matchLabels.size() > 0};
        matchLabels.fields().forEachRemaining(e -> all[0] &= e.getValue().equals(podLabels.path(e.getKey())));
        return all[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/gpu"})
    void everyWorkloadIsProbedAuthenticatedConfiguredAndProtected(String dir) throws IOException {
        List<ObjectNode> objects = Rendered.of(dir);
        Set<String> users = Rendered.kind(objects, "KafkaUser").stream().map(Rendered::name).collect(Collectors.toSet());
        List<ObjectNode> workloads = workloads(objects);
        assertEquals(5, workloads.size(), "4 services + the registry");
        for (ObjectNode w : workloads) {
            String name = Rendered.name(w);
            ServiceManifests.Workload spec = ServiceManifests.all().stream()
                    .filter(x -> x.resourceName().equals(name)).findFirst().orElseThrow();
            JsonNode pod = pod(w);
            JsonNode c = pod.path("containers").get(0);
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                String path = c.path(probe).path("httpGet").path("path").asText();
                assertTrue(path.startsWith(spec.healthRoot() + "/"), name + " " + probe + " " + path);
            }
            // the JAAS line comes from the Secret Strimzi writes for this workload's own KafkaUser
            JsonNode jaas = null;
            for (JsonNode e : c.path("env")) {
                if (e.path("name").asText().equals(ServiceManifests.JAAS_ENV)) {
                    jaas = e.path("valueFrom").path("secretKeyRef");
                }
            }
            assertNotNull(jaas, name);
            assertEquals(name, jaas.path("name").asText());
            assertTrue(users.contains(name), name + " has no KafkaUser");
            // resources: a memory limit at least the request
            assertTrue(quantityMi(c.path("resources").path("limits").path("memory").asText())
                    >= quantityMi(c.path("resources").path("requests").path("memory").asText()), name);
            assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), name);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name);
            // the configuration: a generated ConfigMap mounted where the image's Quarkus reads config/application.properties
            String cmName = null;
            for (JsonNode v : pod.path("volumes")) {
                if (v.path("name").asText().equals("config")) {
                    cmName = v.path("configMap").path("name").asText();
                }
            }
            assertNotNull(cmName, name);
            assertTrue(cmName.startsWith(spec.configMapName() + "-"), cmName + " is not the hashed generated map");
            String mount = null;
            for (JsonNode m : c.path("volumeMounts")) {
                if (m.path("name").asText().equals("config")) {
                    mount = m.path("mountPath").asText();
                }
            }
            assertEquals(spec.configDir(), mount, name);
            Properties config = new Properties();
            config.load(new StringReader(Rendered.one(objects, "ConfigMap", cmName).path("data")
                    .path("application.properties").asText()));
            String prefix = spec.quarkusService() ? "kafka." : "apicurio.kafka.common.";
            assertEquals("SASL_SSL", config.getProperty(prefix + "security.protocol"), name);
            assertEquals("SCRAM-SHA-512", config.getProperty(prefix + "sasl.mechanism"), name);
            assertEquals("${" + ServiceManifests.JAAS_ENV + "}", config.getProperty(prefix + "sasl.jaas.config"), name);
            assertEquals(ServiceManifests.CA_DIR + "/ca.crt", config.getProperty(prefix + "ssl.truststore.location"), name);
            if (spec.quarkusService()) {
                assertEquals(ServiceManifests.REGISTRY_URL, config.getProperty("lossforge.schema-registry.url"), name);
            }
            // a PDB and a Service select exactly this workload's pods
            JsonNode podLabels = w.path("spec").path("template").path("metadata").path("labels");
            assertTrue(selects(w.path("spec").path("selector").path("matchLabels"), podLabels), name);
            assertTrue(selects(Rendered.one(objects, "PodDisruptionBudget", name).path("spec").path("selector")
                    .path("matchLabels"), podLabels), name);
            assertTrue(selects(Rendered.one(objects, "Service", name).path("spec").path("selector"), podLabels), name);
        }
    }

    /** Only the candidate-generator reads the REST API key, from its Secret, optionally (no Secret = writes refused). */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/gpu"})
    void onlyTheGeneratorReadsTheRestApiKeyFromItsSecret(String dir) throws IOException {
        Set<String> readers = new java.util.TreeSet<>();
        for (ObjectNode w : workloads(Rendered.of(dir))) {
            for (JsonNode e : pod(w).path("containers").get(0).path("env")) {
                if (e.path("name").asText().equals("LOSSFORGE_API_KEY")) {
                    readers.add(Rendered.name(w));
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    assertEquals(ServiceManifests.API_KEY_SECRET, ref.path("name").asText());
                    assertEquals("api-key", ref.path("key").asText());
                    assertTrue(ref.path("optional").asBoolean(false), "the pod starts without the Secret");
                }
            }
        }
        assertEquals(Set.of("lossforge-candidate-generator"), readers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/gpu"})
    void theRankerHasAStableNameAStandbyAndAStateVolume(String dir) throws IOException {
        List<ObjectNode> objects = Rendered.of(dir);
        ObjectNode ranker = Rendered.one(objects, "StatefulSet", "lossforge-ranker");
        ObjectNode headless = Rendered.one(objects, "Service", ranker.path("spec").path("serviceName").asText());
        assertEquals("None", headless.path("spec").path("clusterIP").asText());
        assertTrue(headless.path("spec").path("publishNotReadyAddresses").asBoolean());
        String advertised = null;
        for (JsonNode e : pod(ranker).path("containers").get(0).path("env")) {
            if (e.path("name").asText().equals("LOSSFORGE_RANKER_ADVERTISED")) {
                advertised = e.path("value").asText();
            }
        }
        assertEquals("$(POD_NAME)." + Rendered.name(headless) + ".$(POD_NAMESPACE).svc:8080", advertised);
        String cm = null;
        for (JsonNode v : pod(ranker).path("volumes")) {
            if (v.path("name").asText().equals("config")) {
                cm = v.path("configMap").path("name").asText();
            }
        }
        Properties config = new Properties();
        config.load(new StringReader(Rendered.one(objects, "ConfigMap", cm).path("data").path("application.properties").asText()));
        assertEquals("1", config.getProperty("kafka-streams.num.standby.replicas"));
        assertEquals("${LOSSFORGE_RANKER_ADVERTISED}", config.getProperty("kafka-streams.application.server"));
        assertEquals("SASL_SSL", config.getProperty("kafka-streams.security.protocol"));
        assertEquals(ServiceManifests.RANKER_STATE_DIR, config.getProperty("kafka-streams.state.dir"));
        Set<String> claims = new TreeSet<>();
        ranker.path("spec").path("volumeClaimTemplates").forEach(t -> claims.add(t.path("metadata").path("name").asText()));
        assertEquals(Set.of("state"), claims);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/gpu"})
    void thePodMonitorScrapesTheFourServicesMetricsEndpoint(String dir) {
        List<ObjectNode> objects = Rendered.of(dir);
        ObjectNode pm = Rendered.one(objects, "PodMonitor", "lossforge-services");
        assertEquals("/q/metrics", pm.path("spec").path("podMetricsEndpoints").get(0).path("path").asText());
        Set<String> selected = new TreeSet<>();
        pm.path("spec").path("selector").path("matchExpressions").get(0).path("values").forEach(v -> selected.add(v.asText()));
        Set<String> services = ServiceManifests.services().stream().map(ServiceManifests.Workload::component)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(services, selected);
        for (ObjectNode w : workloads(objects)) {
            String port = w.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/port").asText("");
            assertEquals(services.contains(w.path("metadata").path("labels").path("app.kubernetes.io/name").asText()),
                    port.equals("8080"), Rendered.name(w));
        }
    }

    static double quantityMi(String q) {
        if (q.endsWith("Gi")) {
            return Double.parseDouble(q.substring(0, q.length() - 2)) * 1024;
        }
        if (q.endsWith("Mi")) {
            return Double.parseDouble(q.substring(0, q.length() - 2));
        }
        throw new IllegalArgumentException("unexpected memory quantity " + q);
    }
}
