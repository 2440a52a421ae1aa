package org.lossforge.evaluator;

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
 * The evaluator's meters, registered at 0 at startup so dashboards find every name before the first record (names,
 * what they count and tags: infra/grafana/README.md).
 */
@Singleton
@Startup
public class EvaluatorMetrics {

    private final ConsumerMeters consumer;

    @Inject
    public EvaluatorMetrics(MeterRegistry registry) {
        consumer = new ConsumerMeters(registry, Topics.EVALUATOR).expect(Topics.PREDICTION_SETS)
                .expect(Topics.ARCH_QUERIES);
        for (String o : List.of("evaluated", "failed_trial", "dead_letter", "transient_failure")) {
            Counter.builder("lossforge.evaluator.records").tag("outcome", o).register(registry);
        }
        for (String o : List.of("answered", "dead_letter", "transient_failure")) {
            Counter.builder("lossforge.evaluator.arch_queries").tag("outcome", o).register(registry);
        }
    }

    public ConsumerMeters consumer() {
        return consumer;
    }

    /** Every meter of this service (JVM, Kafka clients, ours) carries {@code service}: dashboards group by it. */
    @Produces
    @Singleton
    static MeterFilter serviceTag() {
        return MeterFilter.commonTags(Tags.of("service", Topics.EVALUATOR));
    }
}
