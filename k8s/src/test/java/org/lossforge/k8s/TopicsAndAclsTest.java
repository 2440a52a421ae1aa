package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;

/**
 * The Kafka side of the deployment is the platform's configuration, not a copy of it: the rendered KafkaTopics equal
 * {@link Topics#ALL}, and every KafkaUser's ACLs are exactly what its service's configuration consumes and produces.
 */
class TopicsAndAclsTest {

    static final Map<String, String> SERVICE_OF_USER = Map.of(
            "lossforge-candidate-generator", Topics.CANDIDATE_GENERATOR, "lossforge-predictor-trainer", Topics.TRAINER,
            "lossforge-evaluator", Topics.EVALUATOR, "lossforge-ranker", Topics.RANKER);

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/gpu"})
    void theRenderedPlatformTopicsAreTopicsAll(String dir) {
        Map<String, JsonNode> rendered = new TreeMap<>();
        Set<String> registryTopics = new TreeSet<>();
        for (ObjectNode t : Rendered.kind(Rendered.of(dir), "KafkaTopic")) {
            String component = t.path("metadata").path("labels").path(TopicManifests.COMPONENT_LABEL).asText();
            if (component.equals(TopicManifests.COMPONENT)) {
                rendered.put(Rendered.name(t), t.get("spec"));
            } else {
                assertEquals("schema-registry", component, Rendered.name(t));
                registryTopics.add(Rendered.name(t));
            }
        }
        assertEquals(Set.of("kafkasql-journal", "kafkasql-snapshots"), registryTopics);
        assertEquals(Topics.ALL.stream().map(TopicSpec::name).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                rendered.keySet());
        int replicas = dir.equals("overlays/dev") ? 1 : TopicManifests.REPLICAS;
        for (TopicSpec t : Topics.ALL) {
            JsonNode spec = rendered.get(t.name());
            assertEquals(t.partitions(), spec.path("partitions").asInt(), t.name());
            assertEquals(replicas, spec.path("replicas").asInt(), t.name());
            Map<String, String> config = new LinkedHashMap<>();
            spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            assertEquals(t.configs(), config, t.name());
            // the topic operator would otherwise name the topic differently from the CR
            assertTrue(!spec.has("topicName") || spec.get("topicName").asText().equals(t.name()), t.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/gpu"})
    void everyKafkaUsersAclsAreExactlyWhatItsConfigurationNeeds(String dir) {
        Map<String, KafkaAccess> expected = new TreeMap<>();
        UserManifests.base(Rendered.REPO).forEach(a -> expected.put(a.principal(), a));
        if (dir.equals("overlays/gpu")) {
            KafkaAccess trainer = expected.get("lossforge-predictor-trainer");
            expected.put(UserManifests.KEDA, UserManifests.keda(trainer));
        }
        Map<String, List<AclBinding>> rendered = new TreeMap<>();
        for (ObjectNode u : Rendered.kind(Rendered.of(dir), "KafkaUser")) {
            assertEquals("scram-sha-512", u.path("spec").path("authentication").path("type").asText(), Rendered.name(u));
            assertEquals("simple", u.path("spec").path("authorization").path("type").asText(), Rendered.name(u));
            rendered.put(Rendered.name(u), StrimziAcls.of(u));
        }
        assertEquals(expected.keySet(), rendered.keySet());
        // the bindings Strimzi's User Operator would create, rule by rule and in order
        expected.forEach((user, access) -> assertEquals(StrimziAcls.of(UserManifests.user(access)), rendered.get(user),
                user));
    }

    /** The configuration says the same as the contract table (Topics.ALL's producer and consumer columns). */
    @Test
    void whatEachServiceReadsAndWritesIsWhatTopicsAllSaysItConsumesAndProduces() {
        for (KafkaAccess a : UserManifests.base(Rendered.REPO)) {
            String service = SERVICE_OF_USER.get(a.principal());
            if (service == null) {
                continue;
            }
            SortedSet<String> produces = new TreeSet<>(), consumes = new TreeSet<>();
            for (TopicSpec t : Topics.ALL) {
                if (t.producer().contains(service) || t.producer().equals(Topics.EVERY_SERVICE)) {
                    produces.add(t.name());
                }
                if (t.consumers().stream().anyMatch(c -> c.startsWith(service))) {
                    consumes.add(t.name());
                }
            }
            assertEquals(produces, a.writes(), a.principal() + " writes");
            assertEquals(consumes, a.reads(), a.principal() + " reads");
        }
    }

    @Test
    void theEvaluatorsAclsByHand() {
        KafkaAccess e = KafkaAccess.ofService("lossforge-evaluator",
                UserManifests.serviceProperties(Rendered.REPO, "evaluator"));
        List<String> rules = e.acls().stream()
                .map(a -> a.type() + " " + a.patternType() + " " + a.name() + " " + a.operations()).toList();
        assertEquals(List.of(
                "group literal lossforge-evaluator [Read]",
                "topic literal lossforge.arch-queries.v1 [Describe, Read]",
                "topic literal lossforge.arch-results.v1 [Describe, Write]",
                "topic literal lossforge.dead-letters.v1 [Describe, Write]",
                "topic literal lossforge.evaluations.v1 [Describe, Write]",
                "topic literal lossforge.prediction-sets.v1 [Describe, Read]"), rules);
    }

    @Test
    void theRankersStreamsAclsCoverItsGroupInternalTopicsAndTransactions() {
        KafkaAccess r = KafkaAccess.ofService("lossforge-ranker", UserManifests.serviceProperties(Rendered.REPO, "ranker"));
        List<String> rules = r.acls().stream()
                .map(a -> a.type() + " " + a.patternType() + " " + a.name() + " " + a.operations()).toList();
        assertEquals(List.of(
                "group literal lossforge-ranker [Read]",
                "topic literal lossforge.dead-letters.v1 [Describe, Read, Write]",
                "topic literal lossforge.evaluations.v1 [Describe, Read]",
                "topic literal lossforge.leaderboard.v1 [Describe, Read, Write]",
                "topic literal lossforge.studies.v1 [Describe, Read]",
                "topic prefix lossforge-ranker- [Create, Delete, Describe, DescribeConfigs, Read, Write]",
                "transactionalId prefix lossforge-ranker- [Describe, Write]"), rules);
    }

    @Test
    void aNewChannelWithoutItsAclWouldFailTheComparison() {
        Properties p = KafkaAccess.load(UserManifests.serviceProperties(Rendered.REPO, "evaluator"));
        p.setProperty("mp.messaging.incoming.extra-in.connector", "smallrye-kafka");
        p.setProperty("mp.messaging.incoming.extra-in.topic", Topics.SEARCHES);
        KafkaAccess changed = KafkaAccess.ofService("lossforge-evaluator", p);
        ObjectNode user = Rendered.one(Rendered.of("overlays/dev"), "KafkaUser", "lossforge-evaluator");
        assertTrue(!StrimziAcls.of(UserManifests.user(changed)).equals(StrimziAcls.of(user)));
        assertTrue(changed.reads().contains(Topics.SEARCHES));
        // no group.id: the application's name is the group (SmallRye's default in Quarkus)
        assertTrue(changed.groups().contains("lossforge-evaluator"));
    }

    @Test
    void aGroupUniqueToEachStartIsAPrefixAndAnExpressionElsewhereIsRefused() {
        Properties p = new Properties();
        p.setProperty("quarkus.application.name", "app");
        p.setProperty("mp.messaging.incoming.c.connector", "smallrye-kafka");
        p.setProperty("mp.messaging.incoming.c.topic", "t");
        p.setProperty("mp.messaging.incoming.c.group.id", "app-state-${quarkus.uuid}");
        KafkaAccess a = KafkaAccess.ofService("u", p);
        assertEquals(Set.of("app-state-"), a.groupPrefixes());
        assertEquals(Set.of(), a.groups());
        p.setProperty("mp.messaging.incoming.c.topic", "${some.topic}");
        assertThrows(IllegalArgumentException.class, () -> KafkaAccess.ofService("u", p));
    }

    @Test
    void theClientUserWritesWhatClientsProduceAndReadsWhatDashboardsAndOperatorsRead() {
        KafkaAccess c = UserManifests.client();
        assertEquals(Set.of(Topics.STUDIES, Topics.LOSS_CANDIDATES, Topics.SEARCHES, Topics.NLFS_RUNS), c.writes());
        assertTrue(c.reads().containsAll(Set.of(Topics.LEADERBOARD, Topics.DEAD_LETTERS)), c.reads().toString());
        assertEquals(Set.of("lossforge-client-"), c.groupPrefixes());
    }
}
