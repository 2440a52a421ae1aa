package org.lossforge.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossforge.testkit.LocalRegistry;

/** Against the real dev/test registry (Apicurio 2.4.2, ccompat v7) started by {@link LocalRegistry}. */
class SchemaRegistryClientTest {

    static final Schema V1 = schema("""
            {"type":"record","name":"Score","namespace":"t","fields":[{"name":"id","type":"string"}]}""");
    static final Schema V2_NULLABLE_WITH_DEFAULT = schema("""
            {"type":"record","name":"Score","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"note","type":["null","string"],"default":null}]}""");
    static final Schema V2_STRING_TO_INT = schema("""
            {"type":"record","name":"Score","namespace":"t","fields":[{"name":"id","type":"int"}]}""");

    static String url;

    @BeforeAll
    static void registry() {
        url = LocalRegistry.shared().url();
    }

    static Schema schema(String json) {
        return new Schema.Parser().parse(json);
    }

    static String subject() {
        return "client-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registerFetchAndCache() {
        SchemaRegistryClient client = new SchemaRegistryClient(url + "/");   // trailing slash tolerated
        String subject = subject();
        int id = client.register(subject, V1);
        assertTrue(id > 0);
        long afterRegister = client.requestCount();
        assertEquals(id, client.register(subject, V1), "same schema, same id");
        assertEquals(V1, client.getById(id), "id -> schema known from the registration");
        assertEquals(afterRegister, client.requestCount(), "both answered from the cache");

        SchemaRegistryClient fresh = new SchemaRegistryClient(url);
        assertEquals(V1, fresh.getById(id), "fetched from the registry");
        assertEquals(V1, fresh.getById(id));
        assertEquals(1, fresh.requestCount(), "second getById from the cache");
        assertEquals(id, fresh.lookup(subject, V1), "lookup finds the registered schema");

        RegisteredSchema latest = fresh.latest(subject);
        assertEquals(new RegisteredSchema(subject, id, 1, V1), latest);
        assertTrue(fresh.subjects().contains(subject));
    }

    @Test
    void sameSchemaUnderTwoSubjectsHasOneGlobalId() {
        SchemaRegistryClient client = new SchemaRegistryClient(url);
        String a = subject(), b = subject();
        assertEquals(client.register(a, V2_NULLABLE_WITH_DEFAULT), client.register(b, V2_NULLABLE_WITH_DEFAULT));
    }

    @Test
    void backwardRefusesStringToIntAndAcceptsNullableFieldWithDefault() {
        SchemaRegistryClient client = new SchemaRegistryClient(url);
        String subject = subject();
        int v1 = client.register(subject, V1);
        assertEquals(CompatibilityLevel.BACKWARD, client.setCompatibility(subject, CompatibilityLevel.BACKWARD));

        assertFalse(client.testCompatibility(subject, V2_STRING_TO_INT));
        assertTrue(client.testCompatibility(subject, V2_NULLABLE_WITH_DEFAULT));

        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> client.register(subject, V2_STRING_TO_INT));
        assertTrue(refused.isIncompatible(), refused.getMessage());
        assertEquals(409, refused.status());
        assertTrue(refused.registryMessage().contains("INT not compatible with writer type: STRING"), refused.registryMessage());
        assertTrue(refused.getMessage().contains("/subjects/" + subject + "/versions"), refused.getMessage());

        int v2 = client.register(subject, V2_NULLABLE_WITH_DEFAULT);
        assertNotEquals(v1, v2);
        RegisteredSchema latest = client.latest(subject);
        assertEquals(2, latest.version());
        assertEquals(v2, latest.id());
        assertEquals(V2_NULLABLE_WITH_DEFAULT, latest.schema());
    }

    @Test
    void notFoundCarriesTheRegistryMessage() {
        SchemaRegistryClient client = new SchemaRegistryClient(url);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.getById(987_654));
        assertTrue(e.isNotFound());
        assertFalse(e.isTransient());
        assertEquals(40403, e.errorCode());
        assertTrue(e.registryMessage().contains("987654"), e.registryMessage());

        SchemaRegistryException noSubject = assertThrows(SchemaRegistryException.class, () -> client.latest(subject()));
        assertTrue(noSubject.isNotFound(), noSubject.getMessage());

        SchemaRegistryException notRegistered = assertThrows(SchemaRegistryException.class, () -> client.lookup(subject(), V1));
        assertTrue(notRegistered.isNotFound(), notRegistered.getMessage());
    }

    @Test
    void unreachableRegistryFailsFastAndIsTransient() {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        SchemaRegistryClient client = new SchemaRegistryClient("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.getById(1));
        // bounded: five quick refusals plus the retries' back-off (at most about 4.7 s), never a hang
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(15), "bounded by the retries' back-off");
        assertTrue(e.isTransient());
        assertEquals(-1, e.status());
        assertTrue(e.getMessage().contains("registry unreachable"), e.getMessage());
    }

    @Test
    void separateClientsRacingOnNewContentAllSucceed() throws Exception {
        // Apicurio 2.4.2 answers some concurrent registrations of new content with HTTP 500 (H2 unique-constraint
        // race), and some first registrations of a new subject with 409 "artifact ... already exists"; the client
        // retries idempotent calls on 5xx and registers again after that 409, so every caller gets the id.
        String subject = subject();
        Schema fresh = schema("{\"type\":\"record\",\"name\":\"R" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(pool.submit(() -> new SchemaRegistryClient(url).register(subject, fresh)));
            }
            Set<Integer> distinct = new java.util.HashSet<>();
            for (Future<Integer> f : ids) {
                distinct.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, distinct.size(), distinct.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badUrlIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SchemaRegistryClient("localhost:8081"));
    }

    @Test
    void concurrentRegistrationsAgreeOnTheId() throws Exception {
        SchemaRegistryClient client = new SchemaRegistryClient(url);
        String subject = subject();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ids.add(pool.submit(() -> client.register(subject, V1)));
            }
            Set<Integer> distinct = new java.util.HashSet<>();
            for (Future<Integer> f : ids) {
                distinct.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, distinct.size(), distinct.toString());
            assertEquals(1, client.requestCount(), "single-flight: one HTTP registration for 16 concurrent callers");
            assertEquals(1, client.latest(subject).version(), "one version, however many concurrent registrations");
        } finally {
            pool.shutdownNow();
        }
    }
}
