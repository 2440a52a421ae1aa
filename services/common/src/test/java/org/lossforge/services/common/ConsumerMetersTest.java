package org.lossforge.services.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ConsumerMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerMeters meters = new ConsumerMeters(registry, "evaluator");

    @Test
    void reasonTextsMapToTheFixedVocabulary() {
        assertEquals("tombstone", ConsumerMeters.reason("TOMBSTONE: the record has a null value (tombstone); nothing"));
        assertEquals("processing_failed", ConsumerMeters.reason("PROCESSING_FAILED: training threw x"));
        assertEquals("undecodable", ConsumerMeters.reason("BAD_MAGIC (topic t): first byte is 0x7b"));
        assertEquals("undecodable", ConsumerMeters.reason("CORRUPT_PAYLOAD (topic t, schema id 3): truncated"));
        assertEquals("invalid", ConsumerMeters.reason("UNKNOWN_BENCHMARK: nb201-x"));
        assertEquals("invalid", ConsumerMeters.reason("anything else"));
        assertEquals("invalid", ConsumerMeters.reason(null));
    }

    @Test
    void expectedInputsAreRegisteredAtZeroAndCountedByReason() {
        meters.expect("lossforge.prediction-sets.v1");
        assertEquals(0, registry.get(ConsumerMeters.CONSUMED).tag("service", "evaluator")
                .tag("input", "lossforge.prediction-sets.v1").counter().count());
        for (String r : ConsumerMeters.REASONS) {
            assertEquals(0, registry.get(ConsumerMeters.DEAD_LETTERS).tag("reason", r).counter().count(), r);
        }
        meters.consumed("lossforge.prediction-sets.v1");
        meters.consumed("lossforge.prediction-sets.v1");
        DeadLetters letters = new DeadLetters("evaluator", Clock.systemUTC());
        meters.deadLettered(letters.of(new RawRecord("lossforge.prediction-sets.v1", 0, 7, null, new byte[] {1}),
                "BAD_MAGIC (topic lossforge.prediction-sets.v1): first byte 1", null));
        assertEquals(2, registry.get(ConsumerMeters.CONSUMED).counter().count());
        assertEquals(1, registry.get(ConsumerMeters.DEAD_LETTERS).tag("reason", "undecodable").counter().count());
        assertEquals(0, registry.get(ConsumerMeters.DEAD_LETTERS).tag("reason", "invalid").counter().count());
        assertThrows(IllegalArgumentException.class, () -> meters.deadLettered("t", "BAD_MAGIC"));
    }

    @Test
    void residentMemoryIsAPositiveGaugeOnLinux() {
        double rss = registry.get("process.resident.memory").gauge().value();
        assertTrue(rss > 1_000_000, "resident bytes " + rss);
    }
}
