package org.lossforge.ranker.streams;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.lossforge.ranker.aggregate.ConfigAggregate;
import org.lossforge.ranker.aggregate.ConfigAggregate.Outcome;
import org.lossforge.ranker.aggregate.TrialChange;
import org.lossforge.ranker.aggregate.TrialOutcome;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * The first half of the aggregation: looks an evaluation's trial up in {@link RankerTopology#TRIALS_STORE} (one small
 * record per trial, key {@link #trialKey}), applies {@link ConfigAggregate#outcome}, and for an ADDED or REPLACED
 * trial stores it and forwards a {@link TrialChange} (the key stays the configuration key). Duplicates and stale
 * re-deliveries change nothing and forward nothing. A replacement forwards every trial of the configuration, read by a
 * prefix scan, so the summary can count again. Counts every outcome in {@code lossforge_ranker_evaluations_total{outcome}}.
 */
public final class TrialDeduplicator implements FixedKeyProcessor<String, Evaluation, TrialChange> {

    /** Between the configuration key and the trial id; no configuration key contains it. */
    static final char SEPARATOR = '\u0000';

    private static final StringSerializer KEYS = new StringSerializer();

    private FixedKeyProcessorContext<String, TrialChange> context;
    private KeyValueStore<String, TrialOutcome> trials;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    /** The trial store's key of {@code trialId} in configuration {@code configKey}. */
    static String trialKey(String configKey, String trialId) {
        return configKey + SEPARATOR + trialId;
    }

    /** The prefix of every trial key of {@code configKey}. */
    static String trialPrefix(String configKey) {
        return configKey + SEPARATOR;
    }

    /** Every trial of {@code configKey} in {@code store}, by trial id. */
    public static List<TrialOutcome> trialsOf(org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, TrialOutcome> store,
                                       String configKey) {
        List<TrialOutcome> out = new ArrayList<>();
        try (KeyValueIterator<String, TrialOutcome> it = store.prefixScan(trialPrefix(configKey), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, TrialOutcome> kv = it.next();
                out.add(kv.value);
            }
        }
        return out;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TrialChange> context) {
        this.context = context;
        this.trials = context.getStateStore(RankerTopology.TRIALS_STORE);
        for (Outcome o : Outcome.values()) {
            counters.put(o, Metrics.counter("lossforge.ranker.evaluations", "outcome", o.name().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public void process(FixedKeyRecord<String, Evaluation> record) {
        Evaluation e = record.value();
        TrialOutcome incoming = TrialOutcome.of(e);
        String key = trialKey(record.key(), incoming.trialId());
        Outcome outcome = ConfigAggregate.outcome(trials.get(key), incoming);
        counters.get(outcome).increment();
        DeadLetters.METERS.consumed(context.recordMetadata().map(m -> m.topic()).orElse(Topics.EVALUATIONS));
        switch (outcome) {
            case ADDED -> {
                trials.put(key, incoming);
                context.forward(record.withValue(TrialChange.added(e, incoming)));
            }
            case REPLACED -> {
                trials.put(key, incoming);
                context.forward(record.withValue(TrialChange.recount(e, trialsOf(trials, record.key()))));
            }
            default -> { }   // DUPLICATE, STALE
        }
    }
}
