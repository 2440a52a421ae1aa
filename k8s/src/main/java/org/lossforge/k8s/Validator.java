package org.lossforge.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates rendered Kubernetes objects, rejecting unknown fields (a typo such as {@code replica:} for
 * {@code replicas:} is an error here; the API server would drop it, or reject it under strict field validation):
 * <ul>
 * <li>core kinds bind to fabric8's model classes ({@code io.fabric8:kubernetes-model-*}); scalars are not coerced (a
 * number where a string belongs, as in an unquoted annotation value, is an error) and any field the model does not
 * know, at any depth, is reported with its path;</li>
 * <li>Strimzi's kinds bind to Strimzi's model classes ({@code io.strimzi:api}) the same way, and are checked against
 * their CRD schemas too;</li>
 * <li>other custom resources (KEDA, Prometheus Operator) are checked against their CRD's {@code openAPIV3Schema}
 * (src/main/resources/crds, PROVENANCE.md there), with unknown fields rejected unless the schema preserves them.</li>
 * </ul>
 * A kind with neither a model nor a schema is itself a problem: nothing passes unchecked.
 */
public final class Validator {

    /** Core and Strimzi kinds and their model classes, by {@code apiVersion/kind}. */
    static final Map<String, String> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
            Map.entry("v1/Secret", "io.fabric8.kubernetes.api.model.Secret"),
            Map.entry("v1/Service", "io.fabric8.kubernetes.api.model.Service"),
            Map.entry("v1/ServiceAccount", "io.fabric8.kubernetes.api.model.ServiceAccount"),
            Map.entry("v1/Namespace", "io.fabric8.kubernetes.api.model.Namespace"),
            Map.entry("v1/PersistentVolumeClaim", "io.fabric8.kubernetes.api.model.PersistentVolumeClaim"),
            Map.entry("apps/v1/Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
            Map.entry("apps/v1/StatefulSet", "io.fabric8.kubernetes.api.model.apps.StatefulSet"),
            Map.entry("policy/v1/PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy"),
            Map.entry("networking.k8s.io/v1/Ingress", "io.fabric8.kubernetes.api.model.networking.v1.Ingress"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler"),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", "io.strimzi.api.kafka.model.kafka.Kafka"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser"));

    /** The vendored CRD files (src/main/resources/crds). */
    static final List<String> CRDS = List.of(
            "strimzi-0.48.0-040-Crd-kafka.yaml", "strimzi-0.48.0-043-Crd-kafkatopic.yaml",
            "strimzi-0.48.0-044-Crd-kafkauser.yaml", "strimzi-0.48.0-045-Crd-kafkanodepool.yaml",
            "keda-2.17.0-keda.sh_scaledobjects.yaml", "keda-2.17.0-keda.sh_triggerauthentications.yaml",
            "prometheus-operator-0.89.0-monitoring.coreos.com_podmonitors.yaml");

    private final ObjectMapper strict;
    private final Map<String, JsonSchema> schemas;

    private Validator(Map<String, JsonSchema> schemas) {
        this.schemas = schemas;
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .build();
        // no silent scalar conversions: "3" is not 3, 8080 is not "8080", "true" is not true, 1 is not 1.0
        Map<LogicalType, CoercionInputShape> own = Map.of(LogicalType.Textual, CoercionInputShape.String,
                LogicalType.Integer, CoercionInputShape.Integer, LogicalType.Float, CoercionInputShape.Float,
                LogicalType.Boolean, CoercionInputShape.Boolean);
        own.forEach((target, itsShape) -> {
            for (CoercionInputShape from : own.values()) {
                if (from != itsShape) {
                    m.coercionConfigFor(target).setCoercion(from, CoercionAction.Fail);
                }
            }
        });
        this.strict = m;
    }

    /** Loads the vendored CRD schemas. */
    public static Validator load() {
        Map<String, JsonSchema> schemas = new LinkedHashMap<>();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
        for (String file : CRDS) {
            JsonNode crd = Yaml.readAll(resource("crds/" + file), file).get(0);
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode v : crd.path("spec").path("versions")) {
                JsonNode schema = v.path("schema").path("openAPIV3Schema");
                if (schema.isMissingNode()) {
                    continue;
                }
                JsonNode strictSchema = strictSchema(schema.deepCopy());
                schemas.put(group + "/" + v.path("name").asText() + "/" + kind, factory.getSchema(strictSchema, config));
            }
        }
        return new Validator(schemas);
    }

    private static String resource(String name) {
        try (InputStream in = Validator.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A structural CRD schema as a JSON Schema that rejects unknown fields: objects with {@code properties} and no
     * {@code additionalProperties} get {@code additionalProperties: false} unless
     * {@code x-kubernetes-preserve-unknown-fields}; {@code x-kubernetes-int-or-string} becomes integer-or-string;
     * {@code nullable} admits null.
     */
    static JsonNode strictSchema(JsonNode node) {
        if (node.isArray()) {
            for (JsonNode n : node) {
                strictSchema(n);
            }
            return node;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode o = (ObjectNode) node;
        boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (o.has("properties") && !o.has("additionalProperties") && !preserve) {
            o.put("additionalProperties", false);
        }
        if (o.path("x-kubernetes-int-or-string").asBoolean(false) && !o.has("anyOf") && !o.has("oneOf")) {
            o.remove("type");
            ArrayNode any = o.putArray("anyOf");
            any.addObject().put("type", "integer");
            any.addObject().put("type", "string");
        }
        if (o.path("nullable").asBoolean(false) && o.path("type").isTextual()) {
            ArrayNode types = Yaml.NODES.arrayNode().add(o.get("type").asText()).add("null");
            o.set("type", types);
        }
        // Kubernetes' schema extensions have done their work above; JSON Schema does not know them
        o.remove(new ArrayList<>(List.of("nullable", "example", "x-kubernetes-preserve-unknown-fields",
                "x-kubernetes-int-or-string", "x-kubernetes-validations", "x-kubernetes-list-type",
                "x-kubernetes-map-type", "x-kubernetes-list-map-keys", "x-kubernetes-embedded-resource")));
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("properties")) {
                e.getValue().fields().forEachRemaining(p -> strictSchema(p.getValue()));
            } else if (!e.getKey().equals("enum") && !e.getKey().equals("default") && !e.getKey().equals("example")) {
                strictSchema(e.getValue());
            }
        }
        return o;
    }

    /** Every problem of every object, one line each ({@code Kind/name: ...}); empty when all are valid. */
    public List<String> validate(List<? extends JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            problems.addAll(validate(o));
        }
        return problems;
    }

    public List<String> validate(JsonNode o) {
        String apiVersion = o.path("apiVersion").asText(), kind = o.path("kind").asText();
        String id = kind + "/" + o.path("metadata").path("name").asText("?");
        List<String> problems = new ArrayList<>();
        if (o.path("metadata").path("name").asText("").isEmpty()) {
            problems.add(id + ": metadata.name is missing");
        }
        String key = apiVersion + "/" + kind;
        String model = MODELS.get(key);
        JsonSchema schema = schemas.get(key);
        if (model == null && schema == null) {
            problems.add(id + ": no model class or CRD schema for " + key + " (add one to Validator before using it)");
            return problems;
        }
        if (model != null) {
            problems.addAll(bind(id, o, model));
        }
        if (schema != null) {
            for (ValidationMessage m : schema.validate(o)) {
                problems.add(id + ": " + m.getMessage());
            }
        }
        return problems;
    }

    private List<String> bind(String id, JsonNode o, String className) {
        Object bound;
        try {
            bound = strict.treeToValue(o, Class.forName(className));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("model class " + className + " is not on the classpath", e);
        } catch (IOException | IllegalArgumentException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            return List.of(id + ": does not bind to " + className.substring(className.lastIndexOf('.') + 1) + ": " + msg);
        }
        List<String> problems = new ArrayList<>();
        unknownFields(bound, "", problems, new IdentityHashMap<>());
        return problems.stream().map(p -> id + ": unknown field " + p).toList();
    }

    /** Walks a bound model object: any {@code additionalProperties} entry is a field the model does not know. */
    private static void unknownFields(Object v, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) {
        if (v == null || seen.put(v, Boolean.TRUE) != null) {
            return;
        }
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> unknownFields(x, path + "." + k, out, seen));
            return;
        }
        if (v instanceof Iterable<?> list) {
            int i = 0;
            for (Object x : list) {
                unknownFields(x, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        String pkg = v.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method g : v.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || g.getDeclaringClass() == Object.class) {
                continue;
            }
            String n = g.getName();
            if (n.equals("getAdditionalProperties")) {
                Object extra = invoke(g, v);
                if (extra instanceof Map<?, ?> m) {
                    m.keySet().forEach(k -> out.add((path.isEmpty() ? "" : path.substring(1) + ".") + k));
                }
            } else if ((n.startsWith("get") && n.length() > 3) && !SKIP_GETTERS.contains(n)) {
                Object child = invoke(g, v);
                String prop = Character.toLowerCase(n.charAt(3)) + n.substring(4);
                unknownFields(child, path + "." + prop, out, seen);
            }
        }
    }

    /** Derived getters of the model classes that are not fields. */
    private static final Set<String> SKIP_GETTERS = Set.of("getClass", "getApiVersion", "getKind", "getPlural",
            "getSingular", "getCRDName", "getScope", "getGroup", "getVersion", "getFullResourceName");

    private static Object invoke(Method g, Object v) {
        try {
            return g.invoke(v);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
