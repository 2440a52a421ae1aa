package org.lossforge.ranker.streams;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lossforge.ranker.rest.LeaderboardUpdates;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.serde.AvroSerde;
import org.lossforge.serde.SchemaRegistryClient;

/** The one CDI-produced {@link Topology} Quarkus runs (plus the stream threads' uncaught-exception policy). */
@ApplicationScoped
public class TopologyProducer {

    @ConfigProperty(name = "lossforge.schema-registry.url")
    String registryUrl;

    @ConfigProperty(name = "lossforge.schema-registry.auto-register", defaultValue = "true")
    boolean autoRegister;

    @ConfigProperty(name = "lossforge.schema-registry.timeout", defaultValue = "10s")
    Duration registryTimeout;

    @Inject
    LeaderboardUpdates updates;

    @Produces
    public Topology buildTopology() {
        SchemaRegistryClient registry = SchemaRegistryClient.shared(registryUrl, registryTimeout);
        return RankerTopology.build(new AvroSerde<>(Evaluation.class, registry, autoRegister),
                new AvroSerde<>(LeaderboardEntry.class, registry, autoRegister),
                new AvroSerde<>(DeadLetter.class, registry, autoRegister),
                updates::publish);
    }

    @Produces
    public StreamsUncaughtExceptionHandler uncaughtExceptionHandler() {
        return new RetryTransientErrors();
    }
}
