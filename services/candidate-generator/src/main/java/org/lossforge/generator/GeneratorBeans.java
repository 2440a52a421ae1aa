package org.lossforge.generator;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.RecordDecoder;

/** The plain-Java pieces of the candidate generator, as CDI beans. */
@ApplicationScoped
public class GeneratorBeans {

    @ConfigProperty(name = "lossforge.schema-registry.url")
    String registryUrl;

    @ConfigProperty(name = "lossforge.schema-registry.timeout", defaultValue = "10s")
    Duration timeout;

    @Produces
    @ApplicationScoped
    RecordDecoder<StudyRequested> studyDecoder() {
        return new RecordDecoder<>(new AvroDeserializer<>(StudyRequested.class,
                SchemaRegistryClient.shared(registryUrl, timeout)), deadLetters());
    }

    @Produces
    @ApplicationScoped
    RecordDecoder<LossCandidate> candidateDecoder() {
        return new RecordDecoder<>(new AvroDeserializer<>(LossCandidate.class,
                SchemaRegistryClient.shared(registryUrl, timeout)), deadLetters());
    }

    @Produces
    @ApplicationScoped
    RecordDecoder<org.lossforge.schemas.NlfsRunRequested> nlfsRunDecoder() {
        return new RecordDecoder<>(new AvroDeserializer<>(org.lossforge.schemas.NlfsRunRequested.class,
                SchemaRegistryClient.shared(registryUrl, timeout)), deadLetters());
    }

    @Produces
    @ApplicationScoped
    JobPlanner planner() {
        return new JobPlanner(Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    StudyBook book(JobPlanner planner,
                   @org.eclipse.microprofile.config.inject.ConfigProperty(name = "lossforge.generator.unknown-study-wait",
                           defaultValue = "15s") java.time.Duration unknownStudyWait) {
        return new StudyBook(planner, unknownStudyWait);
    }

    private static DeadLetters deadLetters() {
        return new DeadLetters(Topics.CANDIDATE_GENERATOR, Clock.systemUTC());
    }
}
