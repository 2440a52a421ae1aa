package org.lossforge.evaluator;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.ArchResult;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.Outcome;
import org.lossforge.services.common.RawRecord;
import org.lossforge.services.common.RecordDecoder;
import org.lossforge.services.common.TransientFailureException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * lossforge.arch-queries.v1 → lossforge.arch-results.v1 (the answer) and lossforge.evaluations.v1 (the run's
 * progress), or lossforge.dead-letters.v1. The progress evaluation is written first and the answer second, and the
 * query is acknowledged only after both are acknowledged by Kafka: a controller that has its answer can rely on the
 * progress being on its way to the ranker.
 */
@ApplicationScoped
public class ArchQueryConsumer {

    private static final Logger LOG = Logger.getLogger(ArchQueryConsumer.class);

    @Inject
    RecordDecoder<ArchQuery> decoder;

    @Inject
    SearchAnswerer answerer;

    @Inject
    @Channel("arch-results-out")
    Emitter<ArchResult> results;

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

    @Incoming("arch-queries-in")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RawRecord raw = PredictionSetConsumer.raw(message);
        metrics.consumer().consumed(raw.topic());
        Outcome<SearchAnswerer.Answer> outcome;
        try {
            outcome = decoder.decode(raw, answerer::answer);
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot process %s now; not acknowledged", raw.coordinates());
            count("transient_failure");
            return message.nack(e);
        }
        if (outcome instanceof Outcome.Ok<SearchAnswerer.Answer> ok) {
            count("answered");
            ArchResult r = ok.value().result();
            Evaluation progress = ok.value().progress();
            // progress first; its ack sends the answer; the answer's ack acknowledges the query
            Message<byte[]> thenAnswer = Message.of(new byte[0])
                    .withAck(() -> Forward.sendThenAck(results, SearchAnswerer.resultKey(r), r, message))
                    .withNack(message::nack);
            return Forward.sendThenAck(evaluations, EvaluationMapper.key(progress), progress, thenAnswer);
        }
        DeadLetter letter = ((Outcome.Dead<SearchAnswerer.Answer>) outcome).letter();
        LOG.warnf("dead-lettering %s: %s", raw.coordinates(), letter.getReason());
        count("dead_letter");
        metrics.consumer().deadLettered(letter);
        return Forward.sendThenAck(deadLetters, DeadLetters.key(letter), letter, message);
    }

    private void count(String outcome) {
        meters.counter("lossforge.evaluator.arch_queries", "outcome", outcome).increment();
    }
}
