package org.lossforge.generator;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.lossforge.schemas.LossCandidate;

/**
 * The one emitter of lossforge.loss-candidates.v1 for the REST side: candidates a person injects into a study
 * ({@code POST /studies/{id}/candidates}) or into an NLFS run ({@code POST /nlfs-runs/{id}/candidates}).
 */
@ApplicationScoped
public class CandidatesOut {

    @Inject
    @Channel("loss-candidates-out")
    Emitter<LossCandidate> candidates;

    /** Completes when Kafka acknowledged the candidate (keyed by its study or run id). */
    public CompletableFuture<Void> send(LossCandidate c) {
        return Publish.send(candidates, c.getStudyId(), c);
    }
}
