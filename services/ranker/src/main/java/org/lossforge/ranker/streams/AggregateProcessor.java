package org.lossforge.ranker.streams;

import java.util.Locale;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.lossforge.ranker.aggregate.ConfigAggregate;
import org.lossforge.ranker.aggregate.LeaderboardEntries;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.Topics;

import io.micrometer.core.instrument.Metrics;

/**
 * Folds an evaluation into its configuration's {@link ConfigAggregate} (store {@link RankerTopology#AGGREGATES_STORE})
 * and, when that changed it, forwards the configuration's new {@link LeaderboardEntry}. Duplicates and stale
 * re-deliveries change nothing and emit nothing. Counts every outcome in
 * {@code lossforge_ranker_evaluations_total{outcome}}.
 */
final class AggregateProcessor implements Processor<String, Evaluation, String, LeaderboardEntry> {

    private ProcessorContext<String, LeaderboardEntry> context;
    private KeyValueStore<String, ConfigAggregate> store;

    @Override
    public void init(ProcessorContext<String, LeaderboardEntry> context) {
        this.context = context;
        this.store = context.getStateStore(RankerTopology.AGGREGATES_STORE);
    }

    @Override
    public void process(Record<String, Evaluation> record) {
        ConfigAggregate aggregate = store.get(record.key());
        if (aggregate == null) {
            aggregate = new ConfigAggregate();
        }
        ConfigAggregate.Outcome outcome = aggregate.apply(record.value());
        Metrics.counter("lossforge.ranker.evaluations", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
        DeadLetters.METERS.consumed(context.recordMetadata().map(m -> m.topic()).orElse(Topics.EVALUATIONS));
        if (!outcome.changed()) {
            return;
        }
        store.put(record.key(), aggregate);
        context.forward(record.withValue(LeaderboardEntries.of(aggregate)));
    }
}
