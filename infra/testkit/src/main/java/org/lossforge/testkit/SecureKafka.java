package org.lossforge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * An in-process KRaft broker (one combined node, {@link KafkaClusterTestKit}) with authentication and authorization
 * switched on, for tests that check what a cluster with ACLs would let a client do: one {@code SASL_PLAINTEXT}
 * listener with the mechanisms {@code SCRAM-SHA-512} (the users a test creates, as Strimzi's {@code KafkaUser}s are)
 * and {@code PLAIN} (only the test kit's own super user, {@value #ADMIN}, which the broker also uses between its
 * broker and controller parts), KRaft's {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}
 * (a user may do only what an ACL allows), and {@value #ADMIN} as the only super user.
 *
 * <p>{@link #start()} keeps the listener plaintext on loopback (SCRAM credentials, principals and ACLs are checked;
 * the bytes are not encrypted). {@link #startTls()} puts the clients' listener on {@code SASL_SSL} instead, as
 * Strimzi's {@code tls: true} listener is: a {@link TestCa} is made at start (a CA and a certificate for
 * {@code localhost}/{@code 127.0.0.1}, PKCS12 files in a temporary directory deleted by {@link #close()}), the
 * listener presents that certificate, and {@link #clientProperties} / {@link #adminProperties} add
 * {@code security.protocol=SASL_SSL} and {@code ssl.truststore.*} (the CA only) to the SASL settings; clients verify
 * the host name (Kafka's default {@code ssl.endpoint.identification.algorithm=https}). A client configured as on the
 * cluster ({@code ssl.truststore.type=PEM}) points its {@code ssl.truststore.location} at {@link TestCa#caPem()}. The controller listener, used
 * only inside this JVM between the node's broker and controller parts, stays {@code SASL_PLAINTEXT}.
 *
 * <pre>{@code
 * try (SecureKafka kafka = SecureKafka.start()) {
 *     String password = kafka.createUser("alice");
 *     kafka.createAcls(List.of(new AclBinding(new ResourcePattern(TOPIC, "scores", LITERAL),
 *             new AccessControlEntry("User:alice", "*", WRITE, ALLOW))));
 *     Map<String, Object> props = kafka.clientProperties("alice", password);   // bootstrap + SASL settings
 * }
 * }</pre>
 *
 * <p>Users and ACLs reach the broker through the KRaft metadata log, a moment after the controller accepted them;
 * {@link #createUser} and {@link #createAcls} return only once the broker applies them (bounded waits).
 */
public final class SecureKafka implements AutoCloseable {

    /** The super user (SASL/PLAIN), the test kit's built-in admin. */
    public static final String ADMIN = "plain-admin";
    private static final String ADMIN_PASSWORD = "plain-admin-secret";
    /** The mechanism of the users {@link #createUser} makes. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String LISTENER = "EXTERNAL";
    /** KRaft's authorizer (kafka-metadata, on the broker's runtime classpath). */
    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaClusterTestKit kit;
    private final String bootstrap;
    private final Duration startup;
    /** The CA whose certificate the listener presents; null without TLS. */
    private final TestCa ca;

    private SecureKafka(KafkaClusterTestKit kit, Duration startup, TestCa ca) {
        this.kit = kit;
        this.bootstrap = kit.bootstrapServers();
        this.startup = startup;
        this.ca = ca;
    }

    /** Starts the broker with a {@code SASL_PLAINTEXT} listener and waits until it is ready (a few seconds). */
    public static SecureKafka start() {
        return start(null);
    }

    /**
     * Starts the broker with a {@code SASL_SSL} listener whose certificate a fresh {@link TestCa} signed (made in a
     * temporary directory, deleted on {@link #close()}), and waits until it is ready.
     */
    public static SecureKafka startTls() {
        Path dir;
        try {
            dir = Files.createTempDirectory("securekafka-ca-");
        } catch (IOException e) {
            throw new UncheckedIOException("SecureKafka: cannot make a directory for the test CA", e);
        }
        try {
            return start(TestCa.create(dir));
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static SecureKafka start(TestCa ca) {
        long t0 = System.nanoTime();
        String listener = "listener.name." + LISTENER.toLowerCase(Locale.ROOT) + ".";
        String scramJaas = listener + MECHANISM.toLowerCase(Locale.ROOT) + "." + SaslConfigs.SASL_JAAS_CONFIG;
        Map<String, String> tls = new HashMap<>();
        if (ca != null) {
            // the kit sets its JAAS file (the PLAIN super user) up only for SASL_PLAINTEXT, so the nodes are built as
            // SASL_PLAINTEXT and this map (the kit's own is only a default) turns the clients' listener to SASL_SSL
            tls.put("listener.security.protocol.map", LISTENER + ":" + SecurityProtocol.SASL_SSL.name + ","
                    + CONTROLLER_LISTENER + ":" + SecurityProtocol.SASL_PLAINTEXT.name);
            tls.put(listener + SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, TestCa.STORE_TYPE);
            tls.put(listener + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, ca.keystore().toString());
            tls.put(listener + SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, ca.password());
            tls.put(listener + SslConfigs.SSL_KEY_PASSWORD_CONFIG, ca.password());
            // the broker's own connections to this listener (inter-broker) trust the same CA
            tls.put(listener + SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, TestCa.STORE_TYPE);
            tls.put(listener + SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, ca.truststore().toString());
            tls.put(listener + SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, ca.password());
        }
        KafkaClusterTestKit kit = LocalKafka.startKit("SecureKafka", () -> {
            KafkaClusterTestKit.Builder b = LocalKafka.singleNode(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                        .setBrokerListenerName(new ListenerName(LISTENER))
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        // the broker part registers with (and heartbeats to) the controller part as the super user
                        .setControllerListenerName(new ListenerName(CONTROLLER_LISTENER))
                        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .build())
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN," + MECHANISM)
                .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .setConfigProp("sasl.mechanism.controller.protocol", "PLAIN")
                // SCRAM needs no login module of its own on the server; the credentials are in the metadata log
                .setConfigProp(scramJaas, "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .setConfigProp("authorizer.class.name", AUTHORIZER)
                .setConfigProp("allow.everyone.if.no.acl.found", "false")
                .setConfigProp("super.users", "User:" + ADMIN)
                .setConfigProp("auto.create.topics.enable", "false");
            tls.forEach(b::setConfigProp);
            return b.build();
        });
        return new SecureKafka(kit, Duration.ofNanos(System.nanoTime() - t0), ca);
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** {@code SASL_SSL} for {@link #startTls()}, else {@code SASL_PLAINTEXT}: what clients must set. */
    public SecurityProtocol securityProtocol() {
        return ca == null ? SecurityProtocol.SASL_PLAINTEXT : SecurityProtocol.SASL_SSL;
    }

    /** The test CA of a {@link #startTls()} broker (its truststore is what clients need); empty without TLS. */
    public Optional<TestCa> ca() {
        return Optional.ofNullable(ca);
    }

    /** Time until the broker was ready. */
    public Duration startupTime() {
        return startup;
    }

    /** {@code sasl.jaas.config} for a SCRAM user (what Strimzi writes into the user's Secret as {@code sasl.jaas.config}). */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * Bootstrap, SASL and (with TLS) truststore settings for a SCRAM user: a Kafka client with these (and its own
     * settings) connects.
     */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> p = transport();
        p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        return p;
    }

    /** Bootstrap and SASL settings for the super user {@value #ADMIN} (PLAIN): allowed everything. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> p = transport();
        p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + ADMIN + "\" password=\"" + ADMIN_PASSWORD + "\";");
        return p;
    }

    /** Bootstrap servers, security protocol and, with TLS, the truststore holding the test CA. */
    private Map<String, Object> transport() {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol().name);
        if (ca != null) {
            p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, TestCa.STORE_TYPE);
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, ca.truststore().toString());
            p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, ca.password());
        }
        return p;
    }

    /** An admin client of the super user (the caller closes it). */
    public Admin admin() {
        Properties p = new Properties();
        p.putAll(adminProperties());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        return Admin.create(p);
    }

    /** Creates a SCRAM-SHA-512 user with a fresh random password, returned; waits until the user can log in. */
    public String createUser(String user) {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        createUser(user, password);
        return password;
    }

    /** Creates (or updates) a SCRAM-SHA-512 user; waits until the broker accepts its login. */
    public void createUser(String user, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("SecureKafka: cannot create the user " + user + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SecureKafka: interrupted", e);
        }
        // the credential reaches the broker's cache through the metadata log: log in until it works
        Properties p = new Properties();
        p.putAll(clientProperties(user, password));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Admin as = Admin.create(p)) {
                as.describeCluster().clusterId().get(5, TimeUnit.SECONDS);   // needs no ACL, only a login
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SecureKafka: the user " + user + " cannot log in after " + WAIT
                            + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("SecureKafka: interrupted", e);
            }
            sleep(200);
        }
    }

    /** Creates ACLs; waits until the broker's authorizer has every one of them. */
    public void createAcls(Collection<AclBinding> acls) {
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long deadline = System.nanoTime() + WAIT.toNanos();
            // DescribeAcls is answered by the broker from its own authorizer: once it lists them, they are enforced
            while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .containsAll(acls)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SecureKafka: ACLs not applied by the broker within " + WAIT);
                }
                sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("SecureKafka: cannot create ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SecureKafka: interrupted", e);
        }
    }

    /** Every ACL on the broker. */
    public Set<AclBinding> acls() {
        try (Admin admin = admin()) {
            return new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("SecureKafka: cannot list ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SecureKafka: interrupted", e);
        }
    }

    /** Creates topics (as the super user) unless they exist; waits at most 30 s. */
    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            List<String> failed = new ArrayList<>();
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        failed.add(entry.getKey() + ": " + e.getCause());
                    }
                }
            }
            if (!failed.isEmpty()) {
                throw new IllegalStateException("SecureKafka: cannot create topics: " + failed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SecureKafka: interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("SecureKafka: topic creation timed out after " + WAIT, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);   // the interval of a bounded wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: what is left is the OS's to clean
        }
    }

    /** Stops the broker and deletes its data (and the test CA's files). */
    @Override
    public void close() {
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("SecureKafka: error while stopping the broker", e);
        } finally {
            if (ca != null) {
                deleteTree(ca.keystore().getParent());
            }
        }
    }

    @Override
    public String toString() {
        return "SecureKafka[" + bootstrap + ", " + securityProtocol().name + " " + MECHANISM + ", ACLs]";
    }
}
