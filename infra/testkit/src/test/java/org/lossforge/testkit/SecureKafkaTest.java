package org.lossforge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SecureKafkaTest {

    @Test
    void scramUsersMayDoExactlyWhatTheirAclsAllow() throws Exception {
        try (SecureKafka kafka = SecureKafka.start()) {
            kafka.createTopics(List.of(new NewTopic("granted", 1, (short) 1), new NewTopic("other", 1, (short) 1)));
            String password = kafka.createUser("alice");
            AclBinding write = allow(ResourceType.TOPIC, "granted", PatternType.LITERAL, AclOperation.WRITE);
            AclBinding read = allow(ResourceType.TOPIC, "granted", PatternType.LITERAL, AclOperation.READ);
            AclBinding group = allow(ResourceType.GROUP, "alice-", PatternType.PREFIXED, AclOperation.READ);
            kafka.createAcls(List.of(write, read, group));
            assertTrue(kafka.acls().containsAll(List.of(write, read, group)), kafka.acls().toString());

            Map<String, Object> alice = kafka.clientProperties("alice", password);
            try (KafkaProducer<String, String> p = producer(alice)) {
                p.send(new ProducerRecord<>("granted", "k", "v")).get(30, TimeUnit.SECONDS);
                ExecutionException denied = assertThrows(ExecutionException.class,
                        () -> p.send(new ProducerRecord<>("other", "k", "v")).get(30, TimeUnit.SECONDS));
                assertInstanceOf(TopicAuthorizationException.class, denied.getCause(), denied.toString());
            }
            try (KafkaConsumer<String, String> c = consumer(alice, "alice-1")) {
                c.subscribe(List.of("granted"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                int n = 0;
                while (n == 0 && System.nanoTime() < deadline) {
                    n = c.poll(Duration.ofMillis(500)).count();
                }
                assertEquals(1, n, "alice reads what she wrote");
            }
            try (KafkaConsumer<String, String> c = consumer(alice, "bob-1")) {   // a group without an ACL
                c.subscribe(List.of("granted"));
                assertThrows(GroupAuthorizationException.class, () -> c.poll(Duration.ofSeconds(10)));
            }

            // a wrong password is refused at login
            Properties wrong = new Properties();
            wrong.putAll(kafka.clientProperties("alice", password + "x"));
            wrong.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
            wrong.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            try (Admin a = Admin.create(wrong)) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> a.describeCluster().clusterId().get(15, TimeUnit.SECONDS));
                assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
            }
            System.out.printf("SecureKafka ready after %d ms on %s%n", kafka.startupTime().toMillis(), kafka.bootstrapServers());
        }
    }

    /**
     * The TLS listener: a client that trusts the test CA and logs in works; one that trusts another CA fails the
     * handshake; one that speaks SASL without TLS to the TLS port never gets an answer it can use.
     */
    @Test
    void tlsListenerServesOnlyClientsThatTrustTheTestCa() throws Exception {
        try (SecureKafka kafka = SecureKafka.startTls()) {
            assertEquals(SecurityProtocol.SASL_SSL, kafka.securityProtocol());
            TestCa ca = kafka.ca().orElseThrow();
            assertTrue(Files.size(ca.keystore()) > 0 && Files.size(ca.truststore()) > 0);
            kafka.createTopics(List.of(new NewTopic("granted", 1, (short) 1)));
            String password = kafka.createUser("alice");   // logs in over TLS until the broker knows her
            kafka.createAcls(List.of(allow(ResourceType.TOPIC, "granted", PatternType.LITERAL, AclOperation.WRITE)));

            Map<String, Object> alice = kafka.clientProperties("alice", password);
            assertEquals("SASL_SSL", alice.get("security.protocol"));
            assertEquals(ca.truststore().toString(), alice.get("ssl.truststore.location"));
            try (KafkaProducer<String, String> p = producer(alice)) {
                assertEquals(0, p.send(new ProducerRecord<>("granted", "k", "v")).get(30, TimeUnit.SECONDS).offset());
            }
            // as the services are configured on the cluster: the CA as a PEM file, no truststore password
            Map<String, Object> pem = new HashMap<>(alice);
            pem.put("ssl.truststore.type", "PEM");
            pem.put("ssl.truststore.location", ca.caPem().toString());
            pem.remove("ssl.truststore.password");
            assertEquals(clusterId(alice), clusterId(pem));

            Path other = Files.createTempDirectory("other-ca-");
            try {
                TestCa stranger = TestCa.create(other);
                Map<String, Object> untrusting = new HashMap<>(alice);
                untrusting.put("ssl.truststore.location", stranger.truststore().toString());
                untrusting.put("ssl.truststore.password", stranger.password());
                ExecutionException e = assertThrows(ExecutionException.class, () -> clusterId(untrusting));
                assertInstanceOf(SslAuthenticationException.class, e.getCause(), e.toString());
            } finally {
                for (String f : List.of("server.p12", "truststore.p12", "ca.crt")) {
                    Files.deleteIfExists(other.resolve(f));
                }
                Files.deleteIfExists(other);
            }

            // SASL without TLS on the TLS port: the broker reads no Kafka request from it, the call times out
            Map<String, Object> plaintext = new HashMap<>(alice);
            plaintext.put("security.protocol", "SASL_PLAINTEXT");
            ExecutionException e = assertThrows(ExecutionException.class, () -> clusterId(plaintext));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, e.getCause(), e.toString());
            System.out.printf("SecureKafka (TLS) ready after %d ms on %s%n", kafka.startupTime().toMillis(), kafka.bootstrapServers());
        }
    }

    /** describeCluster with bounded timeouts: it needs a working connection and login, no ACL. */
    private static String clusterId(Map<String, Object> settings) throws Exception {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "6000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        try (Admin a = Admin.create(p)) {
            return a.describeCluster().clusterId().get(15, TimeUnit.SECONDS);
        }
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:alice", "*", op, AclPermissionType.ALLOW));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> props) {
        Properties p = new Properties();
        p.putAll(props);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> props, String group) {
        Properties p = new Properties();
        p.putAll(props);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
