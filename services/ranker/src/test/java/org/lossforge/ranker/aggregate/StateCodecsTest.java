package org.lossforge.ranker.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.ranker.Fixtures.failed;
import static org.lossforge.ranker.Fixtures.nlfs;
import static org.lossforge.ranker.Fixtures.ok;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.lossforge.schemas.MetricNames;

/** The trial and summary state formats: round trips (NaN included), old layouts, and what they refuse. */
class StateCodecsTest {

    @Test
    void trialsRoundTripWithTheirNaNs() {
        for (TrialOutcome t : List.of(TrialOutcome.of(ok("s1", "hr", 3, 0.25)), TrialOutcome.of(failed("s1", "hr", 1)),
                TrialOutcome.of(nlfs("run1", "c1", "-(y * ln(|yhat|))", 0.61)))) {
            assertEquals(t, TrialCodec.decode(TrialCodec.encode(t)), "bitwise, NaN equal to NaN");
        }
    }

    @Test
    void aTrialWrittenWithFewerMetricsReadsNaNForTheRest() {
        byte[] id = "s1/x#0".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + id.length + 4 + 1 + 8 + 4 + 2 * 8);
        b.put(TrialCodec.VERSION).putInt(id.length).put(id).putInt(0).put((byte) 1).putLong(5).putInt(2)
                .putDouble(0.5).putDouble(0.6);
        TrialOutcome t = TrialCodec.decode(b.array());
        assertEquals(0.5, t.metrics()[0]);
        assertEquals(0.6, t.metrics()[1]);
        assertTrue(Double.isNaN(t.metrics()[MetricNames.ALL.size() - 1]));
        assertEquals("s1/x#0", t.trialId());
    }

    @Test
    void summariesRoundTripExactly() {
        ConfigSummary s = ConfigSummaryTest.running(List.of(ok("s1", "hr:margin=0.05", 0, 0.25),
                failed("s1", "hr:margin=0.05", 1), ok("s1", "hr:margin=0.05", 2, 0.75)));
        ConfigSummary back = SummaryCodec.decode(SummaryCodec.encode(s));
        assertEquals(s, back);
        assertEquals(LeaderboardEntries.of(s).toString(), LeaderboardEntries.of(back).toString());
        ConfigSummary empty = new ConfigSummary();
        assertEquals(empty, SummaryCodec.decode(SummaryCodec.encode(empty)), "nulls and infinities survive");
        assertEquals(SummaryCodec.encode(s).length, SummaryCodec.encode(ConfigSummaryTest.running(List.of(
                ok("s1", "hr:margin=0.05", 0, 0.25)))).length, "constant size, whatever the number of trials");
    }

    @Test
    void bothRefuseOtherBytes() {
        refuses(TrialCodec.encode(TrialOutcome.of(ok("s1", "hr", 0, 0.5))), TrialCodec::decode);
        refuses(SummaryCodec.encode(ConfigSummaryTest.running(List.of(ok("s1", "hr", 0, 0.5)))), SummaryCodec::decode);
    }

    private static void refuses(byte[] good, Function<byte[], ?> decode) {
        byte[] wrongVersion = good.clone();
        wrongVersion[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> decode.apply(wrongVersion));
        assertThrows(IllegalArgumentException.class, () -> decode.apply(Arrays.copyOf(good, good.length - 3)));
        assertThrows(IllegalArgumentException.class, () -> decode.apply(Arrays.copyOf(good, good.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> decode.apply(new byte[0]));
    }
}
