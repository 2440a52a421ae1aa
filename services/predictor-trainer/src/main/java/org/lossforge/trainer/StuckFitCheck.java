package org.lossforge.trainer;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: DOWN while a fit that was failed at its deadline still runs past the grace period ({@link FitDeadline}),
 * so the orchestrator restarts a trainer that has a thread (and possibly the autograd lock) stuck in a fit.
 */
@Liveness
@ApplicationScoped
public class StuckFitCheck implements HealthCheck {

    @Inject
    FitDeadline deadline;

    @Override
    public HealthCheckResponse call() {
        Set<String> stuck = deadline.stuck();
        return HealthCheckResponse.named("fits-within-deadline").status(stuck.isEmpty())
                .withData("deadline", deadline.deadline().toString())
                .withData("stuck", stuck.isEmpty() ? "none" : String.join(",", stuck)).build();
    }
}
