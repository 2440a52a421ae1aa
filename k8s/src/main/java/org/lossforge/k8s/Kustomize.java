package org.lossforge.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A kustomize-compatible renderer for the subset of kustomize our manifests use, so the tests and
 * {@code ./lossforge k8s render} need no kustomize binary. Where {@code kubectl} is installed, a test checks that this
 * renderer and {@code kubectl kustomize} produce the same objects for every overlay.
 *
 * <p>Supported kustomization fields, with kustomize's semantics: {@code resources} (files, and folders holding a
 * kustomization), {@code namespace}, {@code labels} ({@code pairs}, {@code includeTemplates}; not
 * {@code includeSelectors}), {@code configMapGenerator} ({@code files}, {@code literals}, {@code options.labels} and
 * {@code options.annotations}; the name gets kustomize's content-hash suffix and references to it in pod specs are updated), {@code patches} (JSON 6902 patches, inline or
 * from a file, with a {@code target} selector), {@code replicas} and {@code images}. Transformers run in kustomize's
 * order (patches, namespace, labels, replicas, images). Anything else is an error that names the field, never a silent
 * difference.
 */
public final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "configMapGenerator", "generatorOptions", "patches", "replicas", "images");
    /** Kinds the namespace transformer leaves alone (cluster-scoped). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "RuntimeClass",
            "ClusterTriggerAuthentication", "CSIDriver", "IngressClass", "VolumeAttachment");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

    private Kustomize() {
    }

    /** A resource, and whether it is a generated ConfigMap whose name gets kustomize's hash suffix. */
    private record Resource(ObjectNode object, boolean hashed) {
    }

    /** Renders the kustomization in {@code dir}: every object, with generated names hashed and references fixed. */
    public static List<ObjectNode> build(Path dir) {
        List<Resource> resources = buildLevel(dir.toAbsolutePath().normalize());
        Map<String, String> renamed = new TreeMap<>();
        for (Resource r : resources) {
            if (r.hashed()) {
                ObjectNode meta = (ObjectNode) r.object().get("metadata");
                String name = meta.get("name").asText();
                String hashed = name + "-" + configMapHash(r.object());
                meta.put("name", hashed);
                renamed.put(name, hashed);
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Resource r : resources) {
            fixConfigMapReferences(r.object(), renamed);
            out.add(r.object());
        }
        return out;
    }

    private static List<Resource> buildLevel(Path dir) {
        Path file = kustomizationFile(dir);
        JsonNode k = Yaml.read(file);
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(file + ": kustomization field '" + f + "' is not supported by this "
                        + "renderer (supported: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        List<Resource> resources = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (r.asText().contains("://")) {
                throw new IllegalArgumentException(file + ": remote resource " + r.asText() + " is not supported");
            }
            if (Files.isDirectory(p)) {
                resources.addAll(buildLevel(p));
            } else {
                for (JsonNode doc : Yaml.readAll(p)) {
                    if (!doc.isObject() || !doc.has("kind") || !doc.has("apiVersion")) {
                        throw new IllegalArgumentException(p + ": a document without apiVersion/kind");
                    }
                    resources.add(new Resource((ObjectNode) doc, false));
                }
            }
        }
        boolean hash = !k.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false);
        for (JsonNode g : k.path("configMapGenerator")) {
            resources.add(new Resource(configMap(dir, file, g), hash));
        }
        for (JsonNode p : k.path("patches")) {
            patch(dir, file, p, resources);
        }
        if (k.has("namespace")) {
            String ns = k.get("namespace").asText();
            for (Resource r : resources) {
                if (!CLUSTER_SCOPED.contains(r.object().path("kind").asText())) {
                    ((ObjectNode) r.object().get("metadata")).put("namespace", ns);
                }
            }
        }
        for (JsonNode l : k.path("labels")) {
            if (l.path("includeSelectors").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": labels.includeSelectors is not supported by this renderer");
            }
            boolean templates = l.path("includeTemplates").asBoolean(false);
            for (Resource r : resources) {
                addLabels(r.object(), l.path("pairs"), templates);
            }
        }
        for (JsonNode rep : k.path("replicas")) {
            String name = rep.path("name").asText();
            boolean found = false;
            for (Resource r : resources) {
                if (SCALABLE.contains(r.object().path("kind").asText()) && name.equals(name(r.object()))) {
                    ((ObjectNode) r.object().withObjectProperty("spec")).put("replicas", rep.path("count").asInt());
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException(file + ": replicas: no Deployment/StatefulSet named " + name);
            }
        }
        for (JsonNode img : k.path("images")) {
            for (Resource r : resources) {
                images(r.object(), img, false);
            }
        }
        return resources;
    }

    static Path kustomizationFile(Path dir) {
        for (String n : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(n))) {
                return dir.resolve(n);
            }
        }
        throw new IllegalArgumentException(dir + ": no kustomization.yaml");
    }

    private static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    // --- configMapGenerator ----------------------------------------------------------------------------------------

    private static ObjectNode configMap(Path dir, Path file, JsonNode g) {
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("name", "files", "literals", "options").contains(f)) {
                throw new IllegalArgumentException(file + ": configMapGenerator field '" + f + "' is not supported");
            }
        }
        ObjectNode cm = Yaml.object();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        ObjectNode meta = cm.putObject("metadata").put("name", g.path("name").asText());
        // options.labels / options.annotations go on the generated object (kustomize: not part of the name's hash)
        for (Iterator<String> it = g.path("options").fieldNames(); it.hasNext(); ) {
            String o = it.next();
            if (!Set.of("labels", "annotations").contains(o)) {
                throw new IllegalArgumentException(file + ": configMapGenerator option '" + o + "' is not supported");
            }
            ObjectNode target = meta.putObject(o);
            g.path("options").path(o).fields().forEachRemaining(e -> target.put(e.getKey(), e.getValue().asText()));
        }
        ObjectNode data = cm.putObject("data");
        for (JsonNode f : g.path("files")) {
            String spec = f.asText();
            int eq = spec.indexOf('=');
            String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
            Path src = dir.resolve(eq < 0 ? spec : spec.substring(eq + 1)).normalize();
            if (!src.startsWith(dir)) {
                throw new IllegalArgumentException(file + ": " + spec + " is outside the kustomization's folder");
            }
            try {
                data.put(key, Files.readString(src, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read " + src, e);
            }
        }
        for (JsonNode l : g.path("literals")) {
            String spec = l.asText();
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + ": literal '" + spec + "' is not key=value");
            }
            data.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
        return cm;
    }

    /**
     * kustomize's name suffix of a generated ConfigMap: sha256 of the JSON of {@code {data, kind, name}} (keys sorted,
     * Go's escaping), the first 10 hex digits with 0, 1, 3, a, e replaced by g, h, k, m, t (kustomize's
     * api/hasher). The name in that JSON is empty: kustomize 5.5 (kubectl 1.32) hashes a generated ConfigMap before
     * it has its name, which {@code KustomizeCompatibilityTest} confirms against kubectl wherever kubectl exists.
     */
    static String configMapHash(ObjectNode cm) {
        Map<String, Object> m = new TreeMap<>();
        Map<String, Object> data = new TreeMap<>();
        cm.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        m.put("data", data);
        m.put("kind", "ConfigMap");
        m.put("name", "");
        String hex;
        try {
            hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(goJson(m).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        char[] c = hex.substring(0, 10).toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = switch (c[i]) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> c[i];
            };
        }
        return new String(c);
    }

    /** JSON as Go's encoding/json writes a map of strings: sorted keys, HTML-safe escaping, no spaces. */
    @SuppressWarnings("unchecked")
    static String goJson(Object v) {
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) map).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(goJson(e.getKey())).append(':').append(goJson(e.getValue()));
            }
            return sb.append('}').toString();
        }
        String s = (String) v;
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) ch));
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static final List<List<String>> CONFIG_MAP_REFS = List.of(
            List.of("volumes", "*", "configMap", "name"),
            List.of("volumes", "*", "projected", "sources", "*", "configMap", "name"),
            List.of("containers", "*", "env", "*", "valueFrom", "configMapKeyRef", "name"),
            List.of("containers", "*", "envFrom", "*", "configMapRef", "name"),
            List.of("initContainers", "*", "env", "*", "valueFrom", "configMapKeyRef", "name"),
            List.of("initContainers", "*", "envFrom", "*", "configMapRef", "name"));

    /** Points pod specs (of workloads and of bare pods) at the hashed names of generated ConfigMaps. */
    private static void fixConfigMapReferences(ObjectNode o, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return;
        }
        for (JsonNode podSpec : List.of(o.path("spec").path("template").path("spec"), o.path("spec"))) {
            if (podSpec.isObject()) {
                for (List<String> path : CONFIG_MAP_REFS) {
                    rename(podSpec, path, 0, renamed);
                }
            }
        }
    }

    private static void rename(JsonNode node, List<String> path, int i, Map<String, String> renamed) {
        String step = path.get(i);
        if (step.equals("*")) {
            for (JsonNode child : node) {
                rename(child, path, i + 1, renamed);
            }
            return;
        }
        if (i == path.size() - 1) {
            if (node.isObject() && node.path(step).isTextual() && renamed.containsKey(node.get(step).asText())) {
                ((ObjectNode) node).put(step, renamed.get(node.get(step).asText()));
            }
            return;
        }
        JsonNode next = node.path(step);
        if (!next.isMissingNode()) {
            rename(next, path, i + 1, renamed);
        }
    }

    // --- labels, images ----------------------------------------------------------------------------------------------

    private static void addLabels(ObjectNode o, JsonNode pairs, boolean templates) {
        ObjectNode labels = ((ObjectNode) o.get("metadata")).withObjectProperty("labels");
        pairs.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        if (templates && o.path("spec").path("template").isObject()) {
            ObjectNode t = ((ObjectNode) o.path("spec").path("template")).withObjectProperty("metadata").withObjectProperty("labels");
            pairs.fields().forEachRemaining(e -> t.put(e.getKey(), e.getValue().asText()));
        }
    }

    /** kustomize's image transformer: every {@code image} of a container or init container, at any depth. */
    private static void images(JsonNode node, JsonNode img, boolean inContainers) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (inContainers && o.path("image").isTextual()) {
                o.put("image", retag(o.get("image").asText(), img));
            }
            o.fields().forEachRemaining(e -> images(e.getValue(), img,
                    (e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue().isArray()));
        } else if (node.isArray()) {
            for (JsonNode c : node) {
                images(c, img, inContainers);
            }
        }
    }

    static String retag(String image, JsonNode img) {
        String name = image, tag = null, digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(img.path("name").asText())) {
            return image;
        }
        if (img.has("newName")) {
            name = img.get("newName").asText();
        }
        if (img.has("digest")) {
            return name + "@" + img.get("digest").asText();
        }
        if (img.has("newTag")) {
            tag = img.get("newTag").asText();
            digest = null;
        }
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    // --- patches -----------------------------------------------------------------------------------------------------

    private static void patch(Path dir, Path file, JsonNode p, List<Resource> resources) {
        JsonNode ops;
        if (p.has("path")) {
            List<JsonNode> docs = Yaml.readAll(dir.resolve(p.get("path").asText()));
            ops = docs.size() == 1 ? docs.get(0) : null;
        } else {
            List<JsonNode> docs = Yaml.readAll(p.path("patch").asText(), file + " (inline patch)");
            ops = docs.size() == 1 ? docs.get(0) : null;
        }
        if (ops == null || !ops.isArray()) {
            throw new IllegalArgumentException(file + ": only JSON 6902 patches (a list of operations) are supported "
                    + "by this renderer, not strategic merge patches");
        }
        JsonNode target = p.path("target");
        if (!target.isObject()) {
            throw new IllegalArgumentException(file + ": a JSON 6902 patch needs a target");
        }
        int matched = 0;
        for (Resource r : resources) {
            if (matches(r.object(), target)) {
                matched++;
                for (JsonNode op : ops) {
                    JsonPatch.apply(r.object(), op, file.toString());
                }
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(file + ": patch target " + target + " matches no resource");
        }
    }

    static boolean matches(JsonNode o, JsonNode target) {
        String apiVersion = o.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("group", group);
        fields.put("version", version);
        fields.put("kind", o.path("kind").asText());
        fields.put("name", name(o));
        fields.put("namespace", o.path("metadata").path("namespace").asText(""));
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (target.has(f.getKey()) && !Pattern.matches(target.get(f.getKey()).asText(), f.getValue())) {
                return false;
            }
        }
        if (target.has("labelSelector")) {
            for (String term : target.get("labelSelector").asText().split(",")) {
                String[] kv = term.trim().split("=", 2);
                if (kv.length != 2 || !kv[1].equals(o.path("metadata").path("labels").path(kv[0]).asText(null))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A JSON 6902 patch operation on a tree (add, remove, replace, copy, move, test). */
    static final class JsonPatch {
        private JsonPatch() {
        }

        static void apply(ObjectNode root, JsonNode op, String source) {
            String kind = op.path("op").asText();
            String path = op.path("path").asText(null);
            if (path == null) {
                throw new IllegalArgumentException(source + ": patch operation without a path: " + op);
            }
            switch (kind) {
                case "add" -> add(root, path, op.get("value").deepCopy(), source);
                case "remove" -> remove(root, path, source);
                case "replace" -> {
                    get(root, path, source);
                    remove(root, path, source);
                    add(root, path, op.get("value").deepCopy(), source);
                }
                case "copy" -> add(root, path, get(root, op.path("from").asText(), source).deepCopy(), source);
                case "move" -> {
                    JsonNode v = get(root, op.path("from").asText(), source);
                    remove(root, op.path("from").asText(), source);
                    add(root, path, v, source);
                }
                case "test" -> {
                    if (!get(root, path, source).equals(op.get("value"))) {
                        throw new IllegalArgumentException(source + ": patch test failed at " + path);
                    }
                }
                default -> throw new IllegalArgumentException(source + ": unknown patch op '" + kind + "'");
            }
        }

        private static List<String> tokens(String path, String source) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException(source + ": patch path '" + path + "' does not start with /");
            }
            List<String> t = new ArrayList<>();
            for (String s : path.substring(1).split("/", -1)) {
                t.add(s.replace("~1", "/").replace("~0", "~"));
            }
            return t;
        }

        private static JsonNode get(ObjectNode root, String path, String source) {
            JsonNode n = root;
            for (String t : tokens(path, source)) {
                n = n.isArray() ? n.path(index(t, n.size(), false, path, source)) : n.path(t);
                if (n.isMissingNode()) {
                    throw new IllegalArgumentException(source + ": patch path " + path + " does not exist");
                }
            }
            return n;
        }

        private static JsonNode parent(ObjectNode root, List<String> t, String path, String source) {
            JsonNode n = root;
            for (String s : t.subList(0, t.size() - 1)) {
                n = n.isArray() ? n.path(index(s, n.size(), false, path, source)) : n.path(s);
                if (n.isMissingNode() || !(n.isObject() || n.isArray())) {
                    throw new IllegalArgumentException(source + ": patch path " + path + ": no parent " + s);
                }
            }
            return n;
        }

        private static void add(ObjectNode root, String path, JsonNode value, String source) {
            List<String> t = tokens(path, source);
            JsonNode parent = parent(root, t, path, source);
            String last = t.get(t.size() - 1);
            if (parent.isArray()) {
                ArrayNode a = (ArrayNode) parent;
                if (last.equals("-")) {
                    a.add(value);
                } else {
                    a.insert(index(last, a.size(), true, path, source), value);
                }
            } else {
                ((ObjectNode) parent).set(last, value);
            }
        }

        private static void remove(ObjectNode root, String path, String source) {
            List<String> t = tokens(path, source);
            JsonNode parent = parent(root, t, path, source);
            String last = t.get(t.size() - 1);
            if (parent.isArray()) {
                ((ArrayNode) parent).remove(index(last, parent.size(), false, path, source));
            } else if (parent.has(last)) {
                ((ObjectNode) parent).remove(last);
            } else {
                throw new IllegalArgumentException(source + ": patch path " + path + " does not exist");
            }
        }

        private static int index(String token, int size, boolean forAdd, String path, String source) {
            int i;
            try {
                i = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": patch path " + path + ": '" + token + "' is not an index");
            }
            if (i < 0 || i > size || (!forAdd && i == size)) {
                throw new IllegalArgumentException(source + ": patch path " + path + ": index " + i + " out of range");
            }
            return i;
        }
    }
}
