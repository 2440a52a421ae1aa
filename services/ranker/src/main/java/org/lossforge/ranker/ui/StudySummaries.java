package org.lossforge.ranker.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import java.util.regex.Pattern;

import org.lossforge.schemas.LeaderboardEntry;

/** Builds the studies list from every leaderboard entry (pure: the resource passes the store's content). */
public final class StudySummaries {

    /** Candidate ids the NLFS evolver gives its own children ({@code <runId>.s<step>.t<try>}, EvolutionRuns). */
    private static final Pattern EVOLVED = Pattern.compile(".+\\.s\\d+\\.t\\d+");

    private StudySummaries() {
    }

    /**
     * @param entries     every entry of the leaderboard store, any order
     * @param deadLetters dead letters of a study, given its id and kind
     * @param plans       the study's request, or null when unknown
     * @return one summary per study, newest activity first
     */
    public static List<StudySummary> of(Collection<LeaderboardEntry> entries,
                                        ToLongBiFunction<String, StudyKind> deadLetters,
                                        Function<String, StudyPlans.Plan> plans) {
        Map<String, List<LeaderboardEntry>> byStudy = new TreeMap<>();
        for (LeaderboardEntry e : entries) {
            byStudy.computeIfAbsent(e.getStudyId(), k -> new ArrayList<>()).add(e);
        }
        List<StudySummary> out = new ArrayList<>();
        byStudy.forEach((id, list) -> out.add(summary(id, list, deadLetters, plans.apply(id))));
        out.sort(Comparator.comparing(StudySummary::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(StudySummary::studyId));
        return out;
    }

    static StudySummary summary(String id, List<LeaderboardEntry> list, ToLongBiFunction<String, StudyKind> deadLetters,
                                StudyPlans.Plan plan) {
        StudyKind kind = StudyKind.of(list);
        if (kind != StudyKind.STUDY) {
            plan = null;
        }
        Set<String> candidates = new HashSet<>();
        int complete = 0, done = 0, failed = 0, planned = 0, injected = 0;
        Instant newest = null;
        for (LeaderboardEntry e : list) {
            int finished = e.getCount() + e.getFailed();
            done += finished;
            failed += e.getFailed();
            Integer expected = e.getExpected() != null ? e.getExpected() : plan != null ? Integer.valueOf(plan.seeds())
                    : kind == StudyKind.NLFS ? Integer.valueOf(1) : null;   // an NLFS child is trained once
            planned += expected == null ? finished : Math.max(expected, finished);
            if (expected != null && finished >= expected) {
                complete++;
            }
            if (injected(kind, e.getCandidateId())) {
                injected++;
                candidates.add(e.getCandidateId());
            }
            if (e.getUpdatedAt() != null && (newest == null || e.getUpdatedAt().isAfter(newest))) {
                newest = e.getUpdatedAt();
            }
        }
        if (plan != null) {
            planned = Math.max(planned, plan.trials(candidates.size()));
        }
        return new StudySummary(id, kind, kind.defaultMetric(), list.size(), complete, done, failed, planned,
                plan == null ? null : plan.seeds(), injected,
                deadLetters.applyAsLong(id, kind), newest == null ? null : newest.toString());
    }

    /**
     * Whether a configuration comes from an injected candidate: any candidate id in a loss study (the study's own
     * losses have none); in an NLFS run, one the evolver did not name (its children are {@code <runId>.s<n>.t<n>}).
     * Searches have no candidates.
     */
    public static boolean injected(StudyKind kind, String candidateId) {
        if (candidateId == null || kind == StudyKind.SEARCH) {
            return false;
        }
        return kind != StudyKind.NLFS || !EVOLVED.matcher(candidateId).matches();
    }
}
