package org.lossforge.trainer;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.schemas.Topics;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.RecordDecoder;
import org.lossforge.trainer.nlfs.SurrogateJobs;
import org.lossforge.trainer.nlfs.SurrogateWorker;

/** The plain-Java pieces of the trainer, as CDI beans. */
@ApplicationScoped
public class TrainerBeans {

    @Produces
    @ApplicationScoped
    RecordDecoder<TrainingJob> decoder(@ConfigProperty(name = "lossforge.schema-registry.url") String registryUrl,
                                       @ConfigProperty(name = "lossforge.schema-registry.timeout", defaultValue = "10s")
                                       Duration timeout) {
        SchemaRegistryClient client = SchemaRegistryClient.shared(registryUrl, timeout);
        return new RecordDecoder<>(new AvroDeserializer<>(TrainingJob.class, client),
                new DeadLetters(Topics.TRAINER, Clock.systemUTC()));
    }

    @Produces
    @ApplicationScoped
    TrainingJobs jobs() {
        return new TrainingJobs();
    }

    @Produces
    @ApplicationScoped
    TrialWorker worker(DjlEngine engine,
                       @ConfigProperty(name = "lossforge.trainer.fit", defaultValue = "model") String fit,
                       @ConfigProperty(name = "lossforge.trainer.oracle.noise", defaultValue = "1.0") double noise,
                       @ConfigProperty(name = "lossforge.trainer.oracle.fit-time", defaultValue = "0ms") Duration fitTime) {
        return switch (fit) {
            case "model" -> new TrialWorker(engine::description, Clock.systemUTC());
            case "oracle" -> new TrialWorker(engine::description, Clock.systemUTC(),
                    new TrialWorker.Oracle(noise, fitTime.toMillis()));
            default -> throw new IllegalArgumentException("lossforge.trainer.fit must be 'model' or 'oracle', got '"
                    + fit + "'");
        };
    }

    /** Every predictor fit under the job deadline (DESIGN.md "Deadline"). */
    @Produces
    @ApplicationScoped
    FitDeadline deadline(TrialWorker worker,
                         @ConfigProperty(name = "lossforge.trainer.job-deadline", defaultValue = "1h") Duration deadline,
                         @ConfigProperty(name = "lossforge.trainer.job-deadline.grace", defaultValue = "5m") Duration grace) {
        return new FitDeadline(worker, deadline, grace, Clock.systemUTC());
    }

    void close(@jakarta.enterprise.inject.Disposes FitDeadline deadline) {
        deadline.close();
    }

    @Produces
    @ApplicationScoped
    RecordDecoder<SurrogateJob> surrogateDecoder(@ConfigProperty(name = "lossforge.schema-registry.url") String registryUrl,
                                                 @ConfigProperty(name = "lossforge.schema-registry.timeout",
                                                         defaultValue = "10s") Duration timeout) {
        SchemaRegistryClient client = SchemaRegistryClient.shared(registryUrl, timeout);
        return new RecordDecoder<>(new AvroDeserializer<>(SurrogateJob.class, client),
                new DeadLetters(Topics.TRAINER, Clock.systemUTC()));
    }

    @Produces
    @ApplicationScoped
    SurrogateJobs surrogateJobs() {
        return new SurrogateJobs();
    }

    /** After the engine (EngineThreads needs it loaded); one surrogate cache for the service. */
    @Produces
    @ApplicationScoped
    SurrogateWorker surrogateWorker(DjlEngine engine,
                                    @ConfigProperty(name = "lossforge.surrogate.threads", defaultValue = "1") int threads) {
        engine.description();
        return new SurrogateWorker(threads);
    }
}
