package org.lossforge.generator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.search.SearchConfig;
import org.lossforge.core.search.SearchMethod;
import org.lossforge.core.search.SearchSeeds;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.SearchRequested;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /searches}: a comparison of NAS search methods becomes one SearchRequested per (dataset, method, run) on
 * lossforge.searches.v1 (key = runId {@code <searchId>-<dataset>-<method>-<k>}); the trainer's search controller runs
 * them and their progress shows on the ranker's leaderboard of {@code searchId} (metric {@code bestTestError}, one
 * row per method and number of queries). Run k of every method has the same seed ({@code SearchSeeds.run}), so the
 * methods are compared paired. Settings are core's SearchConfig keys (budget, initial, top_k, pw_switch,
 * predictor.epochs, ...), checked here; 202 once Kafka acknowledged every run.
 */
@Path("/searches")
public class SearchResource {

    private static final Logger LOG = Logger.getLogger(SearchResource.class);

    public record SearchRequest(String searchId, String benchmark, List<String> datasets, List<String> methods,
                                Integer runs, Long baseSeed, Map<String, String> settings, String requestedBy) {
    }

    @Inject
    @Channel("searches-out")
    Emitter<SearchRequested> searches;

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Request a NAS search comparison", description = "One SearchRequested per dataset, method and run")
    @APIResponse(responseCode = "202", description = "accepted: {searchId, runIds}")
    @APIResponse(responseCode = "400", description = "invalid request: {error}")
    @APIResponse(responseCode = "401", description = "no or wrong credentials: {error} (DESIGN.md \"Security\")")
    @APIResponse(responseCode = "503", description = "not published now")
    public Response request(SearchRequest body) {
        List<SearchRequested> runs;
        try {
            runs = plan(body);
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("error", e.getMessage())).build();
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (SearchRequested r : runs) {
            acks.add(Publish.send(searches, r.getRunId(), r));
        }
        Response failed = Publish.unlessAcked(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)), LOG,
                "search " + runs.get(0).getSearchId(), "search not published: ");
        if (failed != null) {
            return failed;
        }
        return Response.status(202).entity(Map.of("searchId", runs.get(0).getSearchId(),
                "runIds", runs.stream().map(SearchRequested::getRunId).toList())).build();
    }

    /** The runs of a request; throws IllegalArgumentException with the reason. */
    static List<SearchRequested> plan(SearchRequest b) {
        if (b == null || b.searchId() == null || b.benchmark() == null || b.datasets() == null || b.datasets().isEmpty()
                || b.methods() == null || b.methods().isEmpty()) {
            throw new IllegalArgumentException("INVALID_SEARCH: searchId, benchmark, datasets and methods are required");
        }
        if (Nulls.in(b.datasets()) || Nulls.in(b.methods()) || Nulls.in(b.settings())) {
            throw new IllegalArgumentException("INVALID_SEARCH: datasets, methods and settings may not contain null");
        }
        Keys.study(b.searchId());
        if (!Benchmarks.NAMES.contains(b.benchmark())) {
            throw new IllegalArgumentException("UNKNOWN_BENCHMARK: no benchmark '" + b.benchmark() + "' (known: "
                    + String.join(", ", Benchmarks.NAMES) + ")");
        }
        Benchmark bench = Benchmarks.get(b.benchmark());
        int n = b.runs() == null ? 1 : b.runs();
        if (n < 1) {
            throw new IllegalArgumentException("INVALID_SEARCH: runs must be >= 1, got " + n);
        }
        long base = b.baseSeed() == null ? 0 : b.baseSeed();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SearchRequested> out = new ArrayList<>();
        for (String dataset : b.datasets()) {
            if (!bench.datasets().contains(dataset)) {
                throw new IllegalArgumentException("UNKNOWN_DATASET: benchmark " + bench.name() + " has no dataset '"
                        + dataset + "' (known: " + String.join(", ", bench.datasets()) + ")");
            }
            for (String m : b.methods()) {
                SearchMethod method = SearchMethod.parse(m);
                Map<String, String> settings = new HashMap<>(b.settings() == null ? Map.of() : b.settings());
                settings.put("benchmark", bench.name());
                settings.put("dataset", dataset);
                settings.put("method", method.id());
                SearchConfig.fromMap(settings, bench);   // every setting checked here, by core
                for (int k = 0; k < n; k++) {
                    String runId = Keys.study(b.searchId() + "-" + dataset + "-" + method.id() + "-" + k);
                    out.add(SearchRequested.newBuilder().setRunId(runId).setSearchId(b.searchId()).setRunIndex(k)
                            .setSeed(SearchSeeds.run(base, bench.name(), dataset, k)).setSettings(settings)
                            .setRequestedAt(now).setRequestedBy(b.requestedBy()).build());
                }
            }
        }
        return out;
    }
}
