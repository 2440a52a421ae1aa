package org.lossforge.generator;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.StudyRequested;
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

    private final Map<String, Entry> studies = new ConcurrentHashMap<>();
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

    public Optional<StudyRequested> study(String studyId) {
        Entry e = studies.get(studyId);
        return e == null ? Optional.empty() : Optional.of(e.study);
    }

    public int size() {
        return studies.size();
    }

    /**
     * The jobs of a candidate: none for a duplicate, else every (dataset, size, seed) of its study. Throws
     * {@link InvalidRecordException} ({@link #UNKNOWN_STUDY}, or the planner's reasons).
     */
    public synchronized List<TrainingJob> plan(LossCandidate c) {
        Entry e = studies.get(c.getStudyId());
        long deadline = System.nanoTime() + unknownStudyWaitNanos;
        while (e == null && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));   // released by remember()
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
            e = studies.get(c.getStudyId());
        }
        if (e == null) {
            throw new InvalidRecordException(UNKNOWN_STUDY, "candidate " + c.getCandidateId() + " names study '"
                    + c.getStudyId() + "', which this generator does not know"
                    + (unknownStudyWaitNanos > 0 ? " (waited " + unknownStudyWaitNanos / 1_000_000 + " ms)" : ""));
        }
        if (e.candidateIds.contains(c.getCandidateId()) || e.losses.contains(norm(c.getSpec()))) {
            return List.of();
        }
        List<TrainingJob> jobs = planner.plan(c, e.study);
        e.candidateIds.add(c.getCandidateId());
        e.losses.add(norm(c.getSpec()));
        return jobs;
    }

    /** Forgets a planned candidate whose jobs could not be written, so its redelivery is planned again. */
    public synchronized void forget(LossCandidate c) {
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
