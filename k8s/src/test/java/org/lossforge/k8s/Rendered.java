package org.lossforge.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The overlays rendered once per test JVM by the in-repo renderer, and lookups into them. */
final class Rendered {

    static final Path REPO = Manifests.repo();
    private static final Map<String, List<ObjectNode>> CACHE = new ConcurrentHashMap<>();

    private Rendered() {
    }

    /** {@code k8s/<dir>} rendered, e.g. {@code overlays/dev}. */
    static List<ObjectNode> of(String dir) {
        return CACHE.computeIfAbsent(dir, d -> Kustomize.build(REPO.resolve("k8s").resolve(d)));
    }

    static List<ObjectNode> kind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static ObjectNode one(List<ObjectNode> objects, String kind, String name) {
        List<ObjectNode> found = objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + "/" + name + ", found " + found.size());
        }
        return found.get(0);
    }

    static String name(ObjectNode o) {
        return o.path("metadata").path("name").asText();
    }

    static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/gpu");
}
