package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Grafana dashboards of k8s/monitoring/dashboards reach the cluster as one ConfigMap labelled for the Grafana
 * sidecar, in every overlay, holding the files byte for byte; each file is a dashboard Grafana can import (that its
 * queries name exported metrics is services/e2e DashboardMetricsTest's job).
 */
class GrafanaDashboardsTest {

    static final Path DASHBOARDS = Rendered.REPO.resolve("k8s/monitoring/dashboards");

    @Test
    void everyOverlayShipsTheDashboardsAsASidecarConfigMap() throws IOException {
        for (String overlay : Rendered.OVERLAYS) {
            List<ObjectNode> maps = Rendered.kind(Rendered.of(overlay), "ConfigMap").stream()
                    .filter(c -> Rendered.name(c).startsWith("lossforge-grafana-dashboards-")).toList();
            assertEquals(1, maps.size(), overlay + ": one dashboards ConfigMap");
            ObjectNode cm = maps.get(0);
            assertEquals("lossforge-grafana-dashboards-" + Kustomize.configMapHash(cm), Rendered.name(cm), overlay);
            assertEquals("1", cm.path("metadata").path("labels").path("grafana_dashboard").asText(), overlay);
            assertEquals("lossforge", cm.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText());
            Set<String> keys = new TreeSet<>();
            cm.path("data").fieldNames().forEachRemaining(keys::add);
            assertEquals(Set.of("platform-overview.json", "trainer-and-ranker.json"), keys, overlay);
            for (String k : keys) {
                assertEquals(Files.readString(DASHBOARDS.resolve(k)), cm.path("data").path(k).asText(), overlay + " " + k);
            }
        }
    }

    @Test
    void eachDashboardIsGrafanaJsonOnAPrometheusDatasourceVariable() throws IOException {
        Set<String> uids = new TreeSet<>();
        try (var files = Files.list(DASHBOARDS)) {
            for (Path f : files.sorted().toList()) {
                JsonNode d = new ObjectMapper().readTree(f.toFile());
                assertTrue(d.path("schemaVersion").asInt() >= 36, f + " schemaVersion");
                assertTrue(uids.add(d.path("uid").asText()), f + " has its own uid");
                assertEquals("datasource", d.path("templating").path("list").get(0).path("type").asText(), f.toString());
                assertEquals("prometheus", d.path("templating").path("list").get(0).path("query").asText(), f.toString());
                int targets = 0;
                for (JsonNode p : d.path("panels")) {
                    for (JsonNode t : p.path("targets")) {
                        assertEquals("${datasource}", t.path("datasource").path("uid").asText(),
                                f + " " + p.path("title").asText());
                        targets++;
                    }
                }
                assertTrue(targets >= 10, f + " has " + targets + " queries");
            }
        }
        assertEquals(2, uids.size());
    }

    @Test
    void generatorOptionsLabelTheConfigMapAndUnknownOptionsAreRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.json"), "{}");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                configMapGenerator:
                  - name: dash
                    files: [d.json]
                    options:
                      labels: {grafana_dashboard: "1"}
                      annotations: {note: x}
                """);
        ObjectNode cm = Kustomize.build(dir).get(0);
        assertEquals("1", cm.path("metadata").path("labels").path("grafana_dashboard").asText());
        assertEquals("x", cm.path("metadata").path("annotations").path("note").asText());
        // kustomize: labels are not part of the name's hash
        assertEquals("dash-" + Kustomize.configMapHash(KustomizeTest.configMap("d.json", "{}")), Rendered.name(cm));
        Files.writeString(dir.resolve("kustomization.yaml"), """
                configMapGenerator:
                  - name: dash
                    files: [d.json]
                    options: {immutable: true}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("option 'immutable' is not supported"), e.getMessage());
    }
}
