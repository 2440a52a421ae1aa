package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class StrimziAclsTest {

    @Test
    void everyRuleAndOperationOfEveryRenderedUserIsOneBindingOfItsPrincipal() {
        List<ObjectNode> users = Rendered.kind(Rendered.of("overlays/gpu"), "KafkaUser");
        assertTrue(users.size() >= 7, "services, registry, client, keda: " + users.size());
        // what the configuration asks for (UserManifests' principals), rule by rule
        java.util.Map<String, KafkaAccess> access = new java.util.TreeMap<>();
        UserManifests.base(Rendered.REPO).forEach(a -> access.put(a.principal(), a));
        access.put(UserManifests.KEDA, UserManifests.keda(access.get("lossforge-predictor-trainer")));
        assertEquals(access.keySet(), users.stream().map(Rendered::name).collect(java.util.stream.Collectors.toSet()));
        for (ObjectNode user : users) {
            String principal = "User:" + Rendered.name(user);
            Set<String> expected = new HashSet<>();
            for (KafkaAccess.Acl acl : access.get(Rendered.name(user)).acls()) {
                for (String op : acl.operations()) {
                    expected.add(acl.type() + "|" + acl.name() + "|" + acl.patternType() + "|" + op);
                }
            }
            List<AclBinding> bindings = StrimziAcls.of(user);
            Set<String> got = new HashSet<>();
            for (AclBinding b : bindings) {
                assertEquals(principal, b.entry().principal());
                assertEquals("*", b.entry().host());
                assertEquals(AclPermissionType.ALLOW, b.entry().permissionType());
                got.add(strimziType(b.pattern().resourceType()) + "|" + b.pattern().name() + "|"
                        + (b.pattern().patternType() == PatternType.PREFIXED ? "prefix" : "literal") + "|"
                        + strimziOperation(b.entry().operation()));
            }
            assertEquals(expected.size(), bindings.size(), "no duplicates for " + principal);
            assertEquals(expected, got, principal);
        }
    }

    @Test
    void theRankersTransactionalIdsAndInternalTopicsArePrefixBindings() {
        ObjectNode ranker = Rendered.one(Rendered.of("overlays/dev"), "KafkaUser", "lossforge-ranker");
        List<AclBinding> b = StrimziAcls.of(ranker);
        assertTrue(b.contains(binding("User:lossforge-ranker", ResourceType.TRANSACTIONAL_ID, "lossforge-ranker-",
                PatternType.PREFIXED, AclOperation.WRITE, AclPermissionType.ALLOW, "*")), b.toString());
        assertTrue(b.contains(binding("User:lossforge-ranker", ResourceType.TOPIC, "lossforge-ranker-",
                PatternType.PREFIXED, AclOperation.CREATE, AclPermissionType.ALLOW, "*")), b.toString());
    }

    @Test
    void strimzisDefaultsAndSpecialCasesApply() {
        JsonNode user = Yaml.readAll("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: alice, labels: {strimzi.io/cluster: c}}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: cluster}
                        operations: [IdempotentWrite, DescribeConfigs]
                      - resource: {type: topic, name: t}
                        operation: Read
                        type: deny
                        host: 10.0.0.1
                      - resource: {type: group, name: g-, patternType: prefix}
                        operations: [All]
                """, "test").get(0);
        assertEquals(Set.of(
                binding("User:alice", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                        AclOperation.IDEMPOTENT_WRITE, AclPermissionType.ALLOW, "*"),
                binding("User:alice", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                        AclOperation.DESCRIBE_CONFIGS, AclPermissionType.ALLOW, "*"),
                binding("User:alice", ResourceType.TOPIC, "t", PatternType.LITERAL, AclOperation.READ,
                        AclPermissionType.DENY, "10.0.0.1"),
                binding("User:alice", ResourceType.GROUP, "g-", PatternType.PREFIXED, AclOperation.ALL,
                        AclPermissionType.ALLOW, "*")), Set.copyOf(StrimziAcls.of(user)));
    }

    /**
     * The tree is read as Strimzi's own model reads it: every rendered user and the hand-written one above, bound to
     * {@code io.strimzi.api}'s {@link KafkaUser} and mapped from the model (its defaults for type, host and
     * patternType included), give the same bindings.
     */
    @Test
    void theTreeIsReadAsStrimzisModelReadsIt() throws Exception {
        List<JsonNode> users = new java.util.ArrayList<>(Rendered.kind(Rendered.of("overlays/gpu"), "KafkaUser"));
        users.add(Yaml.readAll("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: bob}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t}
                        operations: [Read, Describe, AlterConfigs, ClusterAction, Alter, Create, Delete]
                      - resource: {type: transactionalId, name: x}
                        operations: [Write]
                      - resource: {type: cluster}
                        operation: All
                        type: deny
                """, "test").get(0));
        for (JsonNode u : users) {
            KafkaUser model = Yaml.JSON.treeToValue(u, KafkaUser.class);
            Set<AclBinding> fromModel = new HashSet<>();
            String principal = "User:" + model.getMetadata().getName();
            for (AclRule rule : ((KafkaUserAuthorizationSimple) model.getSpec().getAuthorization()).getAcls()) {
                var r = rule.getResource();
                ResourcePattern pattern;
                if (r instanceof AclRuleTopicResource t) {
                    pattern = new ResourcePattern(ResourceType.TOPIC, t.getName(), pattern(t.getPatternType()));
                } else if (r instanceof AclRuleGroupResource g) {
                    pattern = new ResourcePattern(ResourceType.GROUP, g.getName(), pattern(g.getPatternType()));
                } else if (r instanceof AclRuleTransactionalIdResource x) {
                    pattern = new ResourcePattern(ResourceType.TRANSACTIONAL_ID, x.getName(), pattern(x.getPatternType()));
                } else {
                    assertTrue(r instanceof AclRuleClusterResource, r.toString());
                    pattern = new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
                }
                @SuppressWarnings("deprecation")
                List<io.strimzi.api.kafka.model.user.acl.AclOperation> ops = rule.getOperations() != null
                        ? rule.getOperations() : List.of(rule.getOperation());
                for (var op : ops) {
                    fromModel.add(new AclBinding(pattern, new AccessControlEntry(principal, rule.getHost(),
                            AclOperation.fromString(op.name().replace("CLUSTERACTION", "CLUSTER_ACTION")
                                    .replace("ALTERCONFIGS", "ALTER_CONFIGS").replace("DESCRIBECONFIGS", "DESCRIBE_CONFIGS")
                                    .replace("IDEMPOTENTWRITE", "IDEMPOTENT_WRITE")),
                            rule.getType() == AclRuleType.DENY ? AclPermissionType.DENY : AclPermissionType.ALLOW)));
                }
            }
            assertEquals(fromModel, Set.copyOf(StrimziAcls.of(u)), principal);
        }
    }

    private static PatternType pattern(AclResourcePatternType t) {
        return t == AclResourcePatternType.PREFIX ? PatternType.PREFIXED : PatternType.LITERAL;
    }

    @Test
    void refusesWhatIsNotASimpleKafkaUser() {
        JsonNode topic = Yaml.readAll("apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata: {name: t}\n", "t").get(0);
        assertThrows(IllegalArgumentException.class, () -> StrimziAcls.of(topic));
        JsonNode noName = Yaml.readAll("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {}
                spec: {authorization: {type: simple, acls: []}}
                """, "t").get(0);
        assertThrows(IllegalArgumentException.class, () -> StrimziAcls.of(noName));
        JsonNode both = Yaml.readAll("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: u}
                spec: {authorization: {type: simple, acls: [{resource: {type: topic, name: t}, operation: Read, operations: [Write]}]}}
                """, "t").get(0);
        assertThrows(IllegalArgumentException.class, () -> StrimziAcls.of(both));
        JsonNode unknownOp = Yaml.readAll("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: u}
                spec: {authorization: {type: simple, acls: [{resource: {type: topic, name: t}, operations: [Reed]}]}}
                """, "t").get(0);
        assertThrows(IllegalArgumentException.class, () -> StrimziAcls.of(unknownOp));
    }

    private static AclBinding binding(String principal, ResourceType type, String name, PatternType pattern,
                                      AclOperation op, AclPermissionType permission, String host) {
        return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, host, op, permission));
    }

    private static String strimziType(ResourceType t) {
        return switch (t) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
            case CLUSTER -> "cluster";
            default -> throw new AssertionError(t);
        };
    }

    /** DESCRIBE_CONFIGS → DescribeConfigs, as the generator writes operations. */
    private static String strimziOperation(AclOperation op) {
        StringBuilder sb = new StringBuilder();
        for (String part : op.name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
