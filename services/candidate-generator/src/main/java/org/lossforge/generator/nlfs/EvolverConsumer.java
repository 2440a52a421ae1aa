package org.lossforge.generator.nlfs;

import org.lossforge.generator.GeneratorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lossforge.core.nlfs.EvolutionState;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.Outcome;
import org.lossforge.services.common.PlainKafka;
import org.lossforge.services.common.RawRecord;
import org.lossforge.services.common.RecordDecoder;
import org.lossforge.services.common.TransientFailureException;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * The NLFS evolver: lossforge.nlfs-runs.v1 → candidates on lossforge.loss-candidates.v1, fitness from
 * lossforge.evaluations.v1, the state after every candidate on lossforge.nlfs-state.v1 ({@link EvolutionRuns}). One
 * run at a time, in offset order; the request is acknowledged when the run is done, so an evolver stopped mid-run
 * gets the request again and resumes from the saved state. An invalid request is dead-lettered
 * ({@code INVALID_NLFS_RUN}, {@code RUN_ID_REUSED}).
 */
@ApplicationScoped
public class EvolverConsumer {

    private static final Logger LOG = Logger.getLogger(EvolverConsumer.class);

    /** The service's {@code kafka.*} configuration (bootstrap and security), prefix removed. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = PlainKafka.READS)
    List<String> plainReads;

    @ConfigProperty(name = PlainKafka.WRITES)
    List<String> plainWrites;

    @ConfigProperty(name = "lossforge.schema-registry.url")
    String registryUrl;

    @ConfigProperty(name = "lossforge.nlfs.evaluation-timeout", defaultValue = "30m")
    Duration evaluationTimeout;

    @Inject
    @Channel("dead-letters-out")
    Emitter<DeadLetter> deadLetters;

    @Inject
    MeterRegistry meters;

    @Inject
    GeneratorMetrics metrics;

    private final DeadLetters letters = new DeadLetters(Topics.CANDIDATE_GENERATOR, Clock.systemUTC());
    private RecordDecoder<NlfsRunRequested> decoder;
    private EvolutionRuns runs;
    private KafkaEvolutionPort port;
    private volatile boolean stopping;

    /** Shutdown starts: a run in progress stops before its next candidate (it resumes after the restart). */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private synchronized void init() {
        SchemaRegistryClient client = SchemaRegistryClient.shared(registryUrl, Duration.ofSeconds(10));
        if (runs == null) {
            decoder = new RecordDecoder<>(new AvroDeserializer<>(NlfsRunRequested.class, client), letters);
            runs = new EvolutionRuns(Clock.systemUTC(), evaluationTimeout);
        }
        if (port == null) {
            port = new KafkaEvolutionPort(new PlainKafka(kafkaConfig, plainReads, plainWrites), client);
        }
    }

    @Incoming("nlfs-runs-in")
    @Blocking
    public CompletionStage<Void> run(Message<byte[]> message) {
        init();
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<byte[], byte[]> m = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        RawRecord raw = new RawRecord(m.getTopic(), m.getPartition(), m.getOffset(), m.getKey(), message.getPayload());
        metrics.consumer().consumed(raw.topic());
        Outcome<NlfsRunRequested> outcome;
        try {
            outcome = decoder.decode(raw, r -> {
                NlfsPlanner.config(r);
                return r;
            });
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot read %s now; not acknowledged", raw.coordinates());
            return message.nack(e);
        }
        if (outcome instanceof Outcome.Dead<NlfsRunRequested> dead) {
            return dead(raw, dead.letter(), message);
        }
        NlfsRunRequested run = ((Outcome.Ok<NlfsRunRequested>) outcome).value();
        try {
            long t0 = System.nanoTime();
            EvolutionState end = runs.run(run, port, () -> stopping, (before, c, e, now) -> meters.counter(
                    "lossforge.generator.nlfs_candidates", "outcome", c == null ? "skipped"
                            : e == null ? "screen_failed" : now ? "trained" : "reused").increment());
            LOG.infof("NLFS run %s done: %d steps, %d cycles, best %s (%.3f), %.1f s", run.getRunId(), end.step(),
                    end.cycle(), end.best() == null ? "-" : end.best().expression(),
                    end.best() == null ? Double.NaN : end.best().fitness(), (System.nanoTime() - t0) / 1e9);
            meters.counter("lossforge.generator.nlfs_runs", "outcome", "done").increment();
            return message.ack();
        } catch (EvolutionRuns.Stopped e) {
            LOG.info(e.getMessage());
            return CompletableFuture.completedFuture(null);   // not acknowledged: redelivered after the restart
        } catch (InvalidRecordException e) {
            return dead(raw, letters.of(raw, e.getMessage(), e.getCause()), message);
        } catch (RuntimeException e) {   // Kafka, the trainer or the registry unavailable: resumes when redelivered
            LOG.errorf(e, "NLFS run %s stopped; not acknowledged", run.getRunId());
            closePort();
            return message.nack(e);
        }
    }

    private CompletionStage<Void> dead(RawRecord raw, DeadLetter letter, Message<byte[]> message) {
        LOG.warnf("dead-lettering %s: %s", raw.coordinates(), letter.getReason());
        meters.counter("lossforge.generator.nlfs_runs", "outcome", "dead_letter").increment();
        metrics.consumer().deadLettered(letter);
        return org.lossforge.generator.Forward.sendThenAck(deadLetters, DeadLetters.key(letter), letter, message);
    }

    private synchronized void closePort() {
        if (port != null) {
            port.close();
            port = null;
        }
    }

    @PreDestroy
    void close() {
        closePort();
    }
}
