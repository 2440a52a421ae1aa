package org.lossforge.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code infra/topics.txt}, which the local stack creates topics from, must say what {@link Topics#ALL} says. */
class TopicsFileTest {

    @Test
    void stackTopicFileMatchesTopicsAll() throws Exception {
        Path file = Path.of("..", "infra", "topics.txt");
        List<String> rows = Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(Topics.ALL.size(), rows.size(), "one line per topic in " + file);
        for (int i = 0; i < rows.size(); i++) {
            TopicSpec t = Topics.ALL.get(i);
            String[] f = rows.get(i).split("\\s+");
            assertEquals(t.name(), f[0]);
            assertEquals(t.partitions(), Integer.parseInt(f[1]), t.name() + " partitions");
            assertEquals(t.cleanupPolicy().kafkaValue(), f[2], t.name() + " cleanup.policy");
            assertEquals(t.retentionMs(), Long.parseLong(f[3]), t.name() + " retention.ms");
            assertEquals(t.maxMessageBytes(), Integer.parseInt(f[4]), t.name() + " max.message.bytes");
        }
    }
}
