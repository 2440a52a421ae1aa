package org.lossforge.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The workloads of {@code k8s/base}: the four services and the schema registry, each as a ServiceAccount (no API
 * token), a Service, a Deployment or StatefulSet, and a PodDisruptionBudget, plus each service's configuration file
 * (its ConfigMap, made by kustomize's configMapGenerator). Written by {@code ./lossforge k8s generate}; one place for
 * what every workload shares (probes on the SmallRye Health endpoints, Prometheus scrape annotations, the cluster CA,
 * the credentials from the workload's own KafkaUser Secret, a read-only root filesystem), and a {@link Workload}
 * record for what differs.
 *
 * <p>Memory requests and limits come from the resident memory measured per service (docs/benchmarks.md "Services: JVM
 * start and resident memory": idle 197-233 MB for the generator, evaluator and ranker; the trainer 598 MB resident,
 * 925 MB at its peak, after one NB201 job) with head room for the working set under load, which was measured for the
 * trainer only: the limit is about twice the request, and the images' run-java.sh gives the heap half of the limit.
 * NB101 jobs (423,624 scores per prediction) were not measured; the trainer's 3 GiB limit is the guess to check first.
 */
public final class ServiceManifests {

    public static final String KAFKA_BOOTSTRAP = "lossforge-kafka-bootstrap:9093";
    public static final String REGISTRY_URL = "http://lossforge-registry:8080/apis/ccompat/v7";
    public static final String CA_SECRET = TopicManifests.CLUSTER + "-cluster-ca-cert";
    public static final String CA_DIR = "/etc/lossforge/kafka-ca";
    public static final String JAAS_ENV = "KAFKA_SASL_JAAS_CONFIG";
    public static final String IMAGE_TAG = "0.1.0-SNAPSHOT";
    /** The Secret (made by the operator, never in this repository) with the candidate-generator's REST API key. */
    public static final String API_KEY_SECRET = "lossforge-api-key";

    /** One workload and what is particular to it. */
    public record Workload(String name, String component, String what, boolean statefulSet, int replicas,
                           String image, String cpu, String memoryRequest, String memoryLimit, String healthRoot,
                           String configDir, boolean quarkusService, Consumer<ObjectNode> podExtras,
                           Map<String, String> extraConfig) {

        /** Kubernetes name of the workload, its Service, ServiceAccount, PDB and KafkaUser. */
        public String resourceName() {
            return "lossforge-" + name;
        }

        public String configMapName() {
            return resourceName() + "-config";
        }
    }

    private ServiceManifests() {
    }

    /** Where the images keep Kafka Streams' state (they set it with -Dkafka-streams.state.dir): the volume goes here. */
    public static final String RANKER_STATE_DIR = "/deployments/kafka-streams";
    /** The images' libtorch cache (services/IMAGES.md); the gpu overlay makes it writable. */
    public static final String DJL_CACHE_DIR = "/deployments/djl-cache";

    public static List<Workload> services() {
        return List.of(
                new Workload("candidate-generator", "candidate-generator",
                        "POST /studies, /searches, /nlfs-runs; studies and candidates -> jobs; the NLFS evolver. Stateless "
                                + "(the study book is rebuilt from the compacted studies topic at start)",
                        false, 2, "lossforge/candidate-generator:" + IMAGE_TAG, "250m", "512Mi", "1Gi", "/q/health",
                        "/deployments/config", true, ServiceManifests::generatorPod, Map.of()),
                new Workload("predictor-trainer", "predictor-trainer",
                        "training jobs -> prediction sets (DJL/libtorch), surrogate jobs -> evaluations, the search "
                                + "controller. CPU here; the gpu overlay gives it a GPU and scales it on consumer lag",
                        false, 2, "lossforge/predictor-trainer:" + IMAGE_TAG, "2", "1536Mi", "3Gi", "/q/health",
                        "/deployments/config", true, ServiceManifests::trainerPod, Map.of()),
                new Workload("evaluator", "evaluator",
                        "prediction sets -> evaluations against the benchmark truth; answers search queries",
                        false, 2, "lossforge/evaluator:" + IMAGE_TAG, "500m", "512Mi", "1536Mi", "/q/health",
                        "/deployments/config", true, ServiceManifests::dataDir, Map.of()),
                new Workload("ranker", "ranker",
                        "evaluations -> leaderboards (Kafka Streams, exactly_once_v2), interactive queries. A StatefulSet: "
                                + "stable names for application.server, RocksDB state on a volume, one standby replica",
                        true, 2, "lossforge/ranker:" + IMAGE_TAG, "500m", "512Mi", "1Gi", "/q/health",
                        "/deployments/config", true, ServiceManifests::rankerPod, rankerConfig()));
    }

    public static Workload registry() {
        return new Workload("registry", "schema-registry",
                "Apicurio Registry 3.1 (ccompat API for our serdes), KafkaSQL storage, BACKWARD global rule",
                false, 2, "quay.io/apicurio/apicurio-registry:3.1.7", "250m", "512Mi", "1Gi", "/health",
                "/deployments/quarkus-app/config", false, pod -> { }, Map.of());
    }

    public static List<Workload> all() {
        List<Workload> all = new ArrayList<>(services());
        all.add(registry());
        return all;
    }

    private static Map<String, String> rankerConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("# Kafka Streams connects with the same settings (passed to it with the prefix stripped)", null);
        m.put("kafka-streams.security.protocol", "SASL_SSL");
        m.put("kafka-streams.sasl.mechanism", "SCRAM-SHA-512");
        m.put("kafka-streams.sasl.jaas.config", "${" + JAAS_ENV + "}");
        m.put("kafka-streams.ssl.truststore.type", "PEM");
        m.put("kafka-streams.ssl.truststore.location", CA_DIR + "/ca.crt");
        m.put("# every task has a warm copy on the other replica: a lost pod's partitions move without a restore", null);
        m.put("kafka-streams.num.standby.replicas", "1");
        m.put("# this pod's stable address (StatefulSet + headless Service), how peers forward interactive queries", null);
        m.put("kafka-streams.application.server", "${LOSSFORGE_RANKER_ADVERTISED}");
        m.put("# a lost pod's active tasks move to its standby after this, not after the default 45 s", null);
        m.put("kafka-streams.session.timeout.ms", "15000");
        m.put("kafka-streams.state.dir", RANKER_STATE_DIR);
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Every object of one workload, in apply order. */
    public static List<ObjectNode> objects(Workload w) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(serviceAccount(w));
        if (w.statefulSet()) {
            out.add(headlessService(w));
        }
        out.add(service(w));
        out.add(workload(w));
        out.add(pdb(w));
        return out;
    }

    /** The file {@code k8s/base/services/<name>.yaml}. */
    public static String file(Workload w) {
        return Generated.header(w.name() + ": " + w.what(), "org.lossforge.k8s.ServiceManifests")
                + Yaml.write(objects(w));
    }

    /** The service's configuration file for the cluster ({@code k8s/base/services/<name>.properties}). */
    public static String configFile(Workload w) {
        StringBuilder sb = new StringBuilder();
        sb.append(Generated.header("the Kubernetes configuration of the " + w.name() + " (its ConfigMap "
                + w.configMapName() + ", mounted as " + w.configDir() + "/application.properties; it overrides the "
                + "service's own defaults in services/" + w.name() + "/src/main/resources/application.properties)",
                "org.lossforge.k8s.ServiceManifests"));
        sb.append("kafka.bootstrap.servers=").append(KAFKA_BOOTSTRAP).append('\n');
        sb.append("# TLS with the cluster CA, SCRAM-SHA-512 with this service's KafkaUser (its Secret, via the environment)\n");
        sb.append("kafka.security.protocol=SASL_SSL\n");
        sb.append("kafka.sasl.mechanism=SCRAM-SHA-512\n");
        sb.append("kafka.sasl.jaas.config=${").append(JAAS_ENV).append("}\n");
        sb.append("kafka.ssl.truststore.type=PEM\n");
        sb.append("kafka.ssl.truststore.location=").append(CA_DIR).append("/ca.crt\n");
        sb.append("lossforge.schema-registry.url=").append(REGISTRY_URL).append('\n');
        w.extraConfig().forEach((k, v) -> sb.append(v == null ? k : k + "=" + v).append('\n'));
        return sb.toString();
    }

    private static ObjectNode meta(ObjectNode o, String apiVersion, String kind, String name, Workload w) {
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        ObjectNode m = o.putObject("metadata");
        m.put("name", name);
        if (w != null) {
            m.putObject("labels").put("app.kubernetes.io/name", w.component());
        }
        return o;
    }

    private static ObjectNode selectorLabels(Workload w) {
        ObjectNode l = Yaml.object();
        l.put("app.kubernetes.io/name", w.component());
        l.put("app.kubernetes.io/part-of", "lossforge");
        return l;
    }

    static ObjectNode serviceAccount(Workload w) {
        ObjectNode sa = meta(Yaml.object(), "v1", "ServiceAccount", w.resourceName(), null);
        sa.put("automountServiceAccountToken", false);
        return sa;
    }

    static ObjectNode service(Workload w) {
        ObjectNode s = meta(Yaml.object(), "v1", "Service", w.resourceName(), w);
        ObjectNode spec = s.putObject("spec");
        spec.set("selector", selectorLabels(w));
        httpPort(spec.putArray("ports"));
        return s;
    }

    public static String headlessName(Workload w) {
        return w.resourceName() + "-headless";
    }

    /** The StatefulSet's governing Service: one DNS name per pod, also before it is ready (peers forward to it). */
    static ObjectNode headlessService(Workload w) {
        ObjectNode s = meta(Yaml.object(), "v1", "Service", headlessName(w), w);
        ObjectNode spec = s.putObject("spec");
        spec.put("clusterIP", "None");
        spec.put("publishNotReadyAddresses", true);
        spec.set("selector", selectorLabels(w));
        httpPort(spec.putArray("ports"));
        return s;
    }

    private static void httpPort(ArrayNode ports) {
        ObjectNode p = ports.addObject();
        p.put("name", "http");
        p.put("port", 8080);
        p.put("targetPort", "http");
    }

    static ObjectNode pdb(Workload w) {
        ObjectNode pdb = meta(Yaml.object(), "policy/v1", "PodDisruptionBudget", w.resourceName(), null);
        ObjectNode spec = pdb.putObject("spec");
        // maxUnavailable, not minAvailable: a one-replica overlay can still drain its node
        spec.put("maxUnavailable", 1);
        spec.putObject("selector").set("matchLabels", selectorLabels(w));
        return pdb;
    }

    static ObjectNode workload(Workload w) {
        ObjectNode o = meta(Yaml.object(), "apps/v1", w.statefulSet() ? "StatefulSet" : "Deployment",
                w.resourceName(), w);
        ObjectNode spec = o.putObject("spec");
        if (w.statefulSet()) {
            spec.put("serviceName", headlessName(w));
            // replicas start and stop together: Kafka Streams rebalances anyway, ordered start only slows it
            spec.put("podManagementPolicy", "Parallel");
        }
        spec.put("replicas", w.replicas());
        spec.putObject("selector").set("matchLabels", selectorLabels(w));
        ObjectNode template = spec.putObject("template");
        ObjectNode tmeta = template.putObject("metadata");
        tmeta.set("labels", selectorLabels(w));
        if (w.quarkusService()) {
            ObjectNode a = tmeta.putObject("annotations");
            a.put("prometheus.io/scrape", "true");
            a.put("prometheus.io/port", "8080");
            a.put("prometheus.io/path", "/q/metrics");
        }
        ObjectNode pod = template.putObject("spec");
        pod.put("serviceAccountName", w.resourceName());
        pod.put("automountServiceAccountToken", false);
        ObjectNode psc = pod.putObject("securityContext");
        psc.put("runAsNonRoot", true);
        psc.putObject("seccompProfile").put("type", "RuntimeDefault");
        if (w.statefulSet()) {
            psc.put("fsGroup", 185);   // the volume is writable by the image's user (185, as in Quarkus' images)
        }
        ObjectNode spread = pod.putArray("topologySpreadConstraints").addObject();
        spread.put("maxSkew", 1);
        spread.put("topologyKey", "kubernetes.io/hostname");
        spread.put("whenUnsatisfiable", "ScheduleAnyway");
        spread.putObject("labelSelector").putObject("matchLabels").put("app.kubernetes.io/name", w.component());

        ObjectNode c = pod.putArray("containers").addObject();
        c.put("name", w.name());
        c.put("image", w.image());
        ObjectNode port = c.putArray("ports").addObject();
        port.put("name", "http");
        port.put("containerPort", 8080);
        ObjectNode jaas = c.putArray("env").addObject();
        jaas.put("name", JAAS_ENV);
        ObjectNode ref = jaas.putObject("valueFrom").putObject("secretKeyRef");
        ref.put("name", w.resourceName());   // the Secret Strimzi writes for the KafkaUser of the same name
        ref.put("key", "sasl.jaas.config");
        ObjectNode res = c.putObject("resources");
        res.putObject("requests").put("cpu", w.cpu()).put("memory", w.memoryRequest());
        res.putObject("limits").put("memory", w.memoryLimit());
        c.set("startupProbe", probe(w.healthRoot() + "/started", 5, 36));
        c.set("readinessProbe", probe(w.healthRoot() + "/ready", 10, 3));
        c.set("livenessProbe", probe(w.healthRoot() + "/live", 20, 3));
        ObjectNode sc = c.putObject("securityContext");
        sc.put("allowPrivilegeEscalation", false);
        sc.put("readOnlyRootFilesystem", true);
        sc.putObject("capabilities").putArray("drop").add("ALL");
        ArrayNode mounts = c.putArray("volumeMounts");
        mount(mounts, "config", w.configDir());
        mount(mounts, "kafka-ca", CA_DIR);
        mounts.addObject().put("name", "tmp").put("mountPath", "/tmp");

        ArrayNode volumes = pod.putArray("volumes");
        volumes.addObject().put("name", "config").putObject("configMap").put("name", w.configMapName());
        ObjectNode ca = volumes.addObject().put("name", "kafka-ca").putObject("secret");
        ca.put("secretName", CA_SECRET);
        ca.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
        volumes.addObject().put("name", "tmp").putObject("emptyDir").put("sizeLimit", "256Mi");
        w.podExtras().accept(pod);
        if (w.statefulSet()) {
            ObjectNode claim = spec.putArray("volumeClaimTemplates").addObject();
            claim.putObject("metadata").put("name", "state");
            ObjectNode cs = claim.putObject("spec");
            cs.putArray("accessModes").add("ReadWriteOnce");
            cs.putObject("resources").putObject("requests").put("storage", "1Gi");
        }
        return o;
    }

    private static void mount(ArrayNode mounts, String name, String path) {
        mounts.addObject().put("name", name).put("mountPath", path).put("readOnly", true);
    }

    private static ObjectNode probe(String path, int period, int failures) {
        ObjectNode p = Yaml.object();
        p.putObject("httpGet").put("path", path).put("port", "http");
        p.put("periodSeconds", period);
        p.put("failureThreshold", failures);
        return p;
    }

    private static ObjectNode container(ObjectNode pod) {
        return (ObjectNode) ((ArrayNode) pod.get("containers")).get(0);
    }

    private static ArrayNode array(ObjectNode o, String field) {
        return (ArrayNode) o.get(field);
    }

    private static void env(ObjectNode pod, String name, String value) {
        array(container(pod), "env").addObject().put("name", name).put("value", value);
    }

    /** The services that read benchmark tables find them in the image (nothing is downloaded at run time). */
    private static void dataDir(ObjectNode pod) {
        env(pod, "LOSSFORGE_DATA", "/deployments/data");
    }

    /**
     * The generator's REST writes need its API key (lossforge.auth.mode=api-key, the default), from the Secret
     * {@value #API_KEY_SECRET} (key {@code api-key}). Optional: without the Secret the pod starts and refuses every
     * write (401), as does a cluster that authenticates with OIDC instead (k8s/README.md "REST authentication").
     */
    private static void generatorPod(ObjectNode pod) {
        dataDir(pod);
        ObjectNode ref = array(container(pod), "env").addObject().put("name", "LOSSFORGE_API_KEY")
                .putObject("valueFrom").putObject("secretKeyRef");
        ref.put("name", API_KEY_SECRET);
        ref.put("key", "api-key");
        ref.put("optional", true);
    }

    private static void trainerPod(ObjectNode pod) {
        dataDir(pod);
        // libtorch is unpacked from the pytorch-native jar on the classpath into this writable cache (offline)
        env(pod, "DJL_CACHE_DIR", DJL_CACHE_DIR);
        array(container(pod), "volumeMounts").addObject().put("name", "djl-cache").put("mountPath", DJL_CACHE_DIR);
        array(pod, "volumes").addObject().put("name", "djl-cache").putObject("emptyDir").put("sizeLimit", "2Gi");
        // a job being trained is not acknowledged: give it time to finish before the pod stops (else it is retrained)
        pod.put("terminationGracePeriodSeconds", 120);
    }

    private static void rankerPod(ObjectNode pod) {
        ArrayNode env = array(container(pod), "env");
        env.addObject().put("name", "POD_NAME").putObject("valueFrom").putObject("fieldRef").put("fieldPath", "metadata.name");
        env.addObject().put("name", "POD_NAMESPACE").putObject("valueFrom").putObject("fieldRef")
                .put("fieldPath", "metadata.namespace");
        env.addObject().put("name", "LOSSFORGE_RANKER_ADVERTISED")
                .put("value", "$(POD_NAME).lossforge-ranker-headless.$(POD_NAMESPACE).svc:8080");
        array(container(pod), "volumeMounts").addObject().put("name", "state").put("mountPath", RANKER_STATE_DIR);
    }
}
