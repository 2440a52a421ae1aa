package org.lossforge.trainer.nlfs;

import org.lossforge.trainer.TrainerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lossforge.core.classify.SurrogateResult;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.Outcome;
import org.lossforge.services.common.RawRecord;
import org.lossforge.services.common.RecordDecoder;
import org.lossforge.services.common.TransientFailureException;
import org.lossforge.trainer.Forward;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * lossforge.surrogate-jobs.v1 → lossforge.evaluations.v1 (or lossforge.dead-letters.v1): NLFS candidates scored by the
 * surrogate CNN.
 *
 * <p>One job at a time, in offset order, on the {@code lossforge-surrogate} worker pool (its own, so surrogate jobs and
 * predictor jobs do not queue behind each other). The input is acknowledged only after Kafka has acknowledged the
 * evaluation ({@link Forward}); with the throttled commit strategy a job is trained at least once. A crash between the
 * evaluation and the commit trains it again: same seed and settings, the same fitness, and the ranker counts each
 * trialId once.
 */
@ApplicationScoped
public class SurrogateJobConsumer {

    private static final Logger LOG = Logger.getLogger(SurrogateJobConsumer.class);

    @Inject
    RecordDecoder<SurrogateJob> decoder;

    @Inject
    SurrogateJobs jobs;

    @Inject
    SurrogateWorker worker;

    @Inject
    @Channel("evaluations-out")
    Emitter<Evaluation> evaluations;

    @Inject
    @Channel("dead-letters-out")
    Emitter<DeadLetter> deadLetters;

    @Inject
    MeterRegistry meters;

    @Inject
    TrainerMetrics metrics;

    private final Clock clock = Clock.systemUTC();

    @Incoming("surrogate-jobs-in")
    @Blocking(value = "lossforge-surrogate", ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RawRecord raw = raw(message);
        metrics.consumer().consumed(raw.topic());
        Outcome<SurrogateInputs> outcome;
        try {
            outcome = decoder.decode(raw, jobs::inputs);
        } catch (TransientFailureException e) {
            return transientFailure(raw, e, message);
        }
        if (outcome instanceof Outcome.Dead<SurrogateInputs> dead) {
            return deadLetter(dead.letter(), message);
        }
        SurrogateInputs in = ((Outcome.Ok<SurrogateInputs>) outcome).value();
        SurrogateResult r;
        Timer.Sample sample = Timer.start(meters);
        try {
            r = worker.train(in);
        } catch (TransientFailureException e) {   // the image data cannot be read: not the job's fault
            return transientFailure(raw, e, message);
        } catch (InvalidRecordException e) {      // core cannot build a surrogate from these settings
            return deadLetter(decoder.deadLetters().of(raw, e.getMessage(), e.getCause()), message);
        }
        Evaluation ev = SurrogateEvaluations.of(in, r, Instant.now(clock));
        String tag = ev.getFitness() != null ? "trained" : "failed_trial";
        sample.stop(metrics.surrogate(tag));
        count(tag);
        if (ev.getFitness() == null) {
            LOG.infof("candidate %s (%s) failed: %s", in.job().getCandidateId(), ev.getTrialId(), ev.getError());
        } else {
            LOG.debugf("candidate %s (%s): fitness %.4f in %.1f s", in.job().getCandidateId(), ev.getTrialId(),
                    ev.getFitness(), ev.getTrainSeconds());
        }
        return Forward.sendThenAck(evaluations, Keys.config(ev), ev, message);
    }

    private CompletionStage<Void> transientFailure(RawRecord raw, TransientFailureException e, Message<byte[]> message) {
        LOG.errorf(e, "cannot process %s now; not acknowledged", raw.coordinates());
        count("transient_failure");
        return message.nack(e);
    }

    private CompletionStage<Void> deadLetter(DeadLetter letter, Message<byte[]> message) {
        LOG.warnf("dead-lettering %s/%d/%d: %s", letter.getOriginalTopic(), letter.getPartition(), letter.getOffset(),
                letter.getReason());
        count("dead_letter");
        metrics.consumer().deadLettered(letter);
        return Forward.sendThenAck(deadLetters, DeadLetters.key(letter), letter, message);
    }

    @SuppressWarnings("unchecked")
    private static RawRecord raw(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<byte[], byte[]> m = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        return new RawRecord(m.getTopic(), m.getPartition(), m.getOffset(), m.getKey(), message.getPayload());
    }

    private void count(String outcome) {
        meters.counter("lossforge.trainer.surrogate_jobs", "outcome", outcome).increment();
    }
}
