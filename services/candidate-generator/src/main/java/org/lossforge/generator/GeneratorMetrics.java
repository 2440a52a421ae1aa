package org.lossforge.generator;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.lossforge.schemas.Topics;
import org.lossforge.services.common.ConsumerMeters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.Startup;

/**
 * The candidate-generator's meters, registered at 0 at startup so dashboards find every name before the first record
 * (names, what they count and tags: infra/grafana/README.md).
 */
@Singleton
@Startup
public class GeneratorMetrics {

    private final ConsumerMeters consumer;

    @Inject
    public GeneratorMetrics(MeterRegistry registry) {
        consumer = new ConsumerMeters(registry, Topics.CANDIDATE_GENERATOR)
                .expect(Topics.STUDIES).expect(Topics.LOSS_CANDIDATES).expect(Topics.NLFS_RUNS);
        for (String o : List.of("planned", "dead_letter", "transient_failure")) {
            Counter.builder("lossforge.generator.records").tag("input", "study").tag("outcome", o).register(registry);
            Counter.builder("lossforge.generator.records").tag("input", "candidate").tag("outcome", o).register(registry);
        }
        Counter.builder("lossforge.generator.records").tag("input", "candidate").tag("outcome", "duplicate")
                .register(registry);
        for (String o : List.of("done", "dead_letter")) {
            Counter.builder("lossforge.generator.nlfs_runs").tag("outcome", o).register(registry);
        }
        for (String o : List.of("trained", "reused", "screen_failed", "skipped")) {
            Counter.builder("lossforge.generator.nlfs_candidates").tag("outcome", o).register(registry);
        }
    }

    public ConsumerMeters consumer() {
        return consumer;
    }

    /** Every meter of this service (JVM, Kafka clients, ours) carries {@code service}: dashboards group by it. */
    @Produces
    @Singleton
    static MeterFilter serviceTag() {
        return MeterFilter.commonTags(Tags.of("service", Topics.CANDIDATE_GENERATOR));
    }
}
