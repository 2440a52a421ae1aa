package org.lossforge.ranker.rest;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.lossforge.ranker.aggregate.ConfigAggregate;
import org.lossforge.ranker.aggregate.ConfigSummary;
import org.lossforge.ranker.aggregate.TrialOutcome;
import org.lossforge.ranker.routing.KeyRouting;
import org.lossforge.ranker.routing.KeyRouting.Attempt;
import org.lossforge.ranker.routing.KeyRouting.Host;
import org.lossforge.ranker.routing.KeyRouting.Reply;
import org.lossforge.ranker.routing.KeyRouting.Routed;
import org.lossforge.ranker.streams.RankerTopology;
import org.lossforge.ranker.streams.TrialDeduplicator;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.kafka.streams.runtime.KafkaStreamsProducer;

/**
 * Interactive queries of the partitioned stores ({@link RankerTopology#SUMMARIES_STORE} and
 * {@link RankerTopology#TRIALS_STORE}, partitioned alike): each
 * configuration key lives in one partition, whose active task runs on one instance (and its standby, if any, on
 * another). {@link #configuration} finds the hosts with {@link KafkaStreams#queryMetadataForKey}, lets
 * {@link KeyRouting} order the attempts, and answers locally or forwards to the host's {@code application.server}
 * ({@link PeerClient}). {@link #local} reads this instance's own store only; it is what a forwarded query runs.
 * Nothing waits or retries beyond the plan: when no host can answer, {@link StoreUnavailableException} (503 +
 * Retry-After).
 *
 * <p>Counts {@code lossforge_ranker_configuration_queries_total{served=local|forwarded|unavailable,stale}}.
 */
@ApplicationScoped
public class AggregateQueries {

    private static final StringSerializer KEYS = new StringSerializer();

    @Inject
    KafkaStreams streams;

    @Inject
    KafkaStreamsProducer producer;

    @Inject
    PeerClient peers;

    /** This instance's {@code application.server}, exactly as Kafka Streams was configured with it. */
    private volatile Host self;

    AggregateQueries() {
    }

    /** For tests: no CDI. */
    AggregateQueries(KafkaStreams streams, Host self, PeerClient peers) {
        this.streams = streams;
        this.self = self;
        this.peers = peers;
    }

    /** This instance, as its peers and the Kafka Streams metadata name it. */
    public Host self() {
        Host h = self;
        if (h == null) {
            // the config Kafka Streams runs with (not a re-read of the property), so self compares equal to metadata
            String server = producer.getStreamsConfig().getString(StreamsConfig.APPLICATION_SERVER_CONFIG);
            h = Host.parse(server);
            self = h;
        }
        return h;
    }

    /**
     * One configuration's aggregate, from whichever instance can serve it.
     *
     * @return the answer (its value null when no such configuration exists) and which attempt gave it
     * @throws StoreUnavailableException when Kafka Streams has no metadata yet or no host could answer
     */
    public Routed<ConfigurationDetail> configuration(String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(RankerTopology.SUMMARIES_STORE, key, KEYS);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw unavailable("Kafka Streams is " + streams.state() + ", no routing metadata", e);
        }
        if (metadata == null || metadata.partition() < 0 || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw unavailable("no routing metadata yet (Kafka Streams is " + streams.state() + ")", null);
        }
        int partition = metadata.partition();
        Host active = host(metadata.activeHost());
        Set<Host> standbys = metadata.standbyHosts().stream().map(AggregateQueries::host)
                .filter(h -> h != null).collect(Collectors.toSet());
        Host me = self();
        try {
            Routed<ConfigurationDetail> routed = KeyRouting.route(KeyRouting.plan(me, active, standbys),
                    a -> ask(a, key, partition));
            Metrics.counter("lossforge.ranker.configuration.queries", "served",
                    routed.by().local() ? "local" : "forwarded", "stale", Boolean.toString(routed.by().stale()))
                    .increment();
            return routed;
        } catch (KeyRouting.NoHostAnswered e) {
            throw unavailable("partition " + partition + " of " + RankerTopology.SUMMARIES_STORE
                    + ": active " + (active == null ? "none" : active) + ", standbys " + standbys + "; " + e.getMessage(), e);
        }
    }

    private Reply<ConfigurationDetail> ask(Attempt a, String key, int partition) {
        return a.local() ? local(key, partition, a.stale()) : peers.ask(a.host(), key, partition, a.stale());
    }

    /**
     * Reads this instance's own store for {@code partition}: the active task only, or (stale) the active or standby
     * task, restoring or not. Never forwards.
     */
    public Reply<ConfigurationDetail> local(String key, int partition, boolean stale) {
        ConfigAggregate aggregate;
        try {
            // both stores of the partition, read the same way: the summary for the identity, the trials by prefix
            ConfigSummary summary = streams.store(params(RankerTopology.SUMMARIES_STORE,
                    QueryableStoreTypes.<String, ConfigSummary>keyValueStore(), partition, stale)).get(key);
            if (summary == null || summary.isEmpty()) {
                return Reply.absent();
            }
            List<TrialOutcome> trials = TrialDeduplicator.trialsOf(streams.store(params(RankerTopology.TRIALS_STORE,
                    QueryableStoreTypes.<String, TrialOutcome>keyValueStore(), partition, stale)), key);
            aggregate = new ConfigAggregate(summary.identity(), trials);
        } catch (InvalidStateStoreException | IllegalStateException e) {   // thrown too when the partition is not local
            return Reply.notHosted(e.getMessage());
        }
        if (aggregate.isEmpty()) {
            return Reply.absent();
        }
        return Reply.found(ConfigurationDetail.of(key, aggregate, self().toString(), stale));
    }

    private static <T> StoreQueryParameters<T> params(String store, QueryableStoreType<T> type, int partition,
                                                      boolean stale) {
        StoreQueryParameters<T> p = StoreQueryParameters.fromNameAndType(store, type).withPartition(partition);
        return stale ? p.enableStaleStores() : p;
    }

    private StoreUnavailableException unavailable(String message, Exception cause) {
        Metrics.counter("lossforge.ranker.configuration.queries", "served", "unavailable", "stale", "false").increment();
        return new StoreUnavailableException("the aggregate store cannot answer now: " + message, cause);
    }

    /** Kafka Streams' host, or null for its "unavailable" placeholder (no active host known). */
    static Host host(HostInfo h) {
        if (h == null || h.port() < 0 || HostInfo.unavailable().equals(h)) {
            return null;
        }
        return new Host(h.host(), h.port());
    }
}
