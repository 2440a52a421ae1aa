package org.lossforge.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lossforge.services.testing.NativeRegistrationsCheck;

/**
 * What the native executable reaches by reflection is registered ({@link NativeRegistrations}), checked on the JVM
 * since no native build can run here (services/IMAGES.md; the derivation is {@link NativeRegistrationsCheck}'s).
 */
class NativeRegistrationsTest {

    final NativeRegistrationsCheck check = new NativeRegistrationsCheck(NativeRegistrations.class);

    @Test
    void everyAvroTypeOfTheTopicsIsRegistered() {
        Set<String> avro = NativeRegistrationsCheck.avroTypes();
        assertTrue(avro.contains("org.lossforge.schemas.Evaluation") && avro.contains("org.lossforge.schemas.MetricStats")
                && avro.contains("org.lossforge.schemas.EvaluationStatus"), avro.toString());
        assertEquals(Set.of(), check.missing(avro));
    }

    @Test
    void everyClassTheConfigurationNamesIsRegistered() {
        Set<String> ours = check.ourClassesNamedInConfig();
        assertTrue(ours.contains("org.lossforge.serde.AvroSerializer"), ours.toString());
        assertEquals(Set.of(), check.missing(ours));
        // what Kafka instantiates by name when a channel or a Streams config names our serde
        assertEquals(Set.of(), check.missing(Set.of("org.lossforge.serde.AvroSerializer",
                "org.lossforge.serde.AvroDeserializer")));
    }

    @Test
    void everyJsonTypeOfTheRestApiIsRegistered() {
        Set<String> json = check.restTypes();
        assertTrue(json.contains("org.lossforge.generator.StudyResource$StudyRequest")
                && json.contains("org.lossforge.generator.StudyResource$CandidateRequest")
                && json.contains("org.lossforge.generator.nlfs.NlfsRunResource$CandidateRequest"), json.toString());
        assertEquals(Set.of(), check.missing(json));
    }
}
