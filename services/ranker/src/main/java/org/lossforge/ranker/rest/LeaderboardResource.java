package org.lossforge.ranker.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.lossforge.ranker.query.Metric;
import org.lossforge.ranker.query.RankQuery;
import org.lossforge.ranker.query.Ranking;
import org.lossforge.ranker.query.SortOrder;
import org.lossforge.ranker.routing.KeyRouting.Routed;
import org.lossforge.ranker.ui.Significance;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LeaderboardEntry;

import io.smallrye.mutiny.Multi;

/** Ranked leaderboards of a study, computed at query time from the per-configuration entries; and their changes. */
@Path("/leaderboards")
@Tag(name = "leaderboards")
public class LeaderboardResource {

    /** Seconds a client should wait before retrying a 503. */
    static final String RETRY_AFTER_SECONDS = "2";

    @Inject
    InteractiveQueries queries;

    @Inject
    LeaderboardUpdates updates;

    @Inject
    AggregateQueries aggregates;

    @GET
    @Path("/{study}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The study's configurations ranked by a metric's mean",
            description = "Grouped by (benchmark, dataset, trainSize) unless grouped=false; entries without an OK trial come last.")
    @APIResponse(responseCode = "200", description = "ranked leaderboard")
    @APIResponse(responseCode = "400", description = "bad study id, metric, order or filter")
    @APIResponse(responseCode = "404", description = "no entry for this study yet")
    @APIResponse(responseCode = "503", description = "store not queryable now (starting or rebalancing); see Retry-After")
    public Leaderboard leaderboard(
            @PathParam("study") String study,
            @Parameter(description = "kendallTauB (default, alias tau), spearman, p05, p1, p5, p10, n1, n5, n10, regret10, bestTestError (search progress), "
                    + "fitness (NLFS: the surrogate's best validation accuracy), trainSeconds (NLFS: surrogate training time); "
                    + "snake_case accepted (kendall_tau_b, train_seconds)") @QueryParam("metric") String metric,
            @Parameter(description = "asc or desc; default desc, asc for n1/n5/n10/regret10/bestTestError/trainSeconds (lower is better)")
            @QueryParam("order") String order,
            @QueryParam("benchmark") String benchmark,
            @QueryParam("dataset") String dataset,
            @QueryParam("trainSize") Integer trainSize,
            @Parameter(description = "rank within each (benchmark, dataset, trainSize) setting (default) or across all")
            @QueryParam("grouped") @DefaultValue("true") boolean grouped) {
        RankQuery query = query(study, metric, order, benchmark, dataset, trainSize, grouped);
        List<Ranking.Group> groups = Ranking.rank(queries.existingStudy(study), query);
        int matched = groups.stream().mapToInt(g -> g.entries().size()).sum();
        return new Leaderboard(study, query.metric().name(), query.order().text(), query.benchmark(), query.dataset(),
                query.trainSize(), query.grouped(), matched, groups);
    }

