package org.lossforge.ranker.streams;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.lossforge.ranker.aggregate.ConfigAggregate;
import org.lossforge.schemas.Topics;
import org.lossforge.services.common.ConsumerMeters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.Startup;

/**
 * Registers the ranker's meters at 0 at startup, so dashboards find every name before the first evaluation (the
 * streams code counts on the global registry: {@link TrialDeduplicator}, {@link DeadLetters#count}). Kafka Streams'
 * own metrics (commit latency, records consumed, lag) are bound by Quarkus' Kafka binder. Names, what they count and
 * tags: infra/grafana/README.md.
 */
@Singleton
@Startup
public class RankerMetrics {

    @Inject
    public RankerMetrics(MeterRegistry registry) {
        new ConsumerMeters(registry, DeadLetters.SERVICE).expect(Topics.EVALUATIONS);
        for (ConfigAggregate.Outcome o : ConfigAggregate.Outcome.values()) {
            Counter.builder("lossforge.ranker.evaluations").tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        for (String kind : List.of(ConsumerMeters.UNDECODABLE, ConsumerMeters.INVALID)) {
            Counter.builder("lossforge.ranker.dead.letters").tag("kind", kind).register(registry);
        }
    }

    /** Every meter of this service (JVM, Kafka clients, ours) carries {@code service}: dashboards group by it. */
    @Produces
    @Singleton
    static MeterFilter serviceTag() {
        return MeterFilter.commonTags(Tags.of("service", DeadLetters.SERVICE));
    }
}
