package org.lossforge.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the native executable reaches by reflection is registered ({@link NativeRegistrations}); checked on the JVM,
 * since no native build can run here (services/IMAGES.md): every Avro named type of {@link Topics#ALL}, every
 * project class application.properties names (serializers, deserializers, handlers). The evaluator has no REST API
 * of its own (health, metrics and OpenAPI are Quarkus').
 */
class NativeRegistrationsTest {

    static Set<String> registered() {
        return Arrays.stream(NativeRegistrations.class.getAnnotation(RegisterForReflection.class).targets())
                .map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every RECORD and ENUM reachable from the topics' value schemas, as its generated class. */
    static Set<String> avroTypes() {
        Set<String> out = new TreeSet<>();
        for (TopicSpec t : Topics.ALL) {
            collect(t.valueSchema(), out);
        }
        return out;
    }

    private static void collect(Schema s, Set<String> out) {
        switch (s.getType()) {
            case RECORD -> {
                if (out.add(SpecificData.get().getClass(s).getName())) {
                    s.getFields().forEach(f -> collect(f.schema(), out));
                }
            }
            case ENUM, FIXED -> out.add(SpecificData.get().getClass(s).getName());
            case UNION -> s.getTypes().forEach(u -> collect(u, out));
            case ARRAY -> collect(s.getElementType(), out);
            case MAP -> collect(s.getValueType(), out);
            default -> { }
        }
    }

    /** Values of *.serializer, *.deserializer and *.handler keys in application.properties (any profile). */
    static Set<String> classesNamedInConfig() throws IOException {
        Properties p = new Properties();
        try (InputStream in = NativeRegistrations.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p.stringPropertyNames().stream()
                .filter(k -> k.endsWith(".serializer") || k.endsWith(".deserializer") || k.endsWith(".handler"))
                .map(k -> p.getProperty(k).trim())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeRegistrations.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> missing(Set<String> required) {
        Set<String> m = new TreeSet<>(required);
        m.removeAll(registered());
        return m;
    }

    @Test
    void everyAvroTypeOfTheTopicsIsRegistered() {
        Set<String> avro = avroTypes();
        assertTrue(avro.contains("org.lossforge.schemas.Evaluation") && avro.contains("org.lossforge.schemas.MetricStats")
                && avro.contains("org.lossforge.schemas.EvaluationStatus"), avro.toString());
        assertEquals(Set.of(), missing(avro));
    }

    @Test
    void everyClassTheConfigurationNamesIsRegisteredOrRegisteredByQuarkus() throws IOException {
        Set<String> named = classesNamedInConfig();
        assertTrue(named.contains("org.lossforge.serde.AvroSerializer"), named.toString());
        for (String n : named) {
            load(n);   // exists
        }
        // Quarkus' Kafka extension registers Kafka's own serializers; ours and our handlers are listed here
        Set<String> ours = named.stream().filter(n -> !n.startsWith("org.apache.kafka.common.serialization."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing(ours));
        // what Kafka instantiates by name when a channel or a Streams config names our serde
        assertEquals(Set.of(), missing(Set.of("org.lossforge.serde.AvroSerializer", "org.lossforge.serde.AvroDeserializer")));
    }
}
