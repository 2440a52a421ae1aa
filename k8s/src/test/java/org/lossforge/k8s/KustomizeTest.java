package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer's pieces against kustomize's own published values and semantics. */
class KustomizeTest {

    static ObjectNode configMap(String... kv) {
        ObjectNode cm = Yaml.object();
        cm.put("kind", "ConfigMap");
        ObjectNode data = cm.putObject("data");
        for (int i = 0; i < kv.length; i += 2) {
            data.put(kv[i], kv[i + 1]);
        }
        return cm;
    }

    @Test
    void configMapHashesAreKustomizes() {
        // kustomize api/hasher/hasher_test.go: a ConfigMap with data {one: ""} hashes to 9g67k2htb6
        assertEquals("9g67k2htb6", Kustomize.configMapHash(configMap("one", "")));
        // kubectl 1.32 (kustomize 5.5.0) on configMapGenerator {name: x, literals: [a=b]} writes x-4h2mbtbbt6
        assertEquals("4h2mbtbbt6", Kustomize.configMapHash(configMap("a", "b")));
    }

    @Test
    void jsonIsWrittenAsGosEncoderWritesIt() {
        assertEquals("{\"a\":\"x\\u003cy\\u003e \\u0026 \\\"q\\\"\\n\",\"b\":\"é\"}",
                Kustomize.goJson(java.util.Map.of("b", "é", "a", "x<y> & \"q\"\n")));
    }

    @Test
    void imagesAreRetaggedByNameOnly() {
        ObjectNode img = Yaml.object().put("name", "lossforge/ranker").put("newTag", "1.0");
        assertEquals("lossforge/ranker:1.0", Kustomize.retag("lossforge/ranker:0.1.0-SNAPSHOT", img));
        assertEquals("lossforge/ranker:1.0", Kustomize.retag("lossforge/ranker", img));
        assertEquals("lossforge/rankers:0.1", Kustomize.retag("lossforge/rankers:0.1", img));
        assertEquals("registry:5000/lossforge/ranker:2",
                Kustomize.retag("registry:5000/lossforge/ranker:2", Yaml.object().put("name", "lossforge/ranker")));
        ObjectNode renamed = Yaml.object().put("name", "lossforge/ranker").put("newName", "ghcr.io/me/ranker");
        assertEquals("ghcr.io/me/ranker:0.1", Kustomize.retag("lossforge/ranker:0.1", renamed));
    }

    @Test
    void patchTargetsMatchLikeKustomizesSelectors() {
        ObjectNode o = Yaml.object().put("apiVersion", "kafka.strimzi.io/v1beta2").put("kind", "KafkaTopic");
        o.putObject("metadata").put("name", "lossforge.studies.v1").putObject("labels").put("a", "b");
        assertTrue(Kustomize.matches(o, Yaml.object().put("kind", "KafkaTopic")));
        assertTrue(Kustomize.matches(o, Yaml.object().put("group", "kafka.strimzi.io").put("name", "lossforge\\..*")));
        assertTrue(!Kustomize.matches(o, Yaml.object().put("name", "lossforge")), "names are anchored");
        assertTrue(Kustomize.matches(o, Yaml.object().put("labelSelector", "a=b")));
        assertTrue(!Kustomize.matches(o, Yaml.object().put("labelSelector", "a=c")));
        assertTrue(!Kustomize.matches(o, Yaml.object().put("version", "v1")));
    }

    @Test
    void aSmallKustomizationRendersWithGeneratorPatchNamespaceLabelsReplicasAndImages(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("app.properties"), "a=1\n");
        Files.writeString(dir.resolve("deploy.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: example/web:1
                      volumes:
                        - name: config
                          configMap:
                            name: web-config
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                namespace: ns
                labels:
                  - pairs: {team: t}
                resources: [deploy.yaml]
                configMapGenerator:
                  - name: web-config
                    files: [application.properties=app.properties]
                patches:
                  - target: {kind: Deployment, name: web}
                    patch: |-
                      - op: add
                        path: /spec/template/spec/containers/0/args
                        value: [--x]
                replicas:
                  - name: web
                    count: 1
                images:
                  - name: example/web
                    newTag: "2"
                """);
        List<ObjectNode> out = Kustomize.build(dir);
        ObjectNode d = Rendered.one(out, "Deployment", "web");
        ObjectNode cm = Rendered.kind(out, "ConfigMap").get(0);
        String hashed = "web-config-" + Kustomize.configMapHash(cm);
        assertEquals(hashed, Rendered.name(cm));
        assertEquals(hashed, d.path("spec").path("template").path("spec").path("volumes").get(0).path("configMap")
                .path("name").asText());
        assertEquals("a=1\n", cm.path("data").path("application.properties").asText());
        assertEquals("ns", d.path("metadata").path("namespace").asText());
        assertEquals("t", d.path("metadata").path("labels").path("team").asText());
        assertTrue(d.path("spec").path("template").path("metadata").path("labels").path("team").isMissingNode());
        assertEquals(1, d.path("spec").path("replicas").asInt());
        assertEquals("example/web:2", d.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText());
        assertEquals("--x", d.path("spec").path("template").path("spec").path("containers").get(0).path("args").get(0).asText());
    }

    @Test
    void whatTheRendererDoesNotSupportIsAnErrorNotASilentDifference(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "commonLabels: {a: b}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("commonLabels"), e.getMessage());
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [d.yaml]
                patches:
                  - target: {kind: Deployment}
                    patch: |-
                      spec:
                        replicas: 2
                """);
        Files.writeString(dir.resolve("d.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n");
        e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("strategic merge"), e.getMessage());
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [d.yaml]
                patches:
                  - target: {kind: Deployment}
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 2
                """);
        e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("/spec/replicas does not exist"), e.getMessage());
    }
}
