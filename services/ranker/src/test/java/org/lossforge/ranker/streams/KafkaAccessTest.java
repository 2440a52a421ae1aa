package org.lossforge.ranker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroSerde;
import org.lossforge.serde.SchemaRegistryClient;

/**
 * The topics the ranker declares in its application.properties ({@code lossforge.kafka.streams.reads/writes}, from
 * which its Kubernetes KafkaUser ACLs are generated) are exactly those of the topology it runs: its sources and the
 * global store's source are read, its sinks written. A new source or sink without a declaration fails here, not as
 * an authorization error on a cluster.
 */
class KafkaAccessTest {

    static Properties applicationProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = KafkaAccessTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }

    static Set<String> list(Properties p, String key) {
        return new TreeSet<>(Arrays.stream(p.getProperty(key, "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList());
    }

    @Test
    void declaredStreamsTopicsAreTheTopologysSourcesAndSinks() throws IOException {
        SchemaRegistryClient unused = new SchemaRegistryClient("http://127.0.0.1:1");   // describe() serialises nothing
        TopologyDescription d = RankerTopology.build(AvroSerde.of(Evaluation.class, unused),
                AvroSerde.of(LeaderboardEntry.class, unused), AvroSerde.of(DeadLetter.class, unused), e -> { })
                .describe();
        Set<String> reads = new TreeSet<>(), writes = new TreeSet<>();
        for (TopologyDescription.Subtopology s : d.subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                if (n instanceof TopologyDescription.Source src) {
                    reads.addAll(src.topicSet());
                } else if (n instanceof TopologyDescription.Sink sink) {
                    writes.add(sink.topic());
                }
            }
        }
        for (TopologyDescription.GlobalStore g : d.globalStores()) {
            reads.addAll(g.source().topicSet());
        }
        Properties p = applicationProperties();
        assertEquals(reads, list(p, "lossforge.kafka.streams.reads"));
        assertEquals(writes, list(p, "lossforge.kafka.streams.writes"));
        assertEquals(Set.of(Topics.EVALUATIONS, Topics.LEADERBOARD), reads);
    }

    @Test
    void thePlainClientsWriteOnlyDeadLettersAndReadWhatTheWebUiShows() throws IOException {
        Properties p = applicationProperties();
        assertEquals(Set.of(Topics.DEAD_LETTERS), list(p, "lossforge.kafka.plain.writes"));
        assertEquals(Set.of(Topics.DEAD_LETTERS, Topics.STUDIES), list(p, "lossforge.kafka.plain.reads"));
    }
}
