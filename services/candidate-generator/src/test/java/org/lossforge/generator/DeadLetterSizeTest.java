package org.lossforge.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;

/**
 * The generator's dead-letter producer takes what the dead-letter topic takes. A dead letter holds the original value,
 * so a record as large as an input topic allows (1 MiB) plus the envelope is over the producer's default
 * {@code max.request.size} (1 MiB): the send would fail, {@code Forward} nacks the input and the channel fail-stops
 * ({@code failure-strategy=fail}). The e2e BadInputs campaign's MAX_SIZE kind sends such records.
 */
class DeadLetterSizeTest {

    @Test
    void deadLettersOutTakesARecordAsLargeAsTheDeadLetterTopic() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            assertNotNull(in, "application.properties on the class path");
            p.load(in);
        }
        String size = p.getProperty("mp.messaging.outgoing.dead-letters-out.max.request.size");
        assertNotNull(size, "dead-letters-out.max.request.size is set");
        int deadLetterTopic = Topics.spec(Topics.DEAD_LETTERS).orElseThrow().maxMessageBytes();
        assertEquals(deadLetterTopic, Integer.parseInt(size.trim()));
        for (String input : new String[] {"studies-in", "loss-candidates-in", "nlfs-runs-in"}) {
            String topic = p.getProperty("mp.messaging.incoming." + input + ".topic");
            int max = Topics.spec(topic).map(TopicSpec::maxMessageBytes).orElseThrow();
            assertTrue(Integer.parseInt(size.trim()) >= max + 64 * 1024, input + ": room for " + topic
                    + "'s largest record and its envelope");
        }
    }
}
