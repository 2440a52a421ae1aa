package org.lossforge.trainer.search;

import org.lossforge.trainer.TrainerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lossforge.core.search.SearchConfig;
import org.lossforge.core.search.SearchState;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.SearchRequested;
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
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The search controller: lossforge.searches.v1 → rounds of lossforge.arch-queries.v1, answered on
 * lossforge.arch-results.v1, each round's state saved on lossforge.search-state.v1 ({@link SearchRuns}). One run at a
 * time, in offset order; the request is acknowledged when its run has spent its budget, so a controller stopped
 * mid-run gets the request again and resumes from the saved state. An invalid request is dead-lettered.
 */
@ApplicationScoped
public class SearchConsumer {

    private static final Logger LOG = Logger.getLogger(SearchConsumer.class);

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

    @ConfigProperty(name = "lossforge.search.answer-timeout", defaultValue = "5m")
    Duration answerTimeout;

    @Inject
    @Channel("dead-letters-out")
    Emitter<DeadLetter> deadLetters;

    @Inject
    MeterRegistry meters;

    @Inject
    TrainerMetrics metrics;

    private SearchRuns runs;
    private RecordDecoder<SearchRequested> decoder;
    private final DeadLetters letters = new DeadLetters(Topics.TRAINER, Clock.systemUTC());
    private KafkaSearchPort port;
    private volatile boolean stopping;

    /** Shutdown starts: a run in progress stops before its next round (it resumes after the restart). */
    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    private synchronized void init() {
        if (runs == null) {
            SchemaRegistryClient client = SchemaRegistryClient.shared(registryUrl, Duration.ofSeconds(10));
            decoder = new RecordDecoder<>(new AvroDeserializer<>(SearchRequested.class, client),
                    letters);
            runs = new SearchRuns(Clock.systemUTC(), answerTimeout);
        }
        if (port == null) {
            port = new KafkaSearchPort(new PlainKafka(kafkaConfig, plainReads, plainWrites),
                    SchemaRegistryClient.shared(registryUrl, Duration.ofSeconds(10)), letters, this::deadLetterAnswer);
        }
    }

    record Request(SearchRequested request, SearchConfig config) {
    }

    @Incoming("searches-in")
    @Blocking
    public CompletionStage<Void> search(Message<byte[]> message) {
        init();
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<byte[], byte[]> m = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        RawRecord raw = new RawRecord(m.getTopic(), m.getPartition(), m.getOffset(), m.getKey(), message.getPayload());
        metrics.consumer().consumed(raw.topic());
        Outcome<Request> outcome;
        try {
            outcome = decoder.decode(raw, r -> new Request(r, runs.config(r)));
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot read %s now; not acknowledged", raw.coordinates());
            return message.nack(e);
        }
        if (outcome instanceof Outcome.Dead<Request> dead) {
            return dead(raw, dead.letter(), message);
        }
        Request req = ((Outcome.Ok<Request>) outcome).value();
        String runId = req.request().getRunId();
        try {
            long t0 = System.nanoTime();
            SearchState end = runs.run(req.request(), req.config(), port, () -> stopping);
            LOG.infof("search run %s done: %d queries, %d rounds, %.1f s", runId, end.size(), end.round(),
                    (System.nanoTime() - t0) / 1e9);
            meters.counter("lossforge.trainer.search_runs", "outcome", "done").increment();
            return message.ack();
        } catch (SearchRuns.Stopped e) {
            LOG.info(e.getMessage());
            return CompletableFuture.completedFuture(null);   // not acknowledged: redelivered
        } catch (InvalidRecordException e) {
            return dead(raw, letters.of(raw, e.getMessage(), e.getCause()), message);
        } catch (RuntimeException e) {   // Kafka or the evaluator unavailable: the run resumes when re-delivered
            LOG.errorf(e, "search run %s stopped; not acknowledged", runId);
            closePort();
            return message.nack(e);
        }
    }

    private CompletionStage<Void> dead(RawRecord raw, DeadLetter letter, Message<byte[]> message) {
        LOG.warnf("dead-lettering %s: %s", raw.coordinates(), letter.getReason());
        meters.counter("lossforge.trainer.search_runs", "outcome", "dead_letter").increment();
        metrics.consumer().deadLettered(letter);
        return org.lossforge.trainer.Forward.sendThenAck(deadLetters, DeadLetters.key(letter), letter, message);
    }

    /** An answer on lossforge.arch-results.v1 that cannot be read, published before the run goes on. */
    private void deadLetterAnswer(DeadLetter letter) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        String key = DeadLetters.key(letter);
        deadLetters.send(Message.of(letter)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    acked.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            acked.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while dead-lettering " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientFailureException("cannot dead-letter " + key + ": " + e, e);
        }
        LOG.warnf("dead-lettered %s: %s", key, letter.getReason());
        meters.counter("lossforge.trainer.search_runs", "outcome", "dead_letter_answer").increment();
        metrics.consumer().deadLettered(letter);
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
