package org.lossforge.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.lossforge.serde.test.Candidate;
import org.lossforge.testkit.LocalRegistry;

/**
 * Avro in a parent class loader, the generated classes (also) in a child, as in Quarkus tests and dev mode: records
 * must be created as the child's class, the one the serde was given, not as the copy Avro's own loader finds. Avro's
 * default model did the latter, and Quarkus' Kafka Streams threads failed with "Evaluation cannot be cast to
 * IndexedRecord".
 */
class ClassLoaderTest {

    /** Loads {@code org.lossforge.serde.test.*} itself (child first); everything else, Avro included, from the parent. */
    static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.lossforge.serde.test.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordsAreInstancesOfTheClassTheSerdeWasGiven() throws Exception {
        URL testClasses = Candidate.class.getProtectionDomain().getCodeSource().getLocation();
        try (ChildFirst child = new ChildFirst(testClasses, ClassLoaderTest.class.getClassLoader())) {
            Class<? extends SpecificRecord> childCandidate =
                    (Class<? extends SpecificRecord>) child.loadClass(Candidate.class.getName());
            assertNotSame(Candidate.class, childCandidate, "two copies of the generated class");

            SchemaRegistryClient client = new SchemaRegistryClient(LocalRegistry.shared().url());
            String topic = "serde-loader-" + UUID.randomUUID();
            byte[] wire = new AvroSerializer<Candidate>(client, true).serialize(topic, new Candidate("a", 0.5, null));
            AvroDeserializer<? extends SpecificRecord> reader = new AvroDeserializer<>(childCandidate, client);
            Object value = reader.deserialize(topic, wire);
            assertSame(childCandidate, value.getClass());
            assertEquals("a", ((SpecificRecord) value).get(0).toString());

            // and the serializer writes the child's instances (it used to look the class up by schema name)
            AvroSerializer<SpecificRecord> writer = new AvroSerializer<>(client, true);
            byte[] again = writer.serialize(topic, (SpecificRecord) value);
            assertEquals(new Candidate("a", 0.5, null), new AvroDeserializer<>(Candidate.class, client).deserialize(topic, again));
        }
    }
}
