package org.lossforge.k8s;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;

/**
 * One Strimzi {@code KafkaTopic} per entry of {@link Topics#ALL}: name, partitions, and the configs the platform
 * creates every topic with ({@link TopicSpec#configs()}: cleanup policy, retention, max message size). Replicas are a
 * deployment choice: 3 here, the dev overlay patches them to 1.
 */
public final class TopicManifests {

    /** The Strimzi cluster every CR belongs to (label {@code strimzi.io/cluster}). */
    public static final String CLUSTER = "lossforge";
    public static final int REPLICAS = 3;
    /** Label of the platform's own topics (the schema registry's storage topics carry another component). */
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component", COMPONENT = "platform-topics";

    private TopicManifests() {
    }

    public static List<ObjectNode> all() {
        return Topics.ALL.stream().map(TopicManifests::topic).toList();
    }

    public static ObjectNode topic(TopicSpec t) {
        ObjectNode cr = Yaml.object();
        cr.put("apiVersion", "kafka.strimzi.io/v1beta2");
        cr.put("kind", "KafkaTopic");
        ObjectNode meta = cr.putObject("metadata");
        meta.put("name", t.name());
        ObjectNode labels = meta.putObject("labels");
        labels.put("strimzi.io/cluster", CLUSTER);
        labels.put(COMPONENT_LABEL, COMPONENT);
        ObjectNode spec = cr.putObject("spec");
        spec.put("partitions", t.partitions());
        spec.put("replicas", REPLICAS);
        ObjectNode config = spec.putObject("config");
        t.configs().forEach(config::put);
        return cr;
    }

    /** The file {@code k8s/base/kafka/topics.yaml}. */
    public static String file() {
        return Generated.header("one KafkaTopic per entry of Topics.ALL (schemas/src/main/java/org/lossforge/schemas/Topics.java)",
                "org.lossforge.k8s.TopicManifests") + Yaml.write(all());
    }
}
