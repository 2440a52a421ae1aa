package org.lossforge.ranker.streams;

import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.lossforge.ranker.aggregate.ConfigSummary;
import org.lossforge.ranker.aggregate.LeaderboardEntries;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.Topics;

/**
 * The ranker's topology (see DESIGN.md for the picture):
 *
 * <pre>
 * lossforge.evaluations.v1 ──► check ──valid──► deduplicate [ranker-trials] ──► summarise [ranker-summaries, cached]
 *                                │                          ──► entry (latest per configuration, each commit) ──► lossforge.leaderboard.v1
 *                                └──invalid──► dead letter ──────────────────────────────────────────────────► lossforge.dead-letters.v1
 * lossforge.leaderboard.v1 ──► global store [ranker-leaderboard] (+ change listener: the SSE feed)
 * </pre>
 *
 * Records that cannot even be deserialized never reach the topology: {@link DeadLetterHandler} dead-letters them.
 * Plain construction (no CDI), so {@code TopologyTestDriver} tests build exactly what the service runs.
 */
public final class RankerTopology {

    /**
     * Every trial, one record each (key {@code configKey + '\0' + trialId}; partitioned with its configuration,
     * changelogged, not cached): the de-duplicating state.
     */
    public static final String TRIALS_STORE = "ranker-trials";
    /** Per-configuration summaries (constant size; partitioned, changelogged, cached): what the entries are made of. */
    public static final String SUMMARIES_STORE = "ranker-summaries";
    /** Every leaderboard entry (a global store fed by lossforge.leaderboard.v1): what queries scan. */
    public static final String LEADERBOARD_STORE = "ranker-leaderboard";

    private RankerTopology() {
    }

    /**
     * @param evaluations  value serde of lossforge.evaluations.v1
     * @param entries      value serde of lossforge.leaderboard.v1 and of the leaderboard store
     * @param deadLetters  value serde of lossforge.dead-letters.v1
     * @param onChange     called (on the global stream thread) with every entry applied to the leaderboard store
     */
    public static Topology build(Serde<Evaluation> evaluations, Serde<LeaderboardEntry> entries,
                                 Serde<DeadLetter> deadLetters, Consumer<LeaderboardEntry> onChange) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRIALS_STORE),
                Serdes.String(), StateSerdes.trials()));   // not cached: each trial is read once, as new; the
                                                            // cache's 10 MB is the summaries' (see DESIGN.md)
        // the global store's changelog is its source topic, the compacted leaderboard itself
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEADERBOARD_STORE),
                        Serdes.String(), entries).withLoggingDisabled(),
                Topics.LEADERBOARD, Consumed.with(Serdes.String(), entries).withName("leaderboard-global-source"),
                () -> new LeaderboardStoreUpdater(onChange));

        Map<String, KStream<String, Evaluation>> branches = builder
                .stream(Topics.EVALUATIONS, Consumed.with(Serdes.String(), evaluations).withName("evaluations-source"))
                .split(Named.as("evaluations-"))
                .branch((key, e) -> EvaluationCheck.problem(key, e) == null, Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        // the summary table is cached: it forwards the latest entry per configuration when the cache flushes (each commit,
        // 100 ms), not one entry per evaluation; the trials store holds the de-duplication, the summary the statistics
        branches.get("evaluations-valid")
                .processValues(TrialDeduplicator::new, Named.as("deduplicate"), TRIALS_STORE)
                .groupByKey()
                .aggregate(ConfigSummary::new, (key, change, summary) -> summary.apply(change),
                        Named.as("summarise"),
                        Materialized.<String, ConfigSummary, KeyValueStore<Bytes, byte[]>>as(SUMMARIES_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(StateSerdes.summaries())
                                .withCachingEnabled())
                .toStream(Named.as("summary-changes"))
                .mapValues(LeaderboardEntries::of, Named.as("entry"))
                .to(Topics.LEADERBOARD, Produced.with(Serdes.String(), entries).withName("leaderboard-sink"));
        branches.get("evaluations-invalid")
                .process(() -> new InvalidEvaluationProcessor(evaluations.serializer()), Named.as("invalid-evaluation"))
                .to(Topics.DEAD_LETTERS, Produced.with(Serdes.String(), deadLetters).withName("dead-letter-sink"));
        return builder.build();
    }
}
