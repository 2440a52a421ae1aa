package org.lossforge.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;

/**
 * One Strimzi {@code KafkaUser} (SCRAM-SHA-512, {@code simple} authorization) per Kafka principal, with exactly the
 * ACLs its configuration needs ({@link KafkaAccess}): the four services (their application.properties), the schema
 * registry (k8s/base/registry/application.properties), people's clients ({@code lossforge-client}: what
 * {@link Topics#ALL} says clients produce and dashboards and operators read), and, in the gpu overlay, KEDA's lag
 * reader. Strimzi writes each user's password and JAAS line into a Secret of the same name; nothing secret is in the
 * repository.
 */
public final class UserManifests {

    public static final String CLIENT = "lossforge-client", KEDA = "lossforge-keda";

    private UserManifests() {
    }

    /** The principals of k8s/base, from the repository's configuration. */
    public static List<KafkaAccess> base(Path repo) {
        List<KafkaAccess> all = new ArrayList<>();
        for (ServiceManifests.Workload w : ServiceManifests.services()) {
            all.add(KafkaAccess.ofService(w.resourceName(), serviceProperties(repo, w.name())));
        }
        all.add(KafkaAccess.ofRegistry(ServiceManifests.registry().resourceName(),
                KafkaAccess.load(repo.resolve("k8s/base/registry/application.properties"))));
        all.add(client());
        return all;
    }

    public static Path serviceProperties(Path repo, String service) {
        return repo.resolve("services").resolve(service).resolve("src/main/resources/application.properties");
    }

    /**
     * People's clients ({@code ./lossforge inject}, dashboards, an operator reading dead letters): write the topics
     * whose producers include {@value Topics#CLIENTS}, read those whose consumers include
     * {@value Topics#DASHBOARDS} or {@value Topics#OPERATORS}, with consumer groups named {@code lossforge-client-*}.
     */
    public static KafkaAccess client() {
        SortedSet<String> writes = new TreeSet<>(), reads = new TreeSet<>();
        for (TopicSpec t : Topics.ALL) {
            if (t.producer().contains(Topics.CLIENTS)) {
                writes.add(t.name());
            }
            if (t.consumers().stream().anyMatch(c -> c.startsWith(Topics.DASHBOARDS) || c.startsWith(Topics.OPERATORS))) {
                reads.add(t.name());
            }
        }
        return KafkaAccess.client(CLIENT, reads, writes, CLIENT + "-");
    }

    /** KEDA's Kafka scaler reads the lag of the trainer's consumer groups: it describes them and their topics. */
    public static KafkaAccess keda(KafkaAccess trainer) {
        return KafkaAccess.lagReader(KEDA, trainer.groupTopics());
    }

    public static ObjectNode user(KafkaAccess a) {
        ObjectNode cr = Yaml.object();
        cr.put("apiVersion", "kafka.strimzi.io/v1beta2");
        cr.put("kind", "KafkaUser");
        ObjectNode meta = cr.putObject("metadata");
        meta.put("name", a.principal());
        meta.putObject("labels").put("strimzi.io/cluster", TopicManifests.CLUSTER);
        ObjectNode spec = cr.putObject("spec");
        spec.putObject("authentication").put("type", "scram-sha-512");
        ObjectNode authz = spec.putObject("authorization");
        authz.put("type", "simple");
        ArrayNode acls = authz.putArray("acls");
        for (KafkaAccess.Acl acl : a.acls()) {
            ObjectNode rule = acls.addObject();
            ObjectNode res = rule.putObject("resource");
            res.put("type", acl.type());
            res.put("name", acl.name());
            res.put("patternType", acl.patternType());
            ArrayNode ops = rule.putArray("operations");
            acl.operations().forEach(ops::add);
            rule.put("host", "*");
        }
        return cr;
    }

    /** The file {@code k8s/base/kafka/users.yaml}. */
    public static String file(Path repo) {
        return Generated.header("one KafkaUser per Kafka principal with the ACLs its configuration needs (the "
                        + "services' application.properties, k8s/base/registry/application.properties, Topics.ALL)",
                "org.lossforge.k8s.UserManifests") + Yaml.write(base(repo).stream().map(UserManifests::user).toList());
    }

    /** The trainer's consumer groups and topics (what KEDA watches). */
    public static SortedMap<String, SortedSet<String>> trainerGroups(Path repo) {
        return new TreeMap<>(KafkaAccess.ofService("lossforge-predictor-trainer",
                serviceProperties(repo, "predictor-trainer")).groupTopics());
    }
}
