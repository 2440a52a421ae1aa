package org.lossforge.generator.nlfs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.generator.CandidatesOut;
import org.lossforge.generator.Publish;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.services.common.InvalidRecordException;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /nlfs-runs}: starts an NLFS loss search (one NlfsRunRequested on lossforge.nlfs-runs.v1; the evolver runs
 * it, its candidates rank on the ranker's leaderboard of the run id by {@code fitness}). {@code POST
 * /nlfs-runs/{runId}/candidates}: injects a loss (an expression, or the baselines {@code ce} / {@code baikal}) into a
 * run as a LossCandidate; it is screened here first, so a person gets the parse error (with its position) or the
 * integrity check's reason as a 400 instead of a dead letter. Settings are core's NlfsRunConfig keys, checked here;
 * 202 once Kafka acknowledged the event.
 */
@Path("/nlfs-runs")
public class NlfsRunResource {

    private static final Logger LOG = Logger.getLogger(NlfsRunResource.class);

    public record RunRequest(String runId, Long seed, Map<String, String> settings, String requestedBy) {
    }

    public record CandidateRequest(String candidateId, String expression, String displayName, String submittedBy) {
    }

    @Inject
    @Channel("nlfs-runs-out")
    Emitter<NlfsRunRequested> runs;

    @Inject
    CandidatesOut candidates;

    @Inject
    org.lossforge.generator.StudyBook book;

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Start an NLFS loss-function search run", description = "Regularized evolution over loss "
            + "expressions, each scored by the surrogate CNN")
    @APIResponse(responseCode = "202", description = "accepted: {runId, settings}")
    @APIResponse(responseCode = "400", description = "invalid request: {error}")
    @APIResponse(responseCode = "401", description = "no or wrong credentials: {error} (DESIGN.md \"Security\")")
    @APIResponse(responseCode = "503", description = "not published now")
    public Response start(RunRequest body) {
        NlfsRunRequested run;
        NlfsRunConfig cfg;
        try {
            if (body == null || body.runId() == null) {
                throw new InvalidRecordException("INVALID_NLFS_RUN", "runId is required");
            }
            if (org.lossforge.generator.Nulls.in(body.settings())) {
                throw new InvalidRecordException("INVALID_NLFS_RUN", "settings may not contain null");
            }
            run = NlfsRunRequested.newBuilder().setRunId(body.runId()).setSeed(body.seed() == null ? 0 : body.seed())
                    .setSettings(body.settings() == null ? Map.of() : body.settings())
                    .setRequestedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setRequestedBy(body.requestedBy()).build();
            cfg = NlfsPlanner.config(run);
        } catch (InvalidRecordException e) {
            return Response.status(400).entity(Map.of("error", e.getMessage())).build();
        }
        Response failed = publish(runs, run.getRunId(), run);
        if (failed != null) {
            return failed;
        }
        return Response.status(202).entity(Map.of("runId", run.getRunId(), "settings", cfg.settings(),
                "trainSize", cfg.trainSize())).build();
    }

    @POST
    @Authenticated
    @Path("/{runId}/candidates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Inject a loss into an NLFS run", description = "Screened (parse, cell, integrity check), "
            + "then published as a LossCandidate keyed by the run id")
    @APIResponse(responseCode = "202", description = "accepted: {candidateId, loss}")
    @APIResponse(responseCode = "400", description = "not a valid loss: {error} (parse position or integrity reason)")
    @APIResponse(responseCode = "401", description = "no or wrong credentials: {error} (DESIGN.md \"Security\")")
    @APIResponse(responseCode = "503", description = "not published now")
    public Response inject(@PathParam("runId") String runId, CandidateRequest body) {
        LossCandidate c;
        NlfsPlanner.Screened s;
        try {
            if (body == null || body.candidateId() == null || body.expression() == null) {
                throw new InvalidRecordException("INVALID_CANDIDATE", "candidateId and expression are required");
            }
            boolean baseline = org.lossforge.core.classify.CandidateLosses.baseline(body.expression()) != null;
            c = LossCandidate.newBuilder().setCandidateId(body.candidateId()).setStudyId(runId)
                    .setKind(baseline ? LossKind.NAMED : LossKind.EXPRESSION).setSpec(body.expression())
                    .setDisplayName(body.displayName()).setSubmittedBy(body.submittedBy())
                    .setSubmittedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
            org.lossforge.schemas.Keys.study(runId);
            s = NlfsPlanner.screen(c);
        } catch (InvalidRecordException | IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("error", e.getMessage())).build();
        }
        Response failed = Publish.unlessAcked(candidates.send(c), LOG, runId, "not published: ");
        if (failed != null) {
            return failed;
        }
        return Response.status(202).entity(Map.of("candidateId", c.getCandidateId(), "loss", s.loss())).build();
    }

    /** A read: the run as this generator knows it (from the runs topic). */
    @GET
    @Path("/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An NLFS run known to this generator", description = "Open unless lossforge.auth.protect-reads")
    @APIResponse(responseCode = "200", description = "{runId, seed, settings}")
    @APIResponse(responseCode = "404", description = "not known (yet): {error}")
    public Response run(@PathParam("runId") String runId) {
        java.util.Optional<NlfsRunRequested> known = book.run(runId);
        if (known.isEmpty()) {
            return Response.status(404).entity(Map.of("error", org.lossforge.generator.StudyBook.UNKNOWN_STUDY
                    + ": no NLFS run '" + runId + "' is known to this generator")).build();
        }
        NlfsRunRequested r = known.get();
        return Response.ok(Map.of("runId", r.getRunId(), "seed", r.getSeed(), "settings", r.getSettings())).build();
    }

    private static <T> Response publish(Emitter<T> emitter, String key, T value) {
        return Publish.unlessAcked(Publish.send(emitter, key, value), LOG, key, "not published: ");
    }
}
