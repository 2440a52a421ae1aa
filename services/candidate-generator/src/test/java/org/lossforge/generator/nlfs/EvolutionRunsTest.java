package org.lossforge.generator.nlfs;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lossforge.core.nlfs.EvolutionState;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.NlfsProgress;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.services.common.InvalidRecordException;

/**
 * The evolver's loop over an in-memory port that plays generator and trainer: a candidate is screened and planned by
 * the real {@link NlfsPlanner}, "trained" once per trial id (a fitness drawn from the trial id; one loss in seven
 * fails), and its evaluation appears. Crashes are injected at every kind of point; the resumed run must end exactly
 * like the uninterrupted one and nothing may be trained twice.
 */
class EvolutionRunsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    static final NlfsPlanner PLANNER = new NlfsPlanner(CLOCK);

    static NlfsRunRequested run(String id, long seed, long cycles) {
        return NlfsRunRequested.newBuilder().setRunId(id).setSeed(seed)
                .setSettings(Map.of("preset", "tiny", "population", "5", "initial_pool", "7", "rescore", "false",
                        "tournament", "3", "cycles", Long.toString(cycles)))
                .setRequestedAt(CLOCK.instant()).setRequestedBy(null).build();
    }

    /** Thrown by the port to simulate a process dying at that point. */
    static final class Crash extends RuntimeException {
    }

    static final class MemoryPort implements EvolutionRuns.Port {
        final NlfsRunRequested run;
        final Map<String, Evaluation> evaluations = new LinkedHashMap<>();
        final List<LossCandidate> candidates = new ArrayList<>();
        final List<NlfsProgress> saved = new ArrayList<>();
        final Map<String, Integer> trainings = new HashMap<>();
        /** Crash when this operation ("publish", "await", "save") is reached for the n-th time (1-based); 0 = never. */
        String crashOp = "";
        int crashAt;
        final Map<String, Integer> ops = new HashMap<>();

        MemoryPort(NlfsRunRequested run) {
            this.run = run;
        }

        void maybeCrash(String op) {
            int n = ops.merge(op, 1, Integer::sum);
            if (op.equals(crashOp) && n == crashAt) {
                throw new Crash();
            }
        }

        @Override
        public NlfsProgress latest(String runId) {
            return saved.isEmpty() ? null : saved.get(saved.size() - 1);
        }

        @Override
        public void save(NlfsProgress progress) {
            maybeCrash("save");
            saved.add(progress);
        }

        @Override
        public Evaluation known(String runId, String trialId) {
            return evaluations.get(trialId);
        }

        @Override
        public boolean published(String runId, String candidateId) {
            return candidates.stream().anyMatch(c -> c.getCandidateId().equals(candidateId));
        }

        @Override
        public void publish(LossCandidate c) {
            maybeCrash("publish");
            candidates.add(c);
            // generator + trainer: screened and planned by the real planner, trained once per trial id
            SurrogateJob job = PLANNER.plan(c, run);
            if (!evaluations.containsKey(job.getTrialId())) {
                trainings.merge(job.getTrialId(), 1, Integer::sum);
                long h = job.getTrialId().hashCode() & 0xffffffffL;
                boolean failed = h % 7 == 0;
                evaluations.put(job.getTrialId(), Evaluation.newBuilder().setTrialId(job.getTrialId())
                        .setStudyId(run.getRunId()).setBenchmark("nlfs").setDataset("fashion-mnist").setTrainSize(3000)
                        .setLoss(job.getLoss()).setCandidateId(c.getCandidateId()).setSeedIndex(0).setSeed(job.getSeed())
                        .setStatus(failed ? EvaluationStatus.FAILED : EvaluationStatus.OK)
                        .setError(failed ? "DIVERGED: loss is NaN at epoch 0, step 3" : null)
                        .setKendallTauB(Double.NaN).setSpearman(Double.NaN).setP05(Double.NaN).setP1(Double.NaN)
                        .setP5(Double.NaN).setP10(Double.NaN).setN1(Double.NaN).setN5(Double.NaN).setN10(Double.NaN)
                        .setRegret10(Double.NaN).setEvalMetric("valid_accuracy").setEvaluatedAt(CLOCK.instant())
                        .setFitness(failed ? null : (h % 1000) / 1000.0).setTrainSeconds(1.0).build());
            }
        }

        @Override
        public Evaluation await(String runId, String trialId, Duration within) {
            maybeCrash("await");
            Evaluation e = evaluations.get(trialId);
            assertNotNull(e, "a published candidate's evaluation arrives");
            return e;
        }
    }

    static EvolutionState runToEnd(EvolutionRuns runs, NlfsRunRequested run, MemoryPort port) {
        return runs.run(run, port, () -> false, (b, c, e, now) -> { });
    }

    @Test
    void aRunEndsAfterItsCyclesAndTrainsEachLossOnce() {
        NlfsRunRequested run = run("re-1", 11, 25);
        MemoryPort port = new MemoryPort(run);
        List<String> kinds = new ArrayList<>();
        EvolutionState end = new EvolutionRuns(CLOCK, Duration.ofSeconds(1)).run(run, port, () -> false,
                (b, c, e, now) -> kinds.add(c == null ? "skip" : e == null ? "screen" : now ? "trained" : "reused"));
        assertTrue(end.finished());
        assertEquals(25, end.cycle());
        assertEquals(5, end.population().size());
        assertTrue(port.trainings.values().stream().allMatch(n -> n == 1), "no loss trained twice: " + port.trainings);
        assertEquals(port.saved.size(), kinds.size(), "the state is saved after every proposal");
        NlfsProgress last = port.saved.get(port.saved.size() - 1);
        assertTrue(last.getDone());
        assertEquals(end.toText(), last.getState());
        assertEquals(end.best().fitness(), last.getBestFitness());
        for (LossCandidate c : port.candidates) {
            assertEquals("re-1", c.getStudyId());
            assertTrue(c.getCandidateId().matches("re-1\\.s\\d+\\.t\\d+"), c.getCandidateId());
            assertEquals("nlfs-evolver/re-1", c.getSubmittedBy());
        }
        assertTrue(kinds.contains("trained"));
    }

    @Test
    void aRestartAtAnyPointResumesTheSameRunWithoutTrainingAnythingAgain() {
        NlfsRunRequested run = run("re-2", 5, 20);
        MemoryPort clean = new MemoryPort(run);
        EvolutionState expected = runToEnd(new EvolutionRuns(CLOCK, Duration.ofSeconds(1)), run, clean);
        for (String op : List.of("publish", "await", "save")) {
            for (int at : new int[] {1, 4, 9, 15}) {
                MemoryPort port = new MemoryPort(run);
                port.crashOp = op;
                port.crashAt = at;
                assertThrows(Crash.class, () -> runToEnd(new EvolutionRuns(CLOCK, Duration.ofSeconds(1)), run, port),
                        op + " #" + at);
                port.crashOp = "";   // the restarted process: fresh loop, same topics
                EvolutionState end = runToEnd(new EvolutionRuns(CLOCK, Duration.ofSeconds(1)), run, port);
                assertEquals(expected, end, "crash at " + op + " #" + at + ": same run after the restart");
                assertEquals(clean.trainings, port.trainings, "crash at " + op + " #" + at + ": every loss trained once");
                assertEquals(clean.candidates.size(), port.candidates.size(), "no candidate published twice");
            }
        }
    }

    @Test
    void aFinishedRunIsNotRepeatedAndAReusedIdWithOtherSettingsIsRefused() {
        NlfsRunRequested run = run("re-3", 2, 6);
        MemoryPort port = new MemoryPort(run);
        EvolutionState end = runToEnd(new EvolutionRuns(CLOCK, Duration.ofSeconds(1)), run, port);
        int published = port.candidates.size();
        assertEquals(end, runToEnd(new EvolutionRuns(CLOCK, Duration.ofSeconds(1)), run, port));
        assertEquals(published, port.candidates.size(), "a finished run proposes nothing more");
        InvalidRecordException e = assertThrows(InvalidRecordException.class,
                () -> runToEnd(new EvolutionRuns(CLOCK, Duration.ofSeconds(1)), run("re-3", 3, 6), port));
        assertTrue(e.getMessage().startsWith("RUN_ID_REUSED"), e.getMessage());
    }

    @Test
    void aStopBetweenCandidatesLeavesTheRunResumable() {
        NlfsRunRequested run = run("re-4", 8, 10);
        MemoryPort port = new MemoryPort(run);
        int[] n = {0};
        EvolutionRuns runs = new EvolutionRuns(CLOCK, Duration.ofSeconds(1));
        assertThrows(EvolutionRuns.Stopped.class, () -> runs.run(run, port, () -> n[0]++ >= 5, (b, c, e, now) -> { }));
        assertEquals(5, port.saved.size());
        MemoryPort clean = new MemoryPort(run);
        assertEquals(runToEnd(runs, run, clean), runToEnd(runs, run, port));
    }
}
