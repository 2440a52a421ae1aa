package org.lossforge.ranker.ui;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.lossforge.ranker.rest.BadQueryException;
import org.lossforge.ranker.rest.EntryView;
import org.lossforge.ranker.rest.InteractiveQueries;
import org.lossforge.ranker.rest.LeaderboardUpdates;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LeaderboardEntry;

import io.smallrye.mutiny.Multi;

/**
 * What the web UI's studies list and dead-letter page read: every study with its progress, every leaderboard change
 * as server-sent events, and the newest dead letters. The pages themselves are static files under
 * {@code META-INF/resources/ui/} (DESIGN.md "Web UI").
 */
@Path("/")
@Tag(name = "ui")
public class StudiesResource {

    /** The most dead letters one answer lists. */
    static final int MAX_LIMIT = 500;

    @Inject
    InteractiveQueries queries;

    @Inject
    LeaderboardUpdates updates;

    @Inject
    UiFeeds feeds;

    @GET
    @Path("studies")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every study, search and NLFS run on the leaderboard, with its progress, newest first")
    public List<StudySummary> studies() {
        StudyPlans plans = feeds.plans();
        return StudySummaries.of(queries.all(), feeds.deadLetters()::count, plans::plan);
    }

    @GET
    @Path("studies/{study}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One study's line of the studies list")
    public StudySummary study(@PathParam("study") String study) {
        try {
            Keys.study(study);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException(e.getMessage());
        }
        List<LeaderboardEntry> entries = queries.existingStudy(study);
        StudyPlans plans = feeds.plans();
        return StudySummaries.of(entries, feeds.deadLetters()::count, plans::plan).get(0);
    }

    @GET
    @Path("studies/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: every change of any study's leaderboard entries, from now on")
    public Multi<EntryView> stream() {
        return updates.stream().map(EntryView::of);
    }

    /** The answer of {@code GET /dead-letters}. */
    public record DeadLetters(long total, Map<String, Long> byTopic, long uncountedByStudy, List<DeadLetterView> newest) {
    }

    @GET
    @Path("dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest dead letters (reason, original topic, partition, offset), of one study if asked",
            description = "Read from lossforge.dead-letters.v1 since this instance started; the bytes stay on the topic.")
    public DeadLetters deadLetters(@QueryParam("limit") @DefaultValue("100") int limit,
                                   @QueryParam("study") String study,
                                   @QueryParam("kind") @DefaultValue("STUDY") String kind) {
        StudyKind k;
        try {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
            }
            if (study != null) {
                Keys.study(study);
            }
            k = StudyKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException(e.getMessage());
        }
        DeadLetterFeed feed = feeds.deadLetters();
        return new DeadLetters(feed.total(), feed.byTopic(), feed.uncounted(), feed.newest(limit, study, k));
    }
}
