package org.lossforge.generator;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.lossforge.generator.nlfs.NlfsPlanner;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.services.common.InvalidRecordException;

/**
 * The studies this instance knows (in memory), with the losses and candidate ids already planned for each, so a
 * candidate is expanded at most once: a candidate whose candidateId was seen, or whose loss (in LossSpec normal form)
 * is already one of the study's, gives no jobs. Plain Java, thread safe. It is rebuilt after a restart by re-reading
 * the compacted studies topic from the beginning (DESIGN.md); candidates seen before a restart are not remembered,
 * so a redelivered candidate may be planned again (at-least-once; the trialId is the downstream idempotence key).
 *
 * <p>A candidate can overtake its study: the two topics are read by different consumers, so a candidate published
 * right after its study (or read while a restarted instance is still re-reading the studies topic) may arrive first.
 * {@link #plan(LossCandidate)} therefore waits, bounded by {@code unknownStudyWait}, for an unknown study to be
 * remembered before refusing the candidate with {@link #UNKNOWN_STUDY}.
 *
 * <p>It also knows the NLFS runs (lossforge.nlfs-runs.v1): a run is a study for candidates, keyed by its run id. A
 * candidate of a run becomes one {@link SurrogateJob} ({@link NlfsPlanner}); one whose candidate id or trial id (its
 * screened loss) the run already has gives none: the loss is trained once per run, and the evolver finds its
 * evaluation by trial id.
 */
public final class StudyBook {

    /** Reason code of a candidate whose study this instance does not know. */
    public static final String UNKNOWN_STUDY = "UNKNOWN_STUDY";

    private static final class Entry {
        final StudyRequested study;
        final Set<String> losses = new HashSet<>();
        final Set<String> candidateIds = new HashSet<>();

        Entry(StudyRequested study) {
            this.study = study;
            for (String l : study.getLosses()) {
                losses.add(norm(l));
            }
        }
    }

    private static final class RunEntry {
        final NlfsRunRequested run;
        final Set<String> trialIds = new HashSet<>();
        final Set<String> candidateIds = new HashSet<>();

        RunEntry(NlfsRunRequested run) {
            this.run = run;
        }
    }

    /** What a candidate gives: predictor training jobs, or one surrogate job (null and no jobs: a duplicate). */
    public record Planned(List<TrainingJob> jobs, SurrogateJob surrogate) {
        public boolean duplicate() {
            return jobs.isEmpty() && surrogate == null;
        }
    }

    private final Map<String, Entry> studies = new ConcurrentHashMap<>();
    private final Map<String, RunEntry> runs = new ConcurrentHashMap<>();
    private final NlfsPlanner nlfs = new NlfsPlanner(java.time.Clock.systemUTC());
    private final JobPlanner planner;
    private final long unknownStudyWaitNanos;

    /** A book that refuses a candidate of an unknown study at once. */
    public StudyBook(JobPlanner planner) {
        this(planner, java.time.Duration.ZERO);
    }

    /** @param unknownStudyWait how long {@link #plan} waits for the study of a candidate to become known */
    public StudyBook(JobPlanner planner, java.time.Duration unknownStudyWait) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.unknownStudyWaitNanos = unknownStudyWait.toNanos();
    }

    /**
     * Remembers a valid study (a study re-sent with the same id replaces the old one, keeping the candidates planned
     * for it and adding the new study's losses).
     */
    public synchronized void remember(StudyRequested study) {
        Entry fresh = new Entry(study);
        Entry old = studies.get(study.getStudyId());
        if (old != null) {
            fresh.losses.addAll(old.losses);
            fresh.candidateIds.addAll(old.candidateIds);
        }
        studies.put(study.getStudyId(), fresh);
        notifyAll();   // candidates waiting for this study
    }

    /** Remembers a valid NLFS run (a re-sent run keeps the losses already planned for it). */
    public synchronized void rememberRun(NlfsRunRequested run) {
        RunEntry fresh = new RunEntry(run);
        RunEntry old = runs.get(run.getRunId());
        if (old != null) {
            fresh.trialIds.addAll(old.trialIds);
            fresh.candidateIds.addAll(old.candidateIds);
        }
        runs.put(run.getRunId(), fresh);
        notifyAll();
    }

    public Optional<NlfsRunRequested> run(String runId) {
        RunEntry e = runs.get(runId);
        return e == null ? Optional.empty() : Optional.of(e.run);
    }

    public Optional<StudyRequested> study(String studyId) {
        Entry e = studies.get(studyId);
        return e == null ? Optional.empty() : Optional.of(e.study);
    }

    public int size() {
        return studies.size();
    }

    /**
     * What a candidate gives: for a study, none for a duplicate, else every (dataset, size, seed) of its study; for an
     * NLFS run, its surrogate job unless the run has the candidate or its loss already. Throws
     * {@link InvalidRecordException} ({@link #UNKNOWN_STUDY}, or the planners' reasons).
     */
    public synchronized Planned planAny(LossCandidate c) {
        String id = c.getStudyId();
        long deadline = System.nanoTime() + unknownStudyWaitNanos;
        while (studies.get(id) == null && runs.get(id) == null && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));   // released by remember()
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        RunEntry r = runs.get(id);
        if (r != null) {
            SurrogateJob job = nlfs.plan(c, r.run);
            if (r.candidateIds.contains(c.getCandidateId()) || r.trialIds.contains(job.getTrialId())) {
                return new Planned(List.of(), null);
            }
            r.candidateIds.add(c.getCandidateId());
            r.trialIds.add(job.getTrialId());
            return new Planned(List.of(), job);
        }
        Entry e = studies.get(id);
        if (e == null) {
            throw new InvalidRecordException(UNKNOWN_STUDY, "candidate " + c.getCandidateId() + " names study '"
                    + id + "', which this generator does not know (no study or NLFS run of that id)"
                    + (unknownStudyWaitNanos > 0 ? " (waited " + unknownStudyWaitNanos / 1_000_000 + " ms)" : ""));
        }
        if (e.candidateIds.contains(c.getCandidateId()) || e.losses.contains(norm(c.getSpec()))) {
            return new Planned(List.of(), null);
        }
        List<TrainingJob> jobs = planner.plan(c, e.study);
        e.candidateIds.add(c.getCandidateId());
        e.losses.add(norm(c.getSpec()));
        return new Planned(jobs, null);
    }

    /** The predictor jobs of a candidate of a study (see {@link #planAny}). */
    public List<TrainingJob> plan(LossCandidate c) {
        Planned p = planAny(c);
        if (p.surrogate() != null) {
            throw new IllegalStateException("candidate " + c.getCandidateId() + " belongs to an NLFS run");
        }
        return p.jobs();
    }

    /** Forgets a planned candidate whose jobs could not be written, so its redelivery is planned again. */
    public synchronized void forget(LossCandidate c) {
        RunEntry r = runs.get(c.getStudyId());
        if (r != null) {
            r.candidateIds.remove(c.getCandidateId());
            try {
                r.trialIds.remove(nlfs.plan(c, r.run).getTrialId());
            } catch (InvalidRecordException ignored) {
                // never planned
            }
            return;
        }
        Entry e = studies.get(c.getStudyId());
        if (e != null) {
            e.candidateIds.remove(c.getCandidateId());
            e.losses.remove(norm(c.getSpec()));
        }
    }

    private static String norm(String loss) {
        String n = JobPlanner.normal(loss);
        return n != null ? n : loss;
    }
}
