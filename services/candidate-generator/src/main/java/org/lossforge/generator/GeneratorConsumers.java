package org.lossforge.generator;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.generator.nlfs.NlfsPlanner;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.Outcome;
import org.lossforge.services.common.RawRecord;
import org.lossforge.services.common.RecordDecoder;
import org.lossforge.services.common.TransientFailureException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * lossforge.studies.v1 and lossforge.loss-candidates.v1 → lossforge.training-jobs.v1 (or lossforge.dead-letters.v1).
 * Values arrive as raw bytes and are decoded here ({@link RecordDecoder}), so an unreadable or invalid record becomes a
 * dead letter and the channel goes on. Each input is acknowledged only after all its jobs are acknowledged by Kafka
 * ({@link Forward}); records are handled one at a time in offset order (ordered {@code @Blocking}).
 *
 * <p>A third channel, {@code studies-state}, re-reads the compacted studies topic from the beginning on every start
 * (a group id unique to the instance, nothing committed) and only fills the {@link StudyBook}, so candidates of
 * studies requested before a restart are still recognised; it emits nothing.
 */
@ApplicationScoped
public class GeneratorConsumers {

    private static final Logger LOG = Logger.getLogger(GeneratorConsumers.class);

    @Inject
    RecordDecoder<StudyRequested> studies;

    @Inject
    RecordDecoder<LossCandidate> candidates;

    @Inject
    RecordDecoder<NlfsRunRequested> nlfsRuns;

    @Inject
    JobPlanner planner;

    @Inject
    StudyBook book;

    @Inject
    @Channel("training-jobs-out")
    Emitter<TrainingJob> jobs;

    @Inject
    @Channel("surrogate-jobs-out")
    Emitter<SurrogateJob> surrogateJobs;

    @Inject
    @Channel("dead-letters-out")
    Emitter<DeadLetter> deadLetters;

    @Inject
    MeterRegistry meters;

    @Inject
    GeneratorMetrics metrics;

    record PlannedStudy(StudyRequested study, List<TrainingJob> jobs) {
    }

    record PlannedCandidate(LossCandidate candidate, StudyBook.Planned planned) {
    }

    @Incoming("studies-in")
    @Blocking
    public CompletionStage<Void> study(Message<byte[]> message) {
        RawRecord raw = raw(message);
        metrics.consumer().consumed(raw.topic());
        Outcome<PlannedStudy> outcome;
        try {
            outcome = studies.decode(raw, s -> new PlannedStudy(s, planner.plan(s)));
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot process %s now; not acknowledged", raw.coordinates());
            count("study", "transient_failure");
            return message.nack(e);
        }
        if (outcome instanceof Outcome.Ok<PlannedStudy> ok) {
            book.remember(ok.value().study());
            count("study", "planned");
            LOG.infof("study %s: %d training jobs", ok.value().study().getStudyId(), ok.value().jobs().size());
            return Forward.sendAllThenAck(jobs, ok.value().jobs(), JobPlanner::key, message, null);
        }
        return dead(raw, ((Outcome.Dead<PlannedStudy>) outcome).letter(), message, "study");
    }

    @Incoming("studies-state")
    @Blocking
    public CompletionStage<Void> rememberStudy(Message<byte[]> message) {
        RawRecord raw = raw(message);
        try {
            Outcome<StudyRequested> outcome = studies.decode(raw, planner::validate);
            if (outcome instanceof Outcome.Ok<StudyRequested> ok) {
                book.remember(ok.value());
            }   // an invalid study is dead-lettered by studies-in; nothing to remember
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot read %s now; not acknowledged", raw.coordinates());
            return message.nack(e);
        }
        return message.ack();
    }

    @Incoming("nlfs-runs-state")
    @Blocking
    public CompletionStage<Void> rememberRun(Message<byte[]> message) {
        RawRecord raw = raw(message);
        try {
            Outcome<NlfsRunRequested> outcome = nlfsRuns.decode(raw, r -> {
                NlfsPlanner.config(r);
                return r;
            });
            if (outcome instanceof Outcome.Ok<NlfsRunRequested> ok) {
                book.rememberRun(ok.value());
            }   // an invalid run is dead-lettered by the evolver
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot read %s now; not acknowledged", raw.coordinates());
            return message.nack(e);
        }
        return message.ack();
    }

    @Incoming("loss-candidates-in")
    @Blocking
    public CompletionStage<Void> candidate(Message<byte[]> message) {
        RawRecord raw = raw(message);
        metrics.consumer().consumed(raw.topic());
        Outcome<PlannedCandidate> outcome;
        try {
            outcome = candidates.decode(raw, c -> new PlannedCandidate(c, book.planAny(c)));
        } catch (TransientFailureException e) {
            LOG.errorf(e, "cannot process %s now; not acknowledged", raw.coordinates());
            count("candidate", "transient_failure");
            return message.nack(e);
        }
        if (outcome instanceof Outcome.Ok<PlannedCandidate> ok) {
            LossCandidate c = ok.value().candidate();
            StudyBook.Planned p = ok.value().planned();
            count("candidate", p.duplicate() ? "duplicate" : "planned");
            if (p.surrogate() != null) {
                LOG.infof("NLFS candidate %s of run %s: %s", c.getCandidateId(), c.getStudyId(), p.surrogate().getLoss());
                return Forward.sendAllThenAck(surrogateJobs, List.of(p.surrogate()), SurrogateJob::getRunId, message,
                        () -> book.forget(c));
            }
            LOG.infof("candidate %s of study %s: %d training jobs", c.getCandidateId(), c.getStudyId(), p.jobs().size());
            return Forward.sendAllThenAck(jobs, p.jobs(), JobPlanner::key, message, () -> book.forget(c));
        }
        return dead(raw, ((Outcome.Dead<PlannedCandidate>) outcome).letter(), message, "candidate");
    }

    private CompletionStage<Void> dead(RawRecord raw, DeadLetter letter, Message<byte[]> message, String input) {
        LOG.warnf("dead-lettering %s: %s", raw.coordinates(), letter.getReason());
        count(input, "dead_letter");
        metrics.consumer().deadLettered(letter);
        return Forward.sendThenAck(deadLetters, DeadLetters.key(letter), letter, message);
    }

    @SuppressWarnings("unchecked")
    static RawRecord raw(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<byte[], byte[]> m = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        return new RawRecord(m.getTopic(), m.getPartition(), m.getOffset(), m.getKey(), message.getPayload());
    }

    private void count(String input, String outcome) {
        meters.counter("lossforge.generator.records", "input", input, "outcome", outcome).increment();
    }
}
