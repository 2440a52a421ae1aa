package org.lossforge.schemas;

import static org.lossforge.schemas.TopicSpec.CleanupPolicy.COMPACT;
import static org.lossforge.schemas.TopicSpec.CleanupPolicy.DELETE;
import static org.lossforge.schemas.TopicSpec.DAY_MS;
import static org.lossforge.schemas.TopicSpec.MIB;

import java.util.List;
import java.util.Optional;

/**
 * The platform's topics. Every name is {@code lossforge.<noun>.v1}; a breaking change gets a new {@code .v2}
 * topic, never an incompatible schema on the old one. {@link #ALL} is the one source of truth for keys,
 * partitions and settings ({@code schemas/README.md}'s table is tested against it).
 *
 * <p>Pipeline topics (training jobs to leaderboard) share one key, the configuration key {@link Keys#config}
 * ({@code studyId/benchmark/dataset/trainSize/loss}): all seeds of a configuration stay on one partition and in
 * order, so the trainer can batch seeds and the ranker aggregates per configuration without a repartition, while
 * a study's many configurations spread over the partitions (no single hot key).
 */
public final class Topics {
    private Topics() {}

    public static final String STUDIES = "lossforge.studies.v1";
    public static final String LOSS_CANDIDATES = "lossforge.loss-candidates.v1";
    public static final String TRAINING_JOBS = "lossforge.training-jobs.v1";
    public static final String PREDICTION_SETS = "lossforge.prediction-sets.v1";
    public static final String EVALUATIONS = "lossforge.evaluations.v1";
    public static final String LEADERBOARD = "lossforge.leaderboard.v1";
    public static final String DEAD_LETTERS = "lossforge.dead-letters.v1";
    public static final String SEARCHES = "lossforge.searches.v1";
    public static final String ARCH_QUERIES = "lossforge.arch-queries.v1";
    public static final String ARCH_RESULTS = "lossforge.arch-results.v1";
    public static final String SEARCH_STATE = "lossforge.search-state.v1";
    public static final String NLFS_RUNS = "lossforge.nlfs-runs.v1";
    public static final String SURROGATE_JOBS = "lossforge.surrogate-jobs.v1";
    public static final String NLFS_STATE = "lossforge.nlfs-state.v1";

    /** Service names used as producers and consumers. */
    public static final String CANDIDATE_GENERATOR = "candidate-generator", TRAINER = "predictor-trainer",
            EVALUATOR = "evaluator", RANKER = "ranker", CLIENTS = "clients", DASHBOARDS = "dashboards",
            EVERY_SERVICE = "every service", OPERATORS = "operators";

    private static final String STUDY_KEY = "`studyId`";
    private static final String RUN_KEY = "`runId`";
    private static final String CONFIG_KEY = "`studyId/benchmark/dataset/trainSize/loss` (Keys.config)";

    /** Every topic, in pipeline order. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(STUDIES, STUDY_KEY, StudyRequested.class, 3, COMPACT, -1, MIB,
                    CANDIDATE_GENERATOR + ", " + CLIENTS, List.of(CANDIDATE_GENERATOR, RANKER + " (web UI: planned trials)")),
            new TopicSpec(LOSS_CANDIDATES, STUDY_KEY, LossCandidate.class, 3, DELETE, -1, MIB,
                    CLIENTS + ", " + CANDIDATE_GENERATOR + " (NLFS evolver)", List.of(CANDIDATE_GENERATOR)),
            new TopicSpec(TRAINING_JOBS, CONFIG_KEY, TrainingJob.class, 12, DELETE, 7 * DAY_MS, MIB,
                    CANDIDATE_GENERATOR, List.of(TRAINER)),
            new TopicSpec(PREDICTION_SETS, CONFIG_KEY, PredictionSet.class, 12, DELETE, 3 * DAY_MS, 4 * MIB,
                    TRAINER, List.of(EVALUATOR)),
            new TopicSpec(EVALUATIONS, CONFIG_KEY, Evaluation.class, 12, DELETE, -1, MIB,
                    EVALUATOR + ", " + TRAINER + " (NLFS)", List.of(RANKER, CANDIDATE_GENERATOR + " (NLFS evolver)")),
            new TopicSpec(LEADERBOARD, CONFIG_KEY, LeaderboardEntry.class, 12, COMPACT, -1, MIB,
                    RANKER, List.of(RANKER + " (its global store)", DASHBOARDS)),
            new TopicSpec(DEAD_LETTERS, "`originalTopic/partition/offset` (Keys.deadLetter)", DeadLetter.class, 3,
                    DELETE, 30 * DAY_MS, 5 * MIB, EVERY_SERVICE, List.of(OPERATORS, RANKER + " (web UI's dead-letter page)")),
            new TopicSpec(SEARCHES, RUN_KEY, SearchRequested.class, 3, COMPACT, -1, MIB,
                    CANDIDATE_GENERATOR + ", " + CLIENTS, List.of(TRAINER)),
            new TopicSpec(ARCH_QUERIES, RUN_KEY, ArchQuery.class, 3, DELETE, 7 * DAY_MS, MIB,
                    TRAINER, List.of(EVALUATOR, TRAINER + " (a round's query is not sent twice)")),
            new TopicSpec(ARCH_RESULTS, "`runId/round`", ArchResult.class, 3, COMPACT, -1, MIB,
                    EVALUATOR, List.of(TRAINER)),
            new TopicSpec(SEARCH_STATE, RUN_KEY, SearchProgress.class, 3, COMPACT, -1, MIB,
                    TRAINER, List.of(TRAINER, DASHBOARDS)),
            new TopicSpec(NLFS_RUNS, RUN_KEY, NlfsRunRequested.class, 3, COMPACT, -1, MIB,
                    CANDIDATE_GENERATOR + ", " + CLIENTS, List.of(CANDIDATE_GENERATOR)),
            new TopicSpec(SURROGATE_JOBS, RUN_KEY, SurrogateJob.class, 3, DELETE, 7 * DAY_MS, MIB,
                    CANDIDATE_GENERATOR, List.of(TRAINER)),
            new TopicSpec(NLFS_STATE, RUN_KEY, NlfsProgress.class, 3, COMPACT, -1, MIB,
                    CANDIDATE_GENERATOR, List.of(CANDIDATE_GENERATOR, DASHBOARDS)));

    /** The spec of a topic by name. */
    public static Optional<TopicSpec> spec(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
