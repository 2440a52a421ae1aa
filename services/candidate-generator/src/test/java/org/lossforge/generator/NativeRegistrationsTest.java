package org.lossforge.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lossforge.services.testing.NativeRegistrationsContract;

/** What the native executable reaches by reflection is registered ({@link NativeRegistrations}). */
class NativeRegistrationsTest extends NativeRegistrationsContract {

    @Override
    protected Class<?> registrations() {
        return NativeRegistrations.class;
    }

    @Override
    protected String aClassTheConfigurationNames() {
        return "org.lossforge.serde.AvroSerializer";
    }

    @Test
    void everyJsonTypeOfTheRestApiIsRegistered() {
        Set<String> json = check().restTypes();
        assertTrue(json.contains("org.lossforge.generator.StudyResource$StudyRequest")
                && json.contains("org.lossforge.generator.StudyResource$CandidateRequest")
                && json.contains("org.lossforge.generator.nlfs.NlfsRunResource$CandidateRequest"), json.toString());
        assertEquals(Set.of(), check().missing(json));
    }
}