    @GET
    @Path("/{study}/configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One configuration's trials, from the partitioned aggregate store",
            description = "Every trial counted for (study, benchmark, dataset, trainSize, loss): trial id, seed index, status, "
                    + "evaluatedAt and every metric (null where NaN), with count and failed. Any instance answers: it finds the "
                    + "instance that owns the key's partition and forwards there when that is another one; when the active "
                    + "instance cannot answer, a standby does and the answer says stale=true. servedBy (and the "
                    + PeerClient.SERVED_BY + " header) names the instance that read its store.")
    @APIResponse(responseCode = "200", description = "the configuration's trials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigurationDetail.class)))
    @APIResponse(responseCode = "400", description = "bad study id, or benchmark, dataset, trainSize or loss missing or bad")
    @APIResponse(responseCode = "404", description = "no trial of this configuration yet")
    @APIResponse(responseCode = "503", description = "no instance can serve the key's partition now (starting or rebalancing); see Retry-After")
    public Response configuration(
            @PathParam("study") String study,
            @QueryParam("benchmark") String benchmark,
            @QueryParam("dataset") String dataset,
            @QueryParam("trainSize") Integer trainSize,
            @Parameter(description = "the loss text exactly as in the leaderboard row (URL-encoded)") @QueryParam("loss") String loss) {
        String key;
        try {
            if (trainSize == null) {
                throw new IllegalArgumentException("trainSize is required");
            }
            key = Keys.config(study, benchmark, dataset, trainSize, loss);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException(e.getMessage());
        }
        Routed<ConfigurationDetail> routed = aggregates.configuration(key);
        String servedBy = routed.by().host().toString();
        if (!routed.found()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                    .header(PeerClient.SERVED_BY, servedBy)
                    .entity(new Problem(404, "no trial of configuration '" + key + "' yet")).build();
        }
        return Response.ok(routed.value(), MediaType.APPLICATION_JSON).header(PeerClient.SERVED_BY, servedBy).build();
    }

    @GET
    @Path("/{study}/significance")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per setting, whether each configuration differs significantly from the best",
            description = "Paired over seeds (seed index), two-sided Wilcoxon signed-rank test (core's PairedTests) of each "
                    + "configuration's per-trial values of the metric against the best configuration's; differs = p < alpha. "
                    + "Reads every configuration's trials from the partitioned aggregate store (forwarded when another "
                    + "instance owns it).")
    @APIResponse(responseCode = "200", description = "verdicts per setting")
    @APIResponse(responseCode = "400", description = "bad study id, metric, order, filter or alpha")
    @APIResponse(responseCode = "404", description = "no entry for this study yet")
    @APIResponse(responseCode = "503", description = "a store cannot answer now; see Retry-After")
    public SignificanceAnswer significance(
            @PathParam("study") String study,
            @QueryParam("metric") String metric,
            @QueryParam("order") String order,
            @QueryParam("benchmark") String benchmark,
            @QueryParam("dataset") String dataset,
            @QueryParam("trainSize") Integer trainSize,
            @Parameter(description = "significance level, 0 < alpha < 1 (default 0.05)") @QueryParam("alpha") Double alpha) {
        double a = alpha == null ? Significance.DEFAULT_ALPHA : alpha;
        if (!(a > 0 && a < 1)) {
            throw new BadQueryException("alpha must be between 0 and 1, got " + alpha);
        }
        RankQuery query = query(study, metric, order, benchmark, dataset, trainSize, true);
        List<LeaderboardEntry> entries = queries.existingStudy(study);
        String name = query.metric().name();
        List<SignificanceAnswer.Group> groups = new ArrayList<>();
        for (Ranking.Group g : Ranking.rank(entries, query)) {
            Ranking.Row best = g.entries().stream().filter(r -> r.mean() != null).findFirst().orElse(null);
            List<Significance.Verdict> verdicts = new ArrayList<>();
            if (best != null) {
                Map<Integer, Double> bestValues = seedValues(study, best, name);
                for (Ranking.Row r : g.entries()) {
                    verdicts.add(r == best ? Significance.ofBest(r.loss(), bestValues)
                            : Significance.versusBest(r.loss(), bestValues, seedValues(study, r, name), a));
                }
            }
            groups.add(new SignificanceAnswer.Group(g.benchmark(), g.dataset(), g.trainSize(),
                    best == null ? null : best.loss(), verdicts));
        }
        return new SignificanceAnswer(study, name, query.order().text(), a, groups);
    }

    /** A configuration's OK trials' values of {@code metric} by seed index. */
    private Map<Integer, Double> seedValues(String study, Ranking.Row row, String metric) {
        Routed<ConfigurationDetail> routed = aggregates.configuration(
                Keys.config(study, row.benchmark(), row.dataset(), row.trainSize(), row.loss()));
        Map<Integer, Double> values = new TreeMap<>();
        if (routed.found()) {
            for (ConfigurationDetail.Trial t : routed.value().trials()) {
                Double v = t.metrics().get(metric);
                if ("OK".equals(t.status()) && v != null) {
                    values.put(t.seedIndex(), v);
                }
            }
        }
        return values;
    }

    @GET
    @Path("/{study}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: every change of one of the study's leaderboard entries, from now on")
    public Multi<EntryView> stream(@PathParam("study") String study) {
        try {
            Keys.study(study);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException(e.getMessage());
        }
        return updates.stream().filter(e -> study.equals(e.getStudyId())).map(EntryView::of);
    }

    /** Error body of 400/404/503 answers. */
    public record Problem(int status, String message) {
    }

    /** The query as understood; a bad study id, metric, order or filter is a 400. */
    private static RankQuery query(String study, String metric, String order, String benchmark, String dataset,
                                   Integer trainSize, boolean grouped) {
        try {
            Keys.study(study);
            Metric m = Metric.parse(metric);
            return new RankQuery(m, SortOrder.parse(order, m.defaultOrder()), blankToNull(benchmark),
                    blankToNull(dataset), trainSize, grouped);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException(e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
