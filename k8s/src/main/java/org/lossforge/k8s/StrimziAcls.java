package org.lossforge.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs a Strimzi User Operator creates for a {@code KafkaUser} with {@code simple} authorization: one
 * {@link AclBinding} per rule and operation, for the principal {@code User:<metadata.name>} (a SCRAM user's name is
 * its resource's name). Mapped as the operator maps a rule (its {@code SimpleAclRule} and
 * {@code SimpleAclRuleResource}), with the defaults of Strimzi's {@code AclRule} model (type {@code allow}, host
 * {@code *}; {@code StrimziAclsTest} checks them against the model class): {@code topic}, {@code group},
 * {@code transactionalId} keep their name and turn {@code patternType: prefix} into {@link PatternType#PREFIXED}
 * (default {@code literal}); {@code cluster} is the literal {@code kafka-cluster}; {@code operations} (or the
 * deprecated single {@code operation}) one binding each.
 *
 * <p>Reads the rendered tree itself rather than binding it to Strimzi's model, so a user of this class (services/e2e
 * SecuredPlatformTest, which gives a local broker exactly the ACLs a cluster would have) needs only Jackson and
 * kafka-clients on its classpath.
 */
public final class StrimziAcls {

    private StrimziAcls() {
    }

    /** {@code User:<metadata.name>}. */
    public static String principal(JsonNode kafkaUser) {
        String name = kafkaUser.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a KafkaUser without metadata.name");
        }
        return "User:" + name;
    }

    /** Strimzi's operation names (the CRD's enum) and Kafka's operations. */
    private static final Map<String, AclOperation> OPERATIONS = Map.ofEntries(
            Map.entry("Read", AclOperation.READ), Map.entry("Write", AclOperation.WRITE),
            Map.entry("Create", AclOperation.CREATE), Map.entry("Delete", AclOperation.DELETE),
            Map.entry("Alter", AclOperation.ALTER), Map.entry("Describe", AclOperation.DESCRIBE),
            Map.entry("ClusterAction", AclOperation.CLUSTER_ACTION), Map.entry("AlterConfigs", AclOperation.ALTER_CONFIGS),
            Map.entry("DescribeConfigs", AclOperation.DESCRIBE_CONFIGS),
            Map.entry("IdempotentWrite", AclOperation.IDEMPOTENT_WRITE), Map.entry("All", AclOperation.ALL));

    /** The bindings of a rendered {@code KafkaUser}; empty when it has no {@code authorization}. */
    public static List<AclBinding> of(JsonNode kafkaUser) {
        if (!"KafkaUser".equals(kafkaUser.path("kind").asText())) {
            throw new IllegalArgumentException("not a KafkaUser: " + kafkaUser.path("kind").asText());
        }
        String principal = principal(kafkaUser);
        JsonNode authz = kafkaUser.path("spec").path("authorization");
        if (authz.isMissingNode() || authz.isNull()) {
            return List.of();
        }
        if (!"simple".equals(authz.path("type").asText())) {
            throw new IllegalArgumentException(principal + ": authorization type '" + authz.path("type").asText()
                    + "' (only simple has ACLs)");
        }
        List<AclBinding> out = new ArrayList<>();
        for (JsonNode rule : authz.path("acls")) {
            ResourcePattern pattern = pattern(rule.path("resource"), principal);
            List<String> ops = new ArrayList<>();
            rule.path("operations").forEach(o -> ops.add(o.asText()));
            boolean single = rule.hasNonNull("operation");
            if (rule.has("operations") && single) {
                throw new IllegalArgumentException(principal + ": both operations and operation in one rule on " + pattern);
            }
            if (single) {
                ops.add(rule.get("operation").asText());
            }
            if (ops.isEmpty()) {
                throw new IllegalArgumentException(principal + ": a rule without operations on " + pattern);
            }
            String type = rule.path("type").asText("allow");
            AclPermissionType permission = switch (type) {
                case "allow" -> AclPermissionType.ALLOW;
                case "deny" -> AclPermissionType.DENY;
                default -> throw new IllegalArgumentException(principal + ": ACL rule type '" + type + "'");
            };
            String host = rule.path("host").asText("*");
            for (String op : ops) {
                AclOperation operation = OPERATIONS.get(op);
                if (operation == null) {
                    throw new IllegalArgumentException(principal + ": unknown operation '" + op + "' (known: "
                            + new java.util.TreeSet<>(OPERATIONS.keySet()) + ")");
                }
                out.add(new AclBinding(pattern, new AccessControlEntry(principal, host, operation, permission)));
            }
        }
        return out;
    }

    private static ResourcePattern pattern(JsonNode r, String principal) {
        String type = r.path("type").asText();
        if (type.equals("cluster")) {
            return new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
        }
        ResourceType kafkaType = switch (type) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw new IllegalArgumentException(principal + ": unknown ACL resource type '" + type + "'");
        };
        String name = r.path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(principal + ": a " + type + " ACL resource without a name");
        }
        String patternType = r.path("patternType").asText("literal");
        PatternType kafkaPattern = switch (patternType) {
            case "literal" -> PatternType.LITERAL;
            case "prefix" -> PatternType.PREFIXED;
            default -> throw new IllegalArgumentException(principal + ": unknown patternType '" + patternType + "'");
        };
        return new ResourcePattern(kafkaType, name, kafkaPattern);
    }
}
