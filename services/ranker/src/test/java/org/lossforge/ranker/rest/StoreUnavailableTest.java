package org.lossforge.ranker.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.lossforge.ranker.routing.KeyRouting;
import org.lossforge.ranker.streams.RankerTopology;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.serde.AvroSerde;
import org.lossforge.serde.SchemaRegistryClient;

/**
 * A store that is not queryable answers 503 with Retry-After at once: a real {@link KafkaStreams} that has not started
 * (state CREATED) throws from {@code store()}, {@link InteractiveQueries} turns it into {@link StoreUnavailableException}
 * and the resource's mapper into the response; the aggregate store's routed queries likewise. No broker or registry
 * is contacted.
 */
class StoreUnavailableTest {

    @Test
    void notStartedMeans503WithRetryAfter() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ranker-503-");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ranker-503");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        SchemaRegistryClient unused = new SchemaRegistryClient("http://127.0.0.1:1");
        try (KafkaStreams streams = new KafkaStreams(RankerTopology.build(AvroSerde.of(Evaluation.class, unused),
                AvroSerde.of(LeaderboardEntry.class, unused), AvroSerde.of(DeadLetter.class, unused), e -> { }), p)) {
            InteractiveQueries queries = new InteractiveQueries();
            queries.streams = streams;
            LeaderboardResource resource = new LeaderboardResource();
            resource.queries = queries;

            long t0 = System.nanoTime();
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> resource.leaderboard("s1", null, null, null, null, null, true));
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "answers at once, no waiting");
            assertTrue(e.getMessage().contains("CREATED"), e.getMessage());
            try (Response r = new ProblemMappers().unavailable(e)) {
                assertEquals(503, r.getStatus());
                assertEquals(LeaderboardResource.RETRY_AFTER_SECONDS, r.getHeaderString("Retry-After"));
            }
        }
    }

    @Test
    void aggregateQueriesBeforeStartAre503AndNeverForwarded() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ranker-503-agg-");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ranker-503-agg");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:18080");
        SchemaRegistryClient unused = new SchemaRegistryClient("http://127.0.0.1:1");
        try (KafkaStreams streams = new KafkaStreams(RankerTopology.build(AvroSerde.of(Evaluation.class, unused),
                AvroSerde.of(LeaderboardEntry.class, unused), AvroSerde.of(DeadLetter.class, unused), e -> { }), p)) {
            // a peer client that must not be used: no metadata means no host to forward to
            AggregateQueries aggregates = new AggregateQueries(streams, KeyRouting.Host.parse("127.0.0.1:18080"), null);
            LeaderboardResource resource = new LeaderboardResource();
            resource.aggregates = aggregates;

            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> resource.configuration("s1", "nb201", "cifar10", 50, "hr"));
            assertTrue(e.getMessage().contains("CREATED"), e.getMessage());
            try (Response r = new ProblemMappers().unavailable(e)) {
                assertEquals(503, r.getStatus());
                assertEquals(LeaderboardResource.RETRY_AFTER_SECONDS, r.getHeaderString("Retry-After"));
            }
            // the internal endpoint: the partition is not hosted here, in either mode
            InternalAggregateResource internal = new InternalAggregateResource();
            internal.aggregates = aggregates;
            for (boolean stale : new boolean[] {false, true}) {
                try (Response r = internal.local("s1/nb201/cifar10/50/hr", 3, stale)) {
                    assertEquals(503, r.getStatus());
                    assertEquals("127.0.0.1:18080", r.getHeaderString(PeerClient.SERVED_BY));
                }
            }
            try (Response r = internal.local("s1/nb201/cifar10/50/hr", null, false)) {
                assertEquals(400, r.getStatus());
            }
        }
    }

    @Test
    void badQueriesAre400BeforeAnyStoreAccess() {
        LeaderboardResource resource = new LeaderboardResource();   // no store at all: validation comes first
        assertThrows(BadQueryException.class, () -> resource.leaderboard("s1", "accuracy", null, null, null, null, true));
        assertThrows(BadQueryException.class, () -> resource.leaderboard("s1", "tau", "up", null, null, null, true));
        assertThrows(BadQueryException.class, () -> resource.leaderboard("bad/study", null, null, null, null, null, true));
        assertThrows(BadQueryException.class, () -> resource.configuration("s1", "nb201", "cifar10", null, "hr"));
        assertThrows(BadQueryException.class, () -> resource.configuration("s1", "nb201", null, 50, "hr"));
        assertThrows(BadQueryException.class, () -> resource.configuration("s1", "nb/201", "cifar10", 50, "hr"));
        assertThrows(BadQueryException.class, () -> resource.configuration("s1", "nb201", "cifar10", 0, "hr"));
        assertThrows(BadQueryException.class, () -> resource.configuration("s1", "nb201", "cifar10", 50, " "));
        assertThrows(BadQueryException.class, () -> resource.configuration("bad/study", "nb201", "cifar10", 50, "hr"));
        try (Response r = new ProblemMappers().badQuery(new BadQueryException("x"))) {
            assertEquals(400, r.getStatus());
        }
    }
}
