package org.lossforge.trainer;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.Outcome;
import org.lossforge.services.common.RawRecord;
import org.lossforge.services.common.RecordDecoder;
import org.lossforge.services.common.TransientFailureException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * lossforge.training-jobs.v1 → lossforge.prediction-sets.v1 (or lossforge.dead-letters.v1).
 *
 * <p>Jobs are trained on the {@code lossforge-trainer} worker pool, at most {@code lossforge.trainer.concurrency}
 * at a time (unordered: a long job does not hold back the others). Each input is acknowledged only after Kafka has
 * acknowledged its output ({@link Forward}); the connector's throttled commit strategy commits an offset once every
 * record before it is acknowledged. So a job is trained at least once; a crash between output and commit trains it
 * again, which is harmless (same seed, same scores; the ranker counts each trialId once).
 */
@ApplicationScoped
public class TrainingJobConsumer {

    private static final Logger LOG = Logger.getLogger(TrainingJobConsumer.class);

    @Inject
    RecordDecoder<TrainingJob> decoder;

    @Inject
    TrainingJobs jobs;

    @Inject
    FitDeadline fits;

    @Inject
    @Channel("prediction-sets-out")
    Emitter<PredictionSet> predictionSets;

    @Inject
    @Channel("dead-letters-out")
    Emitter<DeadLetter> deadLetters;

    @Inject
    MeterRegistry meters;

    @Inject
    TrainerMetrics metrics;

    @Incoming("training-jobs-in")
    @Blocking(value = "lossforge-trainer", ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RawRecord raw = raw(message);
        metrics.consumer().consumed(raw.topic());
        Outcome<TrialInputs> outcome;
        try {
            outcome = decoder.decode(raw, jobs::inputs);
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot process %s now; not acknowledged", raw.coordinates());
            count("transient_failure");
            return message.nack(e);
        }
        if (outcome instanceof Outcome.Dead<TrialInputs> dead) {
            return deadLetter(dead.letter(), message);
        }
        TrialInputs in = ((Outcome.Ok<TrialInputs>) outcome).value();
        PredictionSet p;
        Timer.Sample sample = Timer.start(meters);
        try {
            p = fits.train(in);
        } catch (RuntimeException e) {
            // not the loss refusing the data (that is a prediction set with error): keep the job for a replay
            LOG.errorf(e, "training %s threw", in.job().getTrialId());
            return deadLetter(decoder.deadLetters().of(raw, RecordDecoder.PROCESSING_FAILED + ": training threw " + e, e),
                    message);
        }
        String outcomeTag = p.getError() == null ? "trained" : "failed_trial";
        sample.stop(metrics.fit(outcomeTag));
        count(outcomeTag);
        if (p.getError() != null) {
            LOG.infof("trial %s failed: %s", p.getTrialId(), p.getError());
        } else {
            LOG.debugf("trial %s trained in %d ms", p.getTrialId(), p.getFitMillis());
        }
        return Forward.sendThenAck(predictionSets, TrainingJobs.key(in.job()), p, message);
    }

    private CompletionStage<Void> deadLetter(DeadLetter letter, Message<byte[]> message) {
        LOG.warnf("dead-lettering %s/%d/%d: %s", letter.getOriginalTopic(), letter.getPartition(), letter.getOffset(),
                letter.getReason());
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
        meters.counter("lossforge.trainer.jobs", "outcome", outcome).increment();
    }
}
