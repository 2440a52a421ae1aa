package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lossforge.k8s.Kustomize;
import org.lossforge.k8s.StrimziAcls;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.NlfsProgress;
import org.lossforge.schemas.SearchProgress;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.LocalRegistry;
import org.lossforge.testkit.RepoRoot;
import org.lossforge.testkit.SecureKafka;
import org.lossforge.testkit.TopicReader;

/**
 * The platform with the Kubernetes deployment's Kafka security, on this machine: does every service really work over
 * SCRAM-SHA-512 with exactly the ACLs that k8s/ generates for it, and nothing more?
 *
 * <p>A broker with TLS, authentication and authorization ({@link SecureKafka#startTls()}: a SASL_SSL listener whose
 * certificate a CA made at test time signed, SCRAM-SHA-512 users, KRaft's StandardAuthorizer, no allow-everyone), the
 * dev schema registry, every topic of {@link Topics#ALL}. k8s/overlays/dev
 * is rendered ({@link Kustomize}); for each of its KafkaUsers {@code lossforge-candidate-generator},
 * {@code -predictor-trainer}, {@code -evaluator}, {@code -ranker} and {@code -client} a SCRAM user is created with
 * exactly the ACLs Strimzi's User Operator would create from it ({@link StrimziAcls}). The four services start from
 * their quarkus-run.jar with the configuration of their rendered ConfigMap (its application.properties, as the pod
 * mounts it) and the environment of their rendered workload (the JAAS line of the Secret it names, which must be its
 * own user's), changed only where this machine is not the cluster: the bootstrap servers and the registry URL point
 * here, the PEM truststore is the test CA's certificate instead of the cluster CA's, the ranker's state directory and
 * advertised address are local ({@link #localConfig}); {@code SASL_SSL} stays. Then, through the platform: a study with a candidate injected
 * over REST and one published by a plain producer authenticated as {@code lossforge-client}; a NAS search (the
 * trainer's search controller and its plain clients, the evaluator's search channels); an NLFS run (the generator's
 * evolver and its plain clients, the trainer's surrogate jobs); a poison evaluation (the ranker's dead-letter
 * producer). Every one must finish with every trial on the ranker's leaderboard, no service may log an
 * authorization or authentication error, and the client's ACLs must really refuse what they do not grant.
 *
 * <p>What this does not check: the cluster CA's own certificates (Strimzi makes and rotates them; here one test CA
 * signs the listener's certificate for localhost/127.0.0.1), the real Strimzi
 * operator (its rendering of a KafkaUser into ACLs is mirrored by {@link StrimziAcls}, not run), and the registry's
 * own KafkaUser (the dev registry here keeps its data in memory, not on Kafka).
 *
 * <p>Sizes are small (4 study losses x 2 seeds at train size 12, a search of 20 queries, an NLFS run of 4 surrogate
 * trainings) so the class takes about two to three minutes on 2 cores, most of it starting the JVMs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredPlatformTest {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String CLIENT = "lossforge-client";
    private static final Map<String, String> USERS = new LinkedHashMap<>();

    static {
        for (String s : Platform.SERVICES) {
            USERS.put(s, "lossforge-" + s);
        }
    }

    /** Log lines of an authorization or authentication failure, in a client's or a service's words. */
    private static final Pattern AUTH_ERROR = Pattern.compile("AuthorizationException|not authorized|AUTHORIZATION_FAILED"
            + "|SaslAuthenticationException|Authentication failed|AuthenticationException", Pattern.CASE_INSENSITIVE);

    private static final String STUDY = "sec-study", SEARCH = "sec-search", NLFS = "sec-nlfs";
    private static final String SEARCH_RUN = SEARCH + "-cifar10-hr-0";

    private final long t0 = System.nanoTime();
    private SecureKafka kafka;
    private LocalRegistry registry;
    private Path work;
    private final Path logs = Path.of("target", "e2e-logs", "secured");
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** What each service was started with: its rendered properties, and the local settings given instead. */
    private final Map<String, Properties> rendered = new HashMap<>();
    private final Map<String, Map<String, String>> started = new HashMap<>();
    private String generator;
    private String ranker;
    /** The candidate-generator's API key, given to it as the Secret lossforge-api-key would on the cluster. */
    private final String apiKey = Rest.newApiKey();

    @BeforeAll
    void start() throws Exception {
        CompletableFuture<LocalRegistry> reg = CompletableFuture.supplyAsync(LocalRegistry::start);
        work = Files.createTempDirectory("lossforge-secured-e2e-");
        try {
            kafka = SecureKafka.startTls();
        } finally {
            registry = reg.join();
        }
        kafka.createTopics(Topics.ALL.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs())).toList());

        Path root = RepoRoot.find();
        List<ObjectNode> objects = Kustomize.build(root.resolve("k8s/overlays/dev"));
        List<String> principals = new ArrayList<>(USERS.values());
        principals.add(CLIENT);
        for (String user : principals) {
            JsonNode kafkaUser = one(objects, "KafkaUser", user);
            assertEquals("scram-sha-512", kafkaUser.path("spec").path("authentication").path("type").asText(), user);
            passwords.put(user, kafka.createUser(user));
            List<AclBinding> acls = StrimziAcls.of(kafkaUser);
            assertFalse(acls.isEmpty(), user);
            kafka.createAcls(acls);
        }
        Files.createDirectories(logs);
        for (String service : Platform.SERVICES) {
            Files.deleteIfExists(logs.resolve(service + ".log"));   // the logs are checked: this run's only
        }
        for (String service : Platform.SERVICES) {
            int port = Platform.freePort();
            String resource = USERS.get(service);
            JsonNode workload = workload(objects, resource);
            Properties props = configMapProperties(objects, workload);
            rendered.put(service, props);
            Map<String, String> sysProps = localConfig(service, props, port);
            started.put(service, sysProps);
            services.put(service, ServiceProcess.start(service,
                    root.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar"), port,
                    service.equals(Platform.TRAINER) ? "2g" : "768m", sysProps, env(workload, resource, port),
                    logs.resolve(service + ".log")));
        }
        for (ServiceProcess s : services.values()) {
            s.awaitReady(WAIT);
        }
        generator = services.get(Platform.GENERATOR).url();
        ranker = services.get(Platform.RANKER).url();
        System.out.printf("SecuredPlatformTest: platform ready after %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // the three workloads run side by side; each test below waits for its own
        Rest.Response study = Rest.postJson(generator + "/studies", "{\"studyId\":\"" + STUDY + "\",\"benchmark\":\"nb201\","
                + "\"datasets\":[\"cifar10\"],\"losses\":[\"mse\",\"hr\"],\"trainSizes\":[12],\"seeds\":2,\"baseSeed\":5,"
                + "\"params\":{\"epochs\":10},\"requestedBy\":\"secured e2e\"}", apiKey);
        assertEquals(202, study.status(), study.body());
        Rest.Response search = Rest.postJson(generator + "/searches", "{\"searchId\":\"" + SEARCH + "\",\"benchmark\":\"nb201\","
                + "\"datasets\":[\"cifar10\"],\"methods\":[\"hr\"],\"runs\":1,\"baseSeed\":3,\"settings\":{\"budget\":\"20\","
                + "\"initial\":\"10\",\"top_k\":\"10\",\"candidates\":\"20\",\"random_candidates\":\"5\",\"predictor.epochs\":\"10\"}}", apiKey);
        assertEquals(202, search.status(), search.body());
        assertTrue(search.body().contains(SEARCH_RUN), search.body());
        Rest.Response nlfs = Rest.postJson(generator + "/nlfs-runs", "{\"runId\":\"" + NLFS + "\",\"seed\":11,\"settings\":{"
                + "\"preset\":\"tiny\",\"train_images\":\"700\",\"epochs\":\"1\",\"steps_per_epoch\":\"3\",\"precheck_epochs\":\"0\","
                + "\"population\":\"2\",\"initial_pool\":\"2\",\"rescore\":\"false\",\"tournament\":\"2\",\"cycles\":\"2\"}}", apiKey);
        assertEquals(202, nlfs.status(), nlfs.body());
    }

    @AfterAll
    void stop() {
        services.values().parallelStream().forEach(ServiceProcess::stop);
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temporary directory
        }
        System.out.printf("SecuredPlatformTest: %.1f s in all%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The services run their deployed Kafka settings: SCRAM-SHA-512 with the JAAS line from the environment, for the
     * SmallRye channels and plain clients ({@code kafka.*}) and, in the ranker, Kafka Streams ({@code kafka-streams.*});
     * only the keys this machine must change were changed.
     */
    @Test
    @Order(1)
    void theServicesRunTheRenderedKafkaSecuritySettings() {
        for (String service : Platform.SERVICES) {
            Properties p = rendered.get(service);
            List<String> prefixes = service.equals(Platform.RANKER) ? List.of("kafka.", "kafka-streams.") : List.of("kafka.");
            for (String prefix : prefixes) {
                assertEquals("SASL_SSL", p.getProperty(prefix + "security.protocol"), service + " " + prefix);
                assertEquals("SCRAM-SHA-512", p.getProperty(prefix + "sasl.mechanism"), service + " " + prefix);
                assertEquals("${KAFKA_SASL_JAAS_CONFIG}", p.getProperty(prefix + "sasl.jaas.config"), service + " " + prefix);
                Map<String, String> s = started.get(service);
                assertEquals("SASL_SSL", s.get(prefix + "security.protocol"), service);
                assertEquals("PEM", s.get(prefix + "ssl.truststore.type"), service);
                assertEquals(kafka.ca().orElseThrow().caPem().toString(), s.get(prefix + "ssl.truststore.location"), service);
                assertEquals("SCRAM-SHA-512", s.get(prefix + "sasl.mechanism"), service);
                assertEquals("${KAFKA_SASL_JAAS_CONFIG}", s.get(prefix + "sasl.jaas.config"), service);
            }
            // every rendered key was given to the service, unchanged unless it is one of the local ones
            Map<String, String> s = started.get(service);
            Set<String> changed = new HashSet<>();
            for (String key : p.stringPropertyNames()) {
                if (!p.getProperty(key).equals(s.get(key))) {
                    changed.add(key);
                }
            }
            Set<String> expected = new HashSet<>(Set.of("kafka.bootstrap.servers", "lossforge.schema-registry.url",
                    "kafka.ssl.truststore.location"));
            if (service.equals(Platform.RANKER)) {
                expected.addAll(Set.of("kafka-streams.ssl.truststore.location", "kafka-streams.state.dir"));
            }
            assertEquals(expected, changed, service + ": the keys changed for this machine");
        }
    }

    @Test
    @Order(2)
    void aStudyWithCandidatesInjectedOverRestAndByAClientProducerIsRankedInFull() throws Exception {
        // the generator knows the study once its state consumer read it: until then the REST injection answers 404
        long deadline = System.nanoTime() + WAIT.toNanos();
        Rest.Response injected;
        do {
            injected = Rest.postJson(generator + "/studies/" + STUDY + "/candidates",
                    "{\"candidateId\":\"listmle-rest\",\"spec\":\"listmle\",\"displayName\":\"ListMLE over REST\"}", apiKey);
            if (injected.status() == 404) {
                ServiceProcess.sleep(500);
            }
        } while (injected.status() == 404 && System.nanoTime() < deadline);
        assertEquals(202, injected.status(), injected.body());

        Properties p = new Properties();
        p.putAll(kafka.clientProperties(CLIENT, passwords.get(CLIENT)));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        LossCandidate pw = LossCandidate.newBuilder().setCandidateId("pw-client").setStudyId(STUDY).setKind(LossKind.PIECEWISE)
                .setSpec("pw").setDisplayName("PW from a client").setSubmittedBy("secured e2e").setSubmittedAt(Instant.now()).build();
        try (KafkaProducer<String, SpecificRecord> client = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(registry.url()), true))) {
            client.send(new ProducerRecord<>(Topics.LOSS_CANDIDATES, STUDY, pw)).get(30, TimeUnit.SECONDS);
        }

        Map<String, Leaderboards.Row> rows = Leaderboards.await(ranker, STUDY, "kendallTauB", r -> List.of("mse", "hr",
                "listmle", "pw").stream().allMatch(l -> r.containsKey("12/" + l) && r.get("12/" + l).count()
                + r.get("12/" + l).failed() >= 2), WAIT);
        for (String loss : List.of("mse", "hr", "listmle", "pw")) {
            Leaderboards.Row row = rows.get("12/" + loss);
            assertEquals(2, row.count(), loss + ": " + rows);
            assertEquals(0, row.failed(), loss);
            assertNotNull(row.mean(), loss);
        }
        assertEquals(4, rows.size(), rows.toString());
        assertEquals("listmle-rest", rows.get("12/listmle").candidateId());
        assertEquals("pw-client", rows.get("12/pw").candidateId());
        System.out.printf("SecuredPlatformTest: study ranked after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The trainer's search controller (plain clients on search-state, arch-queries, arch-results) and the evaluator. */
    @Test
    @Order(3)
    void aSearchRunsToItsBudgetThroughTheControllersPlainClients() {
        SchemaRegistryClient reg = new SchemaRegistryClient(registry.url());
        try (TopicReader<SearchProgress> states = new TopicReader<>(kafka.clientProperties(CLIENT, passwords.get(CLIENT)),
                CLIENT + "-e2e-", Topics.SEARCH_STATE, new AvroDeserializer<>(SearchProgress.class, reg))) {
            SearchProgress last = states.await(r -> r.key().equals(SEARCH_RUN) && r.value().getDone(), WAIT).value();
            assertEquals(20, last.getQueried(), "exactly the budget");
        }
        Map<String, Leaderboards.Row> rows = Leaderboards.await(ranker, SEARCH, "bestTestError",
                r -> r.containsKey("10/hr") && r.containsKey("20/hr"), WAIT);
        for (String checkpoint : List.of("10/hr", "20/hr")) {
            assertEquals(1, rows.get(checkpoint).count(), checkpoint + ": " + rows);
            assertNotNull(rows.get(checkpoint).mean(), checkpoint);
        }
        System.out.printf("SecuredPlatformTest: search done after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The generator's evolver (plain clients on nlfs-state, evaluations, loss-candidates) and the surrogate trainer. */
    @Test
    @Order(4)
    void anNlfsRunEndsWithEveryCandidateRanked() {
        SchemaRegistryClient reg = new SchemaRegistryClient(registry.url());
        try (TopicReader<NlfsProgress> states = new TopicReader<>(kafka.clientProperties(CLIENT, passwords.get(CLIENT)),
                CLIENT + "-e2e-", Topics.NLFS_STATE, new AvroDeserializer<>(NlfsProgress.class, reg))) {
            NlfsProgress last = states.await(r -> r.key().equals(NLFS) && r.value().getDone(), WAIT).value();
            assertTrue(last.getStep() >= 2, "the initial pool at least: step " + last.getStep());
        }
        // the evaluations of the run, read as the super user (no client may read them)
        Set<String> trials = new HashSet<>();
        try (TopicReader<Evaluation> evaluations = new TopicReader<>(kafka.adminProperties(), "e2e-admin-",
                Topics.EVALUATIONS, new AvroDeserializer<>(Evaluation.class, reg))) {
            evaluations.pollFor(Duration.ofSeconds(3));
            evaluations.seen().stream().filter(r -> r.value().getStudyId().equals(NLFS))
                    .forEach(r -> trials.add(r.value().getTrialId()));
        }
        assertTrue(trials.size() >= 2, "the initial pool was trained: " + trials);
        Map<String, Leaderboards.Row> rows = Leaderboards.await(ranker, NLFS, "fitness",
                r -> r.values().stream().mapToInt(x -> x.count() + x.failed()).sum() >= trials.size(), WAIT);
        assertEquals(trials.size(), rows.values().stream().mapToInt(x -> x.count() + x.failed()).sum(),
                "every evaluation of the run counted once: " + rows);
        System.out.printf("SecuredPlatformTest: NLFS run done after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The ranker's deserialization handler writes dead letters with its own plain producer, as lossforge-ranker. */
    @Test
    @Order(5)
    void aPoisonEvaluationIsDeadLetteredByTheRankersOwnProducer() throws Exception {
        Properties p = new Properties();
        p.putAll(kafka.adminProperties());   // only the trainer and the evaluator may write evaluations
        RecordMetadata poison;
        try (KafkaProducer<byte[], byte[]> admin = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            poison = admin.send(new ProducerRecord<>(Topics.EVALUATIONS, "poison".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        try (TopicReader<DeadLetter> letters = new TopicReader<>(kafka.clientProperties(CLIENT, passwords.get(CLIENT)),
                CLIENT + "-e2e-", Topics.DEAD_LETTERS, new AvroDeserializer<>(DeadLetter.class,
                new SchemaRegistryClient(registry.url())))) {
            DeadLetter d = letters.await(r -> r.value().getOriginalTopic().equals(Topics.EVALUATIONS)
                    && r.value().getOffset() == poison.offset() && r.value().getPartition() == poison.partition(), WAIT).value();
            assertEquals("ranker", d.getService());
        }
    }

    /** The ACLs refuse what they do not grant: a client reading evaluations, writing jobs, joining a foreign group. */
    @Test
    @Order(6)
    void theAclsRefuseWhatTheyDoNotGrant() {
        Map<String, Object> client = kafka.clientProperties(CLIENT, passwords.get(CLIENT));
        try (KafkaConsumer<byte[], byte[]> c = consumer(client, CLIENT + "-e2e-denied")) {
            c.subscribe(List.of(Topics.EVALUATIONS));
            assertThrows(TopicAuthorizationException.class, () -> pollUntilError(c));
        }
        assertWriteDenied(client, Topics.TRAINING_JOBS);
        try (KafkaConsumer<byte[], byte[]> c = consumer(client, "someone-else")) {   // not a lossforge-client-* group
            c.subscribe(List.of(Topics.LEADERBOARD));
            assertThrows(GroupAuthorizationException.class, () -> pollUntilError(c));
        }
        // a service's user is as narrow: the evaluator writes evaluations, not training jobs
        assertWriteDenied(kafka.clientProperties(USERS.get(Platform.EVALUATOR), passwords.get(USERS.get(Platform.EVALUATOR))),
                Topics.TRAINING_JOBS);
    }

    /** Whatever a service tried, it was allowed: no authorization or authentication error in any log. */
    @Test
    @Order(7)
    void noServiceLoggedAnAuthorizationOrAuthenticationError() throws IOException {
        Map<String, List<String>> errors = new TreeMap<>();
        for (ServiceProcess s : services.values()) {
            assertTrue(s.isAlive(), s.name() + " is still running");
            List<String> bad = Files.readAllLines(s.log(), StandardCharsets.UTF_8).stream()
                    .filter(l -> AUTH_ERROR.matcher(l).find()).limit(5).toList();
            if (!bad.isEmpty()) {
                errors.put(s.name(), bad);
            }
        }
        assertTrue(errors.isEmpty(), "authorization errors: " + errors);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void assertWriteDenied(Map<String, Object> settings, String topic) {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> producer.send(new ProducerRecord<>(topic,
                    new byte[] {1})).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e.toString());
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> settings, String group) {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Polls (bounded) until the consumer throws; fails if it never does. */
    private static void pollUntilError(KafkaConsumer<byte[], byte[]> c) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            c.poll(Duration.ofMillis(500));
        }
        throw new AssertionError("the consumer was never refused");
    }

    private static JsonNode one(List<ObjectNode> objects, String kind, String name) {
        List<ObjectNode> found = objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).toList();
        assertEquals(1, found.size(), kind + "/" + name + " in k8s/overlays/dev");
        return found.get(0);
    }

    /** The service's Deployment or StatefulSet. */
    private static JsonNode workload(List<ObjectNode> objects, String name) {
        List<ObjectNode> found = objects.stream().filter(o -> Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).toList();
        assertEquals(1, found.size(), "the workload " + name);
        return found.get(0);
    }

    private static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), workload.path("metadata").path("name").asText());
        return containers.get(0);
    }

    /** The application.properties of the ConfigMap the workload mounts as its config volume. */
    private static Properties configMapProperties(List<ObjectNode> objects, JsonNode workload) {
        String configMap = null;
        for (JsonNode v : workload.path("spec").path("template").path("spec").path("volumes")) {
            if (v.path("name").asText().equals("config")) {
                configMap = v.path("configMap").path("name").asText();
            }
        }
        assertNotNull(configMap, "a config volume in " + workload.path("metadata").path("name"));
        String text = one(objects, "ConfigMap", configMap).path("data").path("application.properties").asText();
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(p.isEmpty(), configMap);
        return p;
    }

    /**
     * The rendered configuration as the service on this machine gets it (system properties: they take precedence over
     * the jar's application.properties as the pod's mounted file does): every key as rendered except the bootstrap
     * servers and the registry URL (this machine's), {@code ssl.truststore.location} (the test CA's PEM certificate
     * instead of the cluster CA's {@code ca.crt}), the ranker's {@code kafka-streams.state.dir} in a temporary directory.
     */
    private Map<String, String> localConfig(String service, Properties rendered, int port) {
        Map<String, String> out = new HashMap<>();
        for (String key : rendered.stringPropertyNames()) {
            String value = rendered.getProperty(key);
            if (key.endsWith("security.protocol")) {
                assertEquals("SASL_SSL", value, service + " " + key);
            }
            if (key.endsWith("ssl.truststore.type")) {
                assertEquals("PEM", value, service + " " + key);
            }
            if (key.endsWith("ssl.truststore.location")) {
                value = kafka.ca().orElseThrow().caPem().toString();
            }
            out.put(key, value);
        }
        out.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        out.put("lossforge.schema-registry.url", registry.url());
        if (service.equals(Platform.RANKER)) {
            out.put("kafka-streams.state.dir", work.resolve("streams-state").toString());
        }
        out.put("ai.djl.offline", "true");
        return out;
    }

    /**
     * The container's environment, resolved here: the Secret it reads {@code KAFKA_SASL_JAAS_CONFIG} from must be its
     * own KafkaUser's (whose JAAS line it gets), the data folder is this repository's, the ranker's advertised address
     * is its loopback port. Any other variable fails the test until it is considered here.
     */
    private Map<String, String> env(JsonNode workload, String user, int port) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode e : container(workload).path("env")) {
            String name = e.path("name").asText();
            switch (name) {
                case "KAFKA_SASL_JAAS_CONFIG" -> {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    assertEquals(user, ref.path("name").asText(), user + " reads its own user's Secret");
                    assertEquals("sasl.jaas.config", ref.path("key").asText());
                    env.put(name, SecureKafka.jaasConfig(user, passwords.get(user)));
                }
                case "LOSSFORGE_API_KEY" -> {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    assertEquals("lossforge-api-key", ref.path("name").asText(), user + " reads the API key's Secret");
                    assertEquals("api-key", ref.path("key").asText());
                    env.put(name, apiKey);
                }
                case "LOSSFORGE_DATA" -> env.put(name, RepoRoot.find().resolve("data").toString());
                case "LOSSFORGE_RANKER_ADVERTISED" -> env.put(name, "127.0.0.1:" + port);
                case "DJL_CACHE_DIR", "POD_NAME", "POD_NAMESPACE" -> { }   // this machine's cache; pod identity
                default -> throw new AssertionError(user + ": environment variable " + name + " is not handled here");
            }
        }
        assertTrue(env.containsKey("KAFKA_SASL_JAAS_CONFIG"), user + " has its JAAS line");
        return env;
    }
}
