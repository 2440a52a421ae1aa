package org.lossforge.services.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The checks every native service's {@code NativeRegistrationsTest} runs (extend it and name the service's
 * registrations class and one project class its configuration must name): what the native executable reaches by
 * reflection is registered, derived on the JVM by {@link NativeRegistrationsCheck} since no native build runs here
 * (services/IMAGES.md).
 */
public abstract class NativeRegistrationsContract {

    /** The service's class annotated with {@code @RegisterForReflection(targets = ...)}. */
    protected abstract Class<?> registrations();

    /** A project class the service's application.properties names (a serializer, a handler), as a sanity check. */
    protected abstract String aClassTheConfigurationNames();

    protected NativeRegistrationsCheck check() {
        return new NativeRegistrationsCheck(registrations());
    }

    @Test
    void everyAvroTypeOfTheTopicsIsRegistered() {
        Set<String> avro = NativeRegistrationsCheck.avroTypes();
        assertTrue(avro.contains("org.lossforge.schemas.Evaluation") && avro.contains("org.lossforge.schemas.MetricStats")
                && avro.contains("org.lossforge.schemas.EvaluationStatus"), avro.toString());
        assertEquals(Set.of(), check().missing(avro));
    }

    @Test
    void everyClassTheConfigurationNamesIsRegistered() {
        Set<String> ours = check().ourClassesNamedInConfig();
        assertTrue(ours.contains(aClassTheConfigurationNames()), ours.toString());
        assertEquals(Set.of(), check().missing(ours));
        // what Kafka instantiates by name when a channel or a Streams config names our serde
        assertEquals(Set.of(), check().missing(Set.of("org.lossforge.serde.AvroSerializer",
                "org.lossforge.serde.AvroDeserializer")));
    }
}
