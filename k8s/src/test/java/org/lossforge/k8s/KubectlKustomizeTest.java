package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where {@code kubectl} is installed (it carries kustomize; our machines have kubectl 1.32 with kustomize 5.5.0),
 * {@code kubectl kustomize} and the in-repo renderer produce the same objects for every overlay, so what the other
 * tests check is what {@code kubectl apply -k} applies. Skipped, with the reason, where kubectl is absent.
 */
class KubectlKustomizeTest {

    static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path k = Path.of(dir, "kubectl");
            if (Files.isExecutable(k)) {
                return k.toString();
            }
        }
        return null;
    }

    static Map<String, JsonNode> byId(List<? extends JsonNode> objects) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (JsonNode o : objects) {
            m.put(o.path("kind").asText() + "/" + o.path("metadata").path("namespace").asText("") + "/"
                    + o.path("metadata").path("name").asText(), o);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/gpu"})
    void kubectlKustomizeRendersTheSameObjects(String dir) throws IOException, InterruptedException {
        String kubectl = kubectl();
        Assumptions.assumeTrue(kubectl != null, "kubectl is not on the PATH: the renderer is not cross-checked here");
        Path target = Rendered.REPO.resolve("k8s").resolve(dir);
        Process p = new ProcessBuilder(kubectl, "kustomize", target.toString()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl kustomize did not finish");
        }
        assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + ": " + err);
        Map<String, JsonNode> theirs = byId(Yaml.readAll(out, "kubectl kustomize " + dir));
        Map<String, JsonNode> ours = byId(Kustomize.build(target));
        assertEquals(theirs.keySet(), ours.keySet(), dir);
        for (Map.Entry<String, JsonNode> e : theirs.entrySet()) {
            JsonNode mine = ours.get(e.getKey());
            // equal as trees (field order aside); the YAML of both is shown when they differ
            if (!e.getValue().equals(mine)) {
                assertEquals(Yaml.write(e.getValue()), Yaml.write(mine), dir + " " + e.getKey());
            }
        }
    }
}
