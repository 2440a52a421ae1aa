package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lossforge.k8s.Kustomize;
import org.lossforge.k8s.StrimziAcls;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.LocalRegistry;
import org.lossforge.testkit.RepoRoot;
import org.lossforge.testkit.SecureKafka;
import org.lossforge.testkit.TestCa;
import org.lossforge.testkit.TopicReader;

/**
 * Who may publish a candidate, over TLS, with exactly the deployment's ACLs and no service running: one
 * {@link SecureKafka#startTls()} broker for the class (SASL_SSL listener with a test CA, SCRAM-SHA-512,
 * StandardAuthorizer without allow-everyone), every topic of {@link Topics#ALL}, and the users of k8s/overlays/dev's
 * KafkaUsers {@code lossforge-client} and {@code lossforge-predictor-trainer} with the ACLs Strimzi's User Operator
 * would make of them ({@link StrimziAcls}), plus one user made here that may only read candidates
 * ({@value #READER}: READ and DESCRIBE on the topic, READ on its own group prefix).
 *
 * <p>Checked: without SASL, with a wrong password, or without trusting the test CA, nothing reaches
 * {@code lossforge.loss-candidates.v1} (its end offsets do not move); the reader reads a candidate the client
 * published but cannot publish one; the trainer writes evaluations (its ACLs grant it) but neither leaderboard
 * entries nor candidates. The checks take about 15 s; starting the broker and the registry (side by side) and making
 * the users and ACLs took 70 s here with other builds on the 2 cores (the class: 96 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAclsTest {

    private static final String CLIENT = "lossforge-client";
    private static final String TRAINER = "lossforge-predictor-trainer";
    private static final String READER = "candidate-reader";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SecureKafka kafka;
    private LocalRegistry registry;
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, List<AclBinding>> rendered = new HashMap<>();

    @BeforeAll
    void start() {
        long t0 = System.nanoTime();
        CompletableFuture<LocalRegistry> reg = CompletableFuture.supplyAsync(LocalRegistry::start);
        try {
            kafka = SecureKafka.startTls();
        } finally {
            registry = reg.join();
        }
        System.out.printf("KafkaAclsTest: broker (TLS) after %d ms, registry after %d ms, both after %.1f s%n",
                kafka.startupTime().toMillis(), registry.startupTime().toMillis(), (System.nanoTime() - t0) / 1e9);
        kafka.createTopics(Topics.ALL.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs())).toList());
        List<ObjectNode> objects = Kustomize.build(RepoRoot.find().resolve("k8s/overlays/dev"));
        for (String user : List.of(CLIENT, TRAINER)) {
            List<ObjectNode> found = objects.stream().filter(o -> "KafkaUser".equals(o.path("kind").asText())
                    && user.equals(o.path("metadata").path("name").asText())).toList();
            assertEquals(1, found.size(), "KafkaUser " + user + " in k8s/overlays/dev");
            JsonNode kafkaUser = found.get(0);
            assertEquals("scram-sha-512", kafkaUser.path("spec").path("authentication").path("type").asText(), user);
            passwords.put(user, kafka.createUser(user));
            rendered.put(user, StrimziAcls.of(kafkaUser));
            kafka.createAcls(rendered.get(user));
        }
        passwords.put(READER, kafka.createUser(READER));
        kafka.createAcls(List.of(
                allow(READER, ResourceType.TOPIC, Topics.LOSS_CANDIDATES, PatternType.LITERAL, AclOperation.READ),
                allow(READER, ResourceType.TOPIC, Topics.LOSS_CANDIDATES, PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(READER, ResourceType.GROUP, READER + "-", PatternType.PREFIXED, AclOperation.READ)));
        System.out.printf("KafkaAclsTest: users and ACLs after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The ACLs read from the KafkaUsers are what the checks below rely on (a changed KafkaUser shows here first). */
    @Test
    void theRenderedAclsGrantWhatTheChecksAssume() {
        assertEquals(SecurityProtocol.SASL_SSL, kafka.securityProtocol());
        assertEquals(Set.of(AclOperation.DESCRIBE, AclOperation.WRITE), operations(CLIENT, Topics.LOSS_CANDIDATES));
        assertEquals(Set.of(AclOperation.DESCRIBE, AclOperation.WRITE), operations(TRAINER, Topics.EVALUATIONS));
        assertEquals(Set.of(), operations(TRAINER, Topics.LEADERBOARD));
        assertEquals(Set.of(), operations(TRAINER, Topics.LOSS_CANDIDATES));
        for (AclBinding b : rendered.get(TRAINER)) {
            assertEquals(AclPermissionType.ALLOW, b.entry().permissionType(), b.toString());
            assertEquals("User:" + TRAINER, b.entry().principal(), b.toString());
        }
    }

    @Test
    void noCandidateGetsInWithoutSaslOrWithAWrongPassword() {
        Map<String, Long> before = endOffsets(Topics.LOSS_CANDIDATES);
        Map<String, Object> tlsOnly = new HashMap<>(kafka.clientProperties(CLIENT, passwords.get(CLIENT)));
        tlsOnly.put("security.protocol", SecurityProtocol.SSL.name);   // trusts the CA, but no SASL login at all
        tlsOnly.remove("sasl.mechanism");
        tlsOnly.remove("sasl.jaas.config");
        Throwable noSasl = publishFailure(tlsOnly, candidate("no-sasl"));
        assertInstanceOf(TimeoutException.class, noSasl, "the SASL listener answers no request before a login: " + noSasl);

        Throwable wrong = publishFailure(kafka.clientProperties(CLIENT, passwords.get(CLIENT) + "x"), candidate("wrong-password"));
        assertInstanceOf(SaslAuthenticationException.class, wrong, wrong.toString());

        Throwable unknown = publishFailure(kafka.clientProperties("mallory", "guess"), candidate("unknown-user"));
        assertInstanceOf(SaslAuthenticationException.class, unknown, unknown.toString());
        assertEquals(before, endOffsets(Topics.LOSS_CANDIDATES), "nothing was written");
    }

    @Test
    void aClientThatDoesNotTrustTheTestCaFailsTheHandshake() throws Exception {
        Map<String, Long> before = endOffsets(Topics.LOSS_CANDIDATES);
        Path other = Files.createTempDirectory("kafka-acls-other-ca-");
        try {
            TestCa stranger = TestCa.create(other);
            Map<String, Object> untrusting = new HashMap<>(kafka.clientProperties(CLIENT, passwords.get(CLIENT)));
            untrusting.put("ssl.truststore.location", stranger.truststore().toString());
            untrusting.put("ssl.truststore.password", stranger.password());
            Throwable e = publishFailure(untrusting, candidate("untrusting"));
            assertInstanceOf(SslAuthenticationException.class, e, e.toString());

            Map<String, Object> jdkDefaults = new HashMap<>(kafka.clientProperties(CLIENT, passwords.get(CLIENT)));
            jdkDefaults.keySet().removeIf(k -> k.startsWith("ssl.truststore."));   // the JDK's public CAs only
            Throwable d = publishFailure(jdkDefaults, candidate("jdk-cas"));
            assertInstanceOf(SslAuthenticationException.class, d, d.toString());
        } finally {
            try (var paths = Files.walk(other)) {
                paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        assertEquals(before, endOffsets(Topics.LOSS_CANDIDATES), "nothing was written");
    }

    @Test
    void aReadOnlyClientReadsCandidatesButCannotInjectOne() throws Exception {
        LossCandidate published = candidate("client-published");
        RecordMetadata m = publish(kafka.clientProperties(CLIENT, passwords.get(CLIENT)), published);   // over TLS, as the client

        Map<String, Object> reader = kafka.clientProperties(READER, passwords.get(READER));
        Map<String, Long> before = endOffsets(Topics.LOSS_CANDIDATES);
        // an idempotent producer (Kafka's default, and `lossforge inject`'s) first asks for a producer id, which needs
        // WRITE on some topic (or IDEMPOTENT_WRITE on the cluster): a read-only user is refused there already
        Throwable idempotent = publishFailure(reader, candidate("reader-injected"));
        assertInstanceOf(ClusterAuthorizationException.class, idempotent, idempotent.toString());
        // without idempotence the produce request itself reaches the topic's ACL check
        Map<String, Object> plainProducer = new HashMap<>(reader);
        plainProducer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        Throwable e = publishFailure(plainProducer, candidate("reader-injected"));
        assertInstanceOf(TopicAuthorizationException.class, e, e.toString());
        assertEquals(Set.of(Topics.LOSS_CANDIDATES), ((TopicAuthorizationException) e).unauthorizedTopics());
        assertEquals(before, endOffsets(Topics.LOSS_CANDIDATES), "nothing was written");

        try (TopicReader<LossCandidate> r = new TopicReader<>(reader, READER + "-", Topics.LOSS_CANDIDATES,
                new AvroDeserializer<>(LossCandidate.class, new SchemaRegistryClient(registry.url())))) {
            var read = r.await(x -> x.value().getCandidateId().equals("client-published"), WAIT);
            assertEquals(published, read.value());
            assertEquals(m.offset(), read.offset());
            assertEquals(m.partition(), read.partition());
        }
    }

    @Test
    void theTrainersUserWritesEvaluationsButNotLeaderboardsOrCandidates() throws Exception {
        Map<String, Object> trainer = kafka.clientProperties(TRAINER, passwords.get(TRAINER));
        Properties p = producerProps(trainer);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            // granted: the evaluations topic takes the write (a string, not an Evaluation: nobody consumes it here)
            RecordMetadata ok = producer.send(new ProducerRecord<>(Topics.EVALUATIONS, "k", "v")).get(30, TimeUnit.SECONDS);
            assertEquals(Topics.EVALUATIONS, ok.topic());
            for (String topic : List.of(Topics.LEADERBOARD, Topics.LOSS_CANDIDATES)) {
                Map<String, Long> before = endOffsets(topic);
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS));
                assertInstanceOf(TopicAuthorizationException.class, e.getCause(), topic + ": " + e);
                assertEquals(before, endOffsets(topic), topic + ": nothing was written");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Set<AclOperation> operations(String user, String topic) {
        return rendered.get(user).stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC && b.pattern().name().equals(topic))
                .map(b -> b.entry().operation()).collect(Collectors.toSet());
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private static LossCandidate candidate(String id) {
        return LossCandidate.newBuilder().setCandidateId(id).setStudyId("acl-study").setKind(LossKind.NAMED)
                .setSpec("listmle").setDisplayName(null).setSubmittedBy("KafkaAclsTest")
                .setSubmittedAt(Instant.ofEpochMilli(1_765_000_000_000L)).build();
    }

    private static Properties producerProps(Map<String, Object> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "8000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }

    private RecordMetadata publish(Map<String, Object> settings, LossCandidate c) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerProps(settings),
                new StringSerializer(), new AvroSerializer<>(new SchemaRegistryClient(registry.url()), true))) {
            return producer.send(new ProducerRecord<>(Topics.LOSS_CANDIDATES, c.getStudyId(), c)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Publishes a candidate as a client would; returns why it failed (fails the test if it was written). */
    private Throwable publishFailure(Map<String, Object> settings, LossCandidate c) {
        try {
            RecordMetadata m = publish(settings, c);
            throw new AssertionError("published at " + m + " with " + settings.get("security.protocol"));
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {   // send() itself may throw what it met while waiting for metadata
            return e;
        }
    }

    /** The topic's end offset per partition, read by the super user. */
    private Map<String, Long> endOffsets(String topic) {
        int partitions = Topics.ALL.stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow().partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            request.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        try (Admin admin = kafka.admin()) {
            Map<String, Long> out = new java.util.TreeMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp.toString(), info.offset()));
            assertFalse(out.isEmpty());
            assertTrue(out.size() == partitions, out.toString());
            return out;
        } catch (Exception e) {
            throw new AssertionError("end offsets of " + topic + ": " + e, e);
        }
    }
}
