package org.lossforge.ranker.ui;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lossforge.schemas.StudyRequested;

/**
 * What each loss study asked for, read from the compacted lossforge.studies.v1 (the latest request of a study is the
 * study): its settings (datasets × train sizes), its own losses and its seeds. The ranker's entries only exist once
 * a configuration's first trial is evaluated; the plan is what gives the studies list its "planned" count and the
 * leaderboard its "seeds done / planned". Searches and NLFS runs have no study request: their progress is what the
 * entries say. Thread safe.
 */
public final class StudyPlans {

    /**
     * @param settings configurations per loss: datasets × train sizes
     * @param losses   the study's own losses (injected candidates come on top)
     * @param seeds    trials per configuration
     */
    public record Plan(int settings, int losses, int seeds) {

        /** Trials the study will have with {@code injected} candidates besides its own losses. */
        public int trials(int injected) {
            return settings * (losses + injected) * seeds;
        }
    }

    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    public void add(StudyRequested r) {
        if (r == null || r.getStudyId() == null) {
            return;
        }
        plans.put(r.getStudyId(), new Plan(r.getDatasets().size() * r.getTrainSizes().size(), r.getLosses().size(),
                r.getSeeds()));
    }

    /** The study's plan, or null when no request of it was read (a search, an NLFS run, or not read yet). */
    public Plan plan(String studyId) {
        return plans.get(studyId);
    }
}
