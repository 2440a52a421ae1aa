package org.lossforge.evaluator;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.Outcome;
import org.lossforge.services.common.RawRecord;
import org.lossforge.services.common.RecordDecoder;
import org.lossforge.services.common.TransientFailureException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * lossforge.prediction-sets.v1 → lossforge.evaluations.v1 (or lossforge.dead-letters.v1). Values arrive as raw bytes
 * and are decoded here ({@link RecordDecoder}), so an unreadable or invalid record becomes a dead letter and the
 * channel goes on. Each input is acknowledged only after its output is acknowledged by Kafka ({@link Forward}), and
 * records are handled one at a time in offset order (ordered {@code @Blocking}: metrics over a whole space are CPU work).
 */
@ApplicationScoped
public class PredictionSetConsumer {

    private static final Logger LOG = Logger.getLogger(PredictionSetConsumer.class);

    @Inject
    RecordDecoder<PredictionSet> decoder;

    @Inject
    EvaluationMapper mapper;

    @Inject
    @Channel("evaluations-out")
    Emitter<Evaluation> evaluations;

    @Inject
    @Channel("dead-letters-out")
    Emitter<DeadLetter> deadLetters;

    @Inject
    MeterRegistry meters;

    @Inject
    EvaluatorMetrics metrics;

    @Incoming("prediction-sets-in")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RawRecord raw = raw(message);
        metrics.consumer().consumed(raw.topic());
        Outcome<Evaluation> outcome;
        try {
            outcome = decoder.decode(raw, mapper::evaluate);
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot process %s now; not acknowledged", raw.coordinates());
            count("transient_failure");
            return message.nack(e);
        }
        if (outcome instanceof Outcome.Ok<Evaluation> ok) {
            Evaluation e = ok.value();
            count(e.getStatus() == EvaluationStatus.OK ? "evaluated" : "failed_trial");
            return Forward.sendThenAck(evaluations, EvaluationMapper.key(e), e, message);
        }
        DeadLetter letter = ((Outcome.Dead<Evaluation>) outcome).letter();
        LOG.warnf("dead-lettering %s: %s", raw.coordinates(), letter.getReason());
        count("dead_letter");
        metrics.consumer().deadLettered(letter);
        return Forward.sendThenAck(deadLetters, DeadLetters.key(letter), letter, message);
    }

    @SuppressWarnings("unchecked")
    static RawRecord raw(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<byte[], byte[]> m = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        return new RawRecord(m.getTopic(), m.getPartition(), m.getOffset(), m.getKey(), message.getPayload());
    }

    private void count(String outcome) {
        meters.counter("lossforge.evaluator.records", "outcome", outcome).increment();
    }
}
