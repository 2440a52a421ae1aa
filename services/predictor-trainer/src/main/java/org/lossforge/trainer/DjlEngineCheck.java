package org.lossforge.trainer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the DJL engine is loaded; shows which engine and device trains ({@code PyTorch 2.5.1 on cpu()}). */
@Readiness
@ApplicationScoped
public class DjlEngineCheck implements HealthCheck {

    @Inject
    DjlEngine engine;

    @Override
    public HealthCheckResponse call() {
        String d = engine.loaded();
        return HealthCheckResponse.named("djl-engine").status(d != null).withData("engine", d == null ? "not loaded" : d)
                .build();
    }
}
