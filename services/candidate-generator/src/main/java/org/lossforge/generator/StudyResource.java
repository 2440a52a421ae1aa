package org.lossforge.generator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.PredictorModel;
import org.lossforge.schemas.PredictorParams;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.TransientFailureException;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /studies}: a JSON study request becomes a StudyRequested on lossforge.studies.v1 (key = studyId); the
 * studies consumer then plans its jobs. Checked here with the same {@link JobPlanner#validate} as the consumer, so a
 * bad request is a 400 with the reason instead of a dead letter. 202 once Kafka acknowledged the record.
 */
@Path("/studies")
public class StudyResource {

    private static final Logger LOG = Logger.getLogger(StudyResource.class);

    /** Defaults of the CLI's {@code lossforge study}: 10 seeds, base seed 0. */
    static final int DEFAULT_SEEDS = 10;
    static final long DEFAULT_BASE_SEED = 0L;

    /** Predictor params; every null field takes core's default for the model (gcn unless given). */
    public record ParamsRequest(String model, Integer hidden, Integer layers, Integer fcHidden, Double dropout,
                                Double lr, Double weightDecay, Integer epochs, Integer batchSize, Integer predictBatch) {
    }

    /** The request body; studyId null = generated, seeds/baseSeed/params null = defaults. */
    public record StudyRequest(String studyId, String benchmark, List<String> datasets, List<String> losses,
                               List<Integer> trainSizes, Integer seeds, Long baseSeed, ParamsRequest params,
                               String trainMetric, String evalMetric, String requestedBy) {
    }

    @Inject
    JobPlanner planner;

    @Inject
    StudyBook book;

    @Inject
    CandidatesOut candidates;

    /** A loss injected into a study; {@code kind} null = PIECEWISE for a {@code pw} spec, else NAMED. */
    public record CandidateRequest(String candidateId, String spec, String kind, String displayName, String submittedBy) {
    }

    @Inject
    @Channel("studies-out")
    Emitter<StudyRequested> studies;

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Request a loss study", description = "Publishes a StudyRequested; the jobs follow asynchronously")
    @APIResponse(responseCode = "202", description = "accepted: {studyId}")
    @APIResponse(responseCode = "401", description = "no or wrong credentials: {error} (DESIGN.md \"Security\")")
    @APIResponse(responseCode = "400", description = "invalid study: {error}")
    @APIResponse(responseCode = "503", description = "the study could not be published now")
    public Response request(StudyRequest body) {
        StudyRequested study;
        try {
            study = toStudy(body);
            planner.validate(study);
        } catch (InvalidRecordException | IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("error", e.getMessage())).build();
        } catch (TransientFailureException e) {
            return Response.status(503).entity(Map.of("error", e.getMessage())).build();
        }
        Response failed = Publish.unlessAcked(Publish.send(studies, study.getStudyId(), study), LOG,
                "study " + study.getStudyId(), "study not published: ");
        if (failed != null) {
            return failed;
        }
        return Response.status(202).entity(Map.of("studyId", study.getStudyId())).build();
    }

    @POST
    @Authenticated
    @Path("/{studyId}/candidates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Inject a loss into a running study", description = "Checked against the study (known here, "
            + "loss and parameters valid for its benchmark) with the same rules as the candidates consumer, then "
            + "published as a LossCandidate keyed by the study id; its jobs follow: every dataset, train size and seed "
            + "of the study")
    @APIResponse(responseCode = "202", description = "accepted: {studyId, candidateId, loss, kind, jobs}")
    @APIResponse(responseCode = "400", description = "not a valid candidate for this study: {error}")
    @APIResponse(responseCode = "401", description = "no or wrong credentials: {error}")
    @APIResponse(responseCode = "404", description = "no such study (yet): {error}")
    @APIResponse(responseCode = "503", description = "not published now")
    public Response inject(@jakarta.ws.rs.PathParam("studyId") String studyId, CandidateRequest body) {
        LossCandidate c;
        StudyRequested study;
        try {
            if (body == null || body.candidateId() == null || body.spec() == null || body.spec().isBlank()) {
                throw new InvalidRecordException("INVALID_CANDIDATE", "candidateId and spec are required");
            }
            Keys.study(studyId);
            String spec = body.spec().strip();
            LossKind kind = body.kind() != null ? kind(body.kind())
                    : spec.split(":", 2)[0].strip().equals("pw") ? LossKind.PIECEWISE : LossKind.NAMED;
            c = LossCandidate.newBuilder().setCandidateId(body.candidateId()).setStudyId(studyId).setKind(kind)
                    .setSpec(spec).setDisplayName(body.displayName()).setSubmittedBy(body.submittedBy())
                    .setSubmittedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
            java.util.Optional<StudyRequested> known = book.study(studyId);
            if (known.isEmpty()) {
                return Response.status(404).entity(Map.of("error", StudyBook.UNKNOWN_STUDY + ": no study '" + studyId
                        + "' is known to this generator")).build();
            }
            study = known.get();
            planner.validate(c, study);
        } catch (InvalidRecordException | IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("error", e.getMessage())).build();
        }
        Response failed = Publish.unlessAcked(candidates.send(c), LOG,
                "candidate " + c.getCandidateId() + " of " + studyId, "candidate not published: ");
        if (failed != null) {
            return failed;
        }
        int jobs = study.getDatasets().size() * study.getTrainSizes().size() * study.getSeeds();
        return Response.status(202).entity(Map.of("studyId", studyId, "candidateId", c.getCandidateId(),
                "loss", c.getSpec(), "kind", c.getKind().name(), "jobs", jobs)).build();
    }

    /** A read: the study as this generator knows it (from the studies topic), so a client can wait for it. */
    @GET
    @Path("/{studyId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A study known to this generator", description = "Known once the generator read it from "
            + "lossforge.studies.v1 (candidates can be injected from then on); open unless lossforge.auth.protect-reads")
    @APIResponse(responseCode = "200", description = "{studyId, benchmark, datasets, losses, trainSizes, seeds, baseSeed}")
    @APIResponse(responseCode = "404", description = "not known (yet): {error}")
    public Response study(@jakarta.ws.rs.PathParam("studyId") String studyId) {
        java.util.Optional<StudyRequested> known = book.study(studyId);
        if (known.isEmpty()) {
            return Response.status(404).entity(Map.of("error", StudyBook.UNKNOWN_STUDY + ": no study '" + studyId
                    + "' is known to this generator")).build();
        }
        StudyRequested s = known.get();
        return Response.ok(Map.of("studyId", s.getStudyId(), "benchmark", s.getBenchmark(), "datasets",
                s.getDatasets(), "losses", s.getLosses(), "trainSizes", s.getTrainSizes(), "seeds", s.getSeeds(),
                "baseSeed", s.getBaseSeed())).build();
    }

    static LossKind kind(String kind) {
        try {
            return LossKind.valueOf(kind.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_CANDIDATE", "unknown kind '" + kind + "' (known: "
                    + java.util.Arrays.toString(LossKind.values()) + ")");
        }
    }

    static StudyRequested toStudy(StudyRequest b) {
        if (b == null) {
            throw new IllegalArgumentException("INVALID_STUDY: empty body");
        }
        if (b.benchmark() == null || b.datasets() == null || b.losses() == null || b.trainSizes() == null) {
            throw new IllegalArgumentException("INVALID_STUDY: benchmark, datasets, losses and trainSizes are required");
        }
        if (Nulls.in(b.datasets()) || Nulls.in(b.losses()) || Nulls.in(b.trainSizes())) {
            throw new IllegalArgumentException("INVALID_STUDY: datasets, losses and trainSizes may not contain null");
        }
        String id = b.studyId() != null ? b.studyId() : "study-" + UUID.randomUUID();
        return StudyRequested.newBuilder()
                .setStudyId(Keys.study(id))
                .setBenchmark(b.benchmark())
                .setDatasets(List.copyOf(b.datasets()))
                .setLosses(List.copyOf(b.losses()))
                .setTrainSizes(List.copyOf(b.trainSizes()))
                .setSeeds(b.seeds() != null ? b.seeds() : DEFAULT_SEEDS)
                .setBaseSeed(b.baseSeed() != null ? b.baseSeed() : DEFAULT_BASE_SEED)
                .setParams(params(b.params()))
                .setTrainMetric(b.trainMetric())
                .setEvalMetric(b.evalMetric())
                .setRequestedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setRequestedBy(b.requestedBy())
                .build();
    }

    static PredictorParams params(ParamsRequest r) {
        if (r == null) {
            return Params.defaults("gcn");
        }
        String model = r.model() == null ? "gcn" : r.model().toLowerCase(java.util.Locale.ROOT);
        if (!model.equals("gcn") && !model.equals("mlp")) {
            throw new IllegalArgumentException("BAD_PARAMS: unknown predictor model '" + r.model() + "' (known: gcn, mlp)");
        }
        PredictorParams p = Params.defaults(model);
        p.setModel(PredictorModel.valueOf(model.toUpperCase(java.util.Locale.ROOT)));
        if (r.hidden() != null) p.setHidden(r.hidden());
        if (r.layers() != null) p.setLayers(r.layers());
        if (r.fcHidden() != null) p.setFcHidden(r.fcHidden());
        if (r.dropout() != null) p.setDropout(r.dropout());
        if (r.lr() != null) p.setLr(r.lr());
        if (r.weightDecay() != null) p.setWeightDecay(r.weightDecay());
        if (r.epochs() != null) p.setEpochs(r.epochs());
        if (r.batchSize() != null) p.setBatchSize(r.batchSize());
        if (r.predictBatch() != null) p.setPredictBatch(r.predictBatch());
        return p;
    }
}
