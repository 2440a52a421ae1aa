package org.lossforge.services.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The init-arg placeholders (the broker and registry themselves are exercised by every service's @QuarkusTest). */
class KafkaAndRegistryResourceTest {

    @Test
    void placeholdersAreReplacedOncePerOccurrence() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("mp.messaging.incoming.a.group.id", "svc-a-{unique}");
        args.put("mp.messaging.incoming.b.group.id", "svc-b-{unique}-{unique}");
        args.put("kafka-streams.state.dir", "{tempdir}");
        args.put("plain", "no placeholder {other}");
        AtomicInteger n = new AtomicInteger();
        List<String> dirsFor = new ArrayList<>();
        Map<String, String> out = KafkaAndRegistryResource.resolve(args, () -> "u" + n.incrementAndGet(), name -> {
            dirsFor.add(name);
            return Path.of("/t/" + name);
        });
        assertEquals(Map.of("mp.messaging.incoming.a.group.id", "svc-a-u1",
                "mp.messaging.incoming.b.group.id", "svc-b-u2-u3",
                "kafka-streams.state.dir", "/t/kafka-streams.state.dir",
                "plain", "no placeholder {other}"), out);
        assertEquals(List.of("kafka-streams.state.dir"), dirsFor);
    }

    @Test
    void uniqueValuesDiffer() {
        String a = KafkaAndRegistryResource.unique();
        String b = KafkaAndRegistryResource.unique();
        assertNotEquals(a, b);
        assertTrue(a.matches("\\d+-\\d+"), a);   // a valid group id and Kafka Streams application id
    }
}
