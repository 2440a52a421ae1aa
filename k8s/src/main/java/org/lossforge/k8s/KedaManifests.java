package org.lossforge.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lossforge.schemas.Topics;

/**
 * The gpu overlay's autoscaling: a KEDA {@code ScaledObject} that scales the predictor-trainer Deployment on the lag
 * of its consumer groups (one {@code kafka} trigger per group the trainer's configuration consumes with: training
 * jobs, surrogate jobs, search requests), with KEDA's own {@code KafkaUser} (describe those groups and topics, nothing
 * else) and the {@code TriggerAuthentication} that hands it SCRAM over TLS. Replicas never exceed the partitions of
 * {@link Topics#TRAINING_JOBS}: more trainers than partitions would idle.
 *
 * <p>Why KEDA and not an HPA on an external metric: KEDA's Kafka scaler reads the group lag from the brokers
 * itself, so there is no metrics adapter and no exporter in the scaling path; it scales a GPU pool to zero when no
 * work is pending; and it caps each trigger at its topic's partition count.
 */
public final class KedaManifests {

    public static final String TRAINER = "lossforge-predictor-trainer";
    public static final String AUTH = "lossforge-keda-kafka";
    /** Pending jobs per trainer replica that KEDA aims at, per group (a fit takes seconds to minutes on a GPU). */
    static final Map<String, String> LAG_THRESHOLD = Map.of("lossforge-predictor-trainer", "4");

    private KedaManifests() {
    }

    public static int maxReplicas() {
        return Topics.spec(Topics.TRAINING_JOBS).orElseThrow().partitions();
    }

    public static List<ObjectNode> objects(Path repo) {
        SortedMap<String, SortedSet<String>> groups = UserManifests.trainerGroups(repo);
        List<ObjectNode> out = new ArrayList<>();
        out.add(UserManifests.user(KafkaAccess.lagReader(UserManifests.KEDA, groups)));
        out.add(configMap());
        out.add(triggerAuthentication());
        out.add(scaledObject(groups));
        return out;
    }

    static ObjectNode configMap() {
        ObjectNode cm = Yaml.object();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", AUTH);
        ObjectNode data = cm.putObject("data");
        data.put("username", UserManifests.KEDA);
        data.put("sasl", "scram_sha512");
        data.put("tls", "enable");
        return cm;
    }

    static ObjectNode triggerAuthentication() {
        ObjectNode ta = Yaml.object();
        ta.put("apiVersion", "keda.sh/v1alpha1");
        ta.put("kind", "TriggerAuthentication");
        ta.putObject("metadata").put("name", AUTH);
        ObjectNode spec = ta.putObject("spec");
        ArrayNode cms = spec.putArray("configMapTargetRef");
        for (String p : List.of("username", "sasl", "tls")) {
            cms.addObject().put("parameter", p).put("name", AUTH).put("key", p);
        }
        ArrayNode secrets = spec.putArray("secretTargetRef");
        // the password Strimzi generated for the lossforge-keda KafkaUser, and the cluster CA
        secrets.addObject().put("parameter", "password").put("name", UserManifests.KEDA).put("key", "password");
        secrets.addObject().put("parameter", "ca").put("name", ServiceManifests.CA_SECRET).put("key", "ca.crt");
        return ta;
    }

    static ObjectNode scaledObject(SortedMap<String, SortedSet<String>> groups) {
        ObjectNode so = Yaml.object();
        so.put("apiVersion", "keda.sh/v1alpha1");
        so.put("kind", "ScaledObject");
        so.putObject("metadata").put("name", TRAINER);
        ObjectNode spec = so.putObject("spec");
        ObjectNode target = spec.putObject("scaleTargetRef");
        target.put("apiVersion", "apps/v1");
        target.put("kind", "Deployment");
        target.put("name", TRAINER);
        // no GPU held while nothing is pending: any unacknowledged job, search or surrogate job is lag >= 1
        spec.put("minReplicaCount", 0);
        spec.put("maxReplicaCount", maxReplicas());
        spec.put("pollingInterval", 15);
        spec.put("cooldownPeriod", 300);
        ArrayNode triggers = spec.putArray("triggers");
        groups.forEach((group, topics) -> {
            for (String topic : topics) {
                ObjectNode t = triggers.addObject();
                t.put("type", "kafka");
                t.put("name", group);
                ObjectNode m = t.putObject("metadata");
                m.put("bootstrapServers", ServiceManifests.KAFKA_BOOTSTRAP);
                m.put("consumerGroup", group);
                m.put("topic", topic);
                m.put("lagThreshold", LAG_THRESHOLD.getOrDefault(group, "1"));
                m.put("activationLagThreshold", "0");
                m.put("offsetResetPolicy", "earliest");
                // never more replicas for a trigger than its topic has partitions
                m.put("allowIdleConsumers", "false");
                t.putObject("authenticationRef").put("name", AUTH);
            }
        });
        return so;
    }

    /** The file {@code k8s/overlays/gpu/keda.yaml}. */
    public static String file(Path repo) {
        return Generated.header("the gpu overlay's KEDA autoscaling of the trainer on the lag of the consumer groups in "
                        + "services/predictor-trainer/src/main/resources/application.properties",
                "org.lossforge.k8s.KedaManifests") + Yaml.write(objects(repo));
    }
}
