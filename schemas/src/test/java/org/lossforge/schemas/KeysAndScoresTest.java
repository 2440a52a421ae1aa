package org.lossforge.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class KeysAndScoresTest {

    @Test
    void theIdCheckLoopAgreesWithTheIdPattern() {
        java.util.Random rnd = new java.util.Random(3);
        String alphabet = "aZ09._-/ é\u0000x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = rnd.nextInt(70);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String s = b.toString();
            assertEquals(Keys.ID.matcher(s).matches(), Keys.isId(s), "'" + s + "'");
        }
        assertEquals(false, Keys.isId(null));
        assertEquals(true, Keys.isId("a".repeat(64)));
        assertEquals(false, Keys.isId("a".repeat(65)));
    }

    @Test
    void configKeyIsSharedByEveryPipelineRecordOfATrial() {
        String key = "quick-study/nb201/cifar10/50/pw:warm=hr,focus=mape,warm.margin=0.01";
        assertEquals(key, Keys.config(Samples.job()));
        assertEquals(key, Keys.config(Samples.predictions()));
        assertEquals(key, Keys.config(Samples.evaluation()));
        assertEquals(key + "/3", Samples.job().getTrialId());
        assertEquals("quick-study/nb201/cifar10/50/hr:margin=0.05", Keys.config(Samples.leaderboard()));
    }

    @Test
    void trialIdsAreDeterministicAndDistinct() {
        assertEquals(Keys.trialId("s", "nb201", "cifar10", 50, "mse", 0), Keys.trialId("s", "nb201", "cifar10", 50, "mse", 0));
        assertNotEquals(Keys.trialId("s", "nb201", "cifar10", 50, "mse", 0), Keys.trialId("s", "nb201", "cifar10", 50, "mse", 1));
        assertNotEquals(Keys.trialId("s", "nb201", "cifar10", 50, "mse", 0), Keys.trialId("s", "nb201", "cifar10", 100, "mse", 0));
        // an expression loss may contain '/': it is the last free-text part, so ids stay unique
        assertEquals("s/nb201/cifar10/50/y / yhat/2", Keys.trialId("s", "nb201", "cifar10", 50, "y / yhat", 2));
    }

    @Test
    void badKeyPartsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Keys.study("has space"));
        assertThrows(IllegalArgumentException.class, () -> Keys.study("a/b"));
        assertThrows(IllegalArgumentException.class, () -> Keys.config("s", "nb/201", "c", 5, "mse"));
        assertThrows(IllegalArgumentException.class, () -> Keys.config("s", "nb201", "", 5, "mse"));
        assertThrows(IllegalArgumentException.class, () -> Keys.config("s", "nb201", "c", 0, "mse"));
        assertThrows(IllegalArgumentException.class, () -> Keys.config("s", "nb201", "c", 5, " "));
        assertThrows(IllegalArgumentException.class, () -> Keys.trialId("s", "nb201", "c", 5, "mse", -1));
        assertEquals("lossforge.evaluations.v1/7/123456", Keys.deadLetter(Topics.EVALUATIONS, 7, 123_456L));
    }

    @Test
    void scoresAreLittleEndianFloat32WithoutHeader() {
        ByteBuffer b = Scores.encode(new float[] {1.0f, -2.5f});
        assertEquals(8, b.remaining());
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0x20, (byte) 0xc0}, b.array());
        assertEquals(-2.5f, b.duplicate().order(ByteOrder.LITTLE_ENDIAN).getFloat(4));
        assertArrayEquals(new float[] {1.0f, -2.5f}, Scores.decode(b, ScoreEncoding.F32LE, 2));
        assertEquals(0, b.position(), "decode leaves the buffer as it was");
        assertArrayEquals(new float[] {0.1f}, Scores.decode(Scores.encode(new double[] {0.1}), ScoreEncoding.F32LE, 1));
        assertThrows(IllegalArgumentException.class, () -> Scores.decode(b, ScoreEncoding.F32LE, 3));
    }
}
