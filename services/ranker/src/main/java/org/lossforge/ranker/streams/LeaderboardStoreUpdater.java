package org.lossforge.ranker.streams;

import java.util.function.Consumer;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.lossforge.schemas.LeaderboardEntry;

/**
 * Maintains the global leaderboard store from lossforge.leaderboard.v1 and tells the change listener (the SSE feed)
 * about every entry. Runs on the global stream thread of every instance, so every instance can answer every query and
 * feed every stream. A tombstone deletes the entry. A failing listener is logged, never allowed to stop the store.
 */
final class LeaderboardStoreUpdater implements Processor<String, LeaderboardEntry, Void, Void> {

    private static final Logger LOG = Logger.getLogger(LeaderboardStoreUpdater.class);

    private final Consumer<LeaderboardEntry> onChange;
    private KeyValueStore<String, LeaderboardEntry> store;

    LeaderboardStoreUpdater(Consumer<LeaderboardEntry> onChange) {
        this.onChange = onChange;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(RankerTopology.LEADERBOARD_STORE);
    }

    @Override
    public void process(Record<String, LeaderboardEntry> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        store.put(record.key(), record.value());
        try {
            onChange.accept(record.value());
        } catch (RuntimeException e) {
            LOG.warnf(e, "leaderboard change listener failed for %s", record.key());
        }
    }
}
