package org.lossforge.services.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.lossforge.schemas.DeadLetter;

class DeadLettersTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30.123456Z"), ZoneOffset.UTC);

    @Test
    void keepsTheOriginalBytesAndCoordinates() {
        byte[] key = "s/nb201/cifar10/20/mse".getBytes(StandardCharsets.UTF_8);
        byte[] value = {1, 2, 3, 0, -1};
        RawRecord raw = new RawRecord("lossforge.prediction-sets.v1", 7, 42L, key, value);
        DeadLetter d = new DeadLetters("evaluator", CLOCK).of(raw, "BAD_MAGIC: first byte\nis 0x01",
                new IllegalStateException("boom"));
        assertEquals("lossforge.prediction-sets.v1", d.getOriginalTopic());
        assertEquals(7, d.getPartition());
        assertEquals(42L, d.getOffset());
        assertEquals(ByteBuffer.wrap(key), d.getKey());
        assertEquals(ByteBuffer.wrap(value), d.getValue());
        assertEquals("BAD_MAGIC: first byte is 0x01", d.getReason());   // one line
        assertEquals("java.lang.IllegalStateException: boom", d.getException());
        assertEquals("evaluator", d.getService());
        assertEquals(Instant.parse("2026-11-23T10:15:30.123Z"), d.getFailedAt());   // timestamp-millis
        assertEquals("lossforge.prediction-sets.v1/7/42", DeadLetters.key(d));

        value[0] = 9;   // the letter holds a copy
        assertEquals(1, d.getValue().get(0));
    }

    @Test
    void nullKeyValueAndCauseStayNull() {
        DeadLetter d = new DeadLetters("predictor-trainer", CLOCK)
                .of(new RawRecord("t", 0, 0, null, null), "TOMBSTONE: null value", null);
        assertNull(d.getKey());
        assertNull(d.getValue());
        assertNull(d.getException());
    }

    @Test
    void reasonAndServiceAreRequired() {
        DeadLetters letters = new DeadLetters("evaluator", CLOCK);
        RawRecord raw = new RawRecord("t", 0, 0, null, new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> letters.of(raw, " ", null));
        assertThrows(IllegalArgumentException.class, () -> new DeadLetters("", CLOCK));
        assertThrows(IllegalArgumentException.class, () -> new InvalidRecordException("lower", "x"));
    }
}
