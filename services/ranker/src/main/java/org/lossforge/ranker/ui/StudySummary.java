package org.lossforge.ranker.ui;

/**
 * One line of the studies list ({@code GET /studies}): a study, search or NLFS run as the leaderboard sees it.
 *
 * @param studyId        the study (a search's searchId, an NLFS run's runId)
 * @param kind           STUDY, SEARCH or NLFS ({@link StudyKind})
 * @param defaultMetric  the metric its page ranks by first
 * @param configurations leaderboard entries (configurations) seen so far
 * @param complete       configurations whose trials are all in ({@code count + failed == expected})
 * @param done           trials finished, OK or FAILED (each trial id once)
 * @param failed         FAILED trials
 * @param planned        trials the study will have: for a loss study whose request was read ({@link StudyPlans}),
 *                       settings × (losses + injected candidates) × seeds; otherwise (searches, NLFS runs) the
 *                       trials its configurations have, which grows as the run goes on
 * @param seeds          trials per configuration from the study's request; null when not known
 * @param injected       configurations of injected candidates (a candidate id that is not the evolver's own)
 * @param deadLetters    dead letters whose original key belongs to this study (see {@link DeadLetterFeed})
 * @param updatedAt      newest entry's time, ISO-8601
 */
public record StudySummary(String studyId, StudyKind kind, String defaultMetric, int configurations, int complete,
                           int done, int failed, int planned, Integer seeds, int injected, long deadLetters,
                           String updatedAt) {
}
