package org.lossforge.evaluator;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.RecordDecoder;

/** The plain-Java pieces of the evaluator, as CDI beans. */
@ApplicationScoped
public class EvaluatorBeans {

    @Produces
    @ApplicationScoped
    RecordDecoder<PredictionSet> decoder(@ConfigProperty(name = "lossforge.schema-registry.url") String registryUrl,
                                         @ConfigProperty(name = "lossforge.schema-registry.timeout", defaultValue = "10s")
                                         Duration timeout) {
        SchemaRegistryClient client = SchemaRegistryClient.shared(registryUrl, timeout);
        return new RecordDecoder<>(new AvroDeserializer<>(PredictionSet.class, client),
                new DeadLetters(Topics.EVALUATOR, Clock.systemUTC()));
    }

    @Produces
    @ApplicationScoped
    RecordDecoder<org.lossforge.schemas.ArchQuery> queryDecoder(
            @ConfigProperty(name = "lossforge.schema-registry.url") String registryUrl,
            @ConfigProperty(name = "lossforge.schema-registry.timeout", defaultValue = "10s") Duration timeout) {
        SchemaRegistryClient client = SchemaRegistryClient.shared(registryUrl, timeout);
        return new RecordDecoder<>(new AvroDeserializer<>(org.lossforge.schemas.ArchQuery.class, client),
                new DeadLetters(Topics.EVALUATOR, Clock.systemUTC()));
    }

    @Produces
    @ApplicationScoped
    SearchAnswerer answerer() {
        return new SearchAnswerer(Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    EvaluationMapper mapper() {
        return new EvaluationMapper(Clock.systemUTC());
    }
}
