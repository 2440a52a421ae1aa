package org.lossforge.generator.nlfs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.core.nlfs.Candidate;
import org.lossforge.core.nlfs.Evolution;
import org.lossforge.core.nlfs.EvolutionState;
import org.lossforge.core.nlfs.Member;
import org.lossforge.core.nlfs.Nlfs;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.NlfsProgress;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.TransientFailureException;

/**
 * The NLFS evolver's loop over core's pure state machine ({@link Evolution}): resume from the run's latest saved state
 * (or start), propose a loss, publish it as a {@link LossCandidate} (kind EXPRESSION, keyed by the run id: the same
 * event a person injects), wait for its {@link Evaluation} (matched by trial id: the run's loss), record the fitness
 * (or the failure), save the whole state, repeat until the run's cycles are done. Plain Java over a {@link Port}, so
 * it is tested without Kafka.
 *
 * <p>Restart safety: the state is saved after every candidate (before the next is proposed); proposals are a
 * function of the state, so a restarted evolver proposes the same candidate again. Before publishing it asks the
 * port whether the candidate's evaluation already exists (its loss was trained before, in this run) or the candidate
 * was already published (then it only waits): nothing is trained twice because of a restart.
 */
public final class EvolutionRuns {

    private static final Logger LOG = Logger.getLogger(EvolutionRuns.class);

    /** Where the loop reads and writes; Kafka in the service ({@link KafkaEvolutionPort}), memory in tests. */
    public interface Port {
        /** The run's latest saved progress, or null. */
        NlfsProgress latest(String runId);

        /** Saves progress (acknowledged by the broker before it returns). */
        void save(NlfsProgress progress);

        /** The evaluation of a trial of the run if one exists already, without waiting. */
        Evaluation known(String runId, String trialId);

        /** Whether a candidate with this id was already published for the run. */
        boolean published(String runId, String candidateId);

        /** Publishes a candidate (acknowledged before it returns). */
        void publish(LossCandidate candidate);

        /** Waits up to {@code within} for the evaluation of a trial; null when none came. */
        Evaluation await(String runId, String trialId, Duration within);
    }

    /** Thrown when the run was asked to stop (shutdown) between candidates; the request is not acknowledged. */
    public static final class Stopped extends RuntimeException {
        Stopped(String runId, long step) {
            super("NLFS run " + runId + " stopped at step " + step + " (shutdown); the next evolver resumes it");
        }
    }

    /** Observes each scored, failed or skipped proposal (for logs and tests). */
    public interface Listener {
        void scored(EvolutionState before, Candidate candidate, Evaluation evaluation, boolean publishedNow);
    }

    private final Clock clock;
    private final Duration evaluationTimeout;

    public EvolutionRuns(Clock clock, Duration evaluationTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.evaluationTimeout = Objects.requireNonNull(evaluationTimeout, "evaluationTimeout");
    }

    /** Candidate id of a proposal: {@code <runId>.s<step>.t<try>} (unique per proposal, within Keys.ID's 64 chars). */
    public static String candidateId(String runId, Candidate c) {
        return runId + ".s" + c.step() + ".t" + c.trainingTry();
    }

    /** Runs (or resumes) a run to its end and returns the final state. */
    public EvolutionState run(NlfsRunRequested run, Port port, BooleanSupplier stopping, Listener listener) {
        NlfsRunConfig cfg = NlfsPlanner.config(run);
        String runId = run.getRunId();
        NlfsProgress saved = port.latest(runId);
        EvolutionState state;
        if (saved == null) {
            state = Evolution.start(cfg.evolution());
        } else {
            state = EvolutionState.parse(saved.getState());
            if (!state.config().equals(cfg.evolution())) {
                throw new InvalidRecordException("RUN_ID_REUSED", "NLFS run " + runId + " was started with other "
                        + "evolution settings or seed (" + state.config() + "); use a new run id");
            }
            LOG.infof("NLFS run %s resumes at step %d (cycle %d, %s)", runId, state.step(), state.cycle(), state.phase());
        }
        while (!state.finished()) {
            if (stopping.getAsBoolean()) {
                throw new Stopped(runId, state.step());
            }
            EvolutionState before = state;
            Optional<Candidate> proposal = Evolution.propose(state);
            if (proposal.isEmpty()) {
                state = Evolution.skip(state);
                port.save(progress(runId, state));
                listener.scored(before, null, null, false);
                continue;
            }
            Candidate c = proposal.get();
            Nlfs.Checked screen = Nlfs.check(c.expression());
            if (!screen.valid()) {   // the generator would refuse it: a failed training, as the authors' code counts one
                LOG.warnf("NLFS run %s: proposal %s does not pass the screen (%s); counted as failed", runId, c, screen.reason());
                state = Evolution.fail(state, c);
                port.save(progress(runId, state));
                listener.scored(before, c, null, false);
                continue;
            }
            String loss = org.lossforge.core.classify.CandidateLosses.printed(screen);
            String trialId = NlfsPlanner.trialId(runId, cfg, loss);
            Evaluation e = port.known(runId, trialId);
            boolean publishedNow = false;
            if (e == null) {
                String id = candidateId(runId, c);
                if (!port.published(runId, id)) {
                    port.publish(LossCandidate.newBuilder().setCandidateId(id).setStudyId(runId)
                            .setKind(LossKind.EXPRESSION).setSpec(c.expression()).setDisplayName(null)
                            .setSubmittedBy("nlfs-evolver/" + runId)
                            .setSubmittedAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS)).build());
                    publishedNow = true;
                }
                e = await(port, runId, trialId, stopping, state.step());
            }
            Double fitness = e.getFitness();
            if (e.getStatus() == EvaluationStatus.OK && fitness != null && Double.isFinite(fitness)) {
                state = Evolution.accept(state, c, fitness);
            } else {
                state = Evolution.fail(state, c);
            }
            port.save(progress(runId, state));
            listener.scored(before, c, e, publishedNow);
        }
        return state;
    }

    /** Waits in short slices, so a shutdown is not held up by a long training; bounded by the evaluation timeout. */
    private Evaluation await(Port port, String runId, String trialId, BooleanSupplier stopping, long step) {
        long deadline = System.nanoTime() + evaluationTimeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Evaluation e = port.await(runId, trialId, Duration.ofNanos(Math.max(0, Math.min(left, SLICE.toNanos()))));
            if (e != null) {
                return e;
            }
            if (stopping.getAsBoolean()) {
                throw new Stopped(runId, step);
            }
            if (System.nanoTime() >= deadline) {
                throw new TransientFailureException("no evaluation of " + trialId + " within " + evaluationTimeout
                        + " (are the generator and the trainer up?)", null);
            }
        }
    }

    private static final Duration SLICE = Duration.ofSeconds(2);

    NlfsProgress progress(String runId, EvolutionState s) {
        Member best = s.best();
        return NlfsProgress.newBuilder().setRunId(runId).setStep(s.step()).setCycle(s.cycle()).setPhase(s.phase().name())
                .setDone(s.finished()).setBestFitness(best == null ? null : best.fitness())
                .setBestLoss(best == null ? null : best.expression()).setState(s.toText())
                .setUpdatedAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS)).build();
    }
}
