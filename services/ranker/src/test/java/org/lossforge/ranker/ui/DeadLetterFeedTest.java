package org.lossforge.ranker.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lossforge.schemas.DeadLetter;

class DeadLetterFeedTest {

    private static DeadLetter letter(String topic, long offset, byte[] key, String reason) {
        return DeadLetter.newBuilder().setOriginalTopic(topic).setPartition(0).setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key)).setValue(ByteBuffer.wrap(new byte[]{0, 1, 2}))
                .setReason(reason).setException(null).setService("ranker").setFailedAt(Instant.ofEpochMilli(offset))
                .build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheNewestAndCountsPerStudyByTheKeysHead() {
        DeadLetterFeed feed = new DeadLetterFeed(2);
        feed.add(letter("lossforge.evaluations.v1", 1, utf8("s1/nb201/cifar10/20/mse"), "BAD_MAGIC"));
        feed.add(letter("lossforge.studies.v1", 2, utf8("s1"), "INVALID_STUDY"));
        feed.add(letter("lossforge.arch-queries.v1", 3, utf8("q-cifar10-pw-0"), "BAD_MAGIC"));
        feed.add(letter("lossforge.studies.v1", 4, new byte[]{(byte) 0xff, (byte) 0xfe}, "BAD_MAGIC"));
        assertEquals(4, feed.total());
        assertEquals(2, feed.count("s1", StudyKind.STUDY));
        assertEquals(0, feed.count("q", StudyKind.STUDY), "a search's runs count only for a search");
        assertEquals(1, feed.count("q", StudyKind.SEARCH));
        assertEquals(Map.of("lossforge.arch-queries.v1", 1L, "lossforge.evaluations.v1", 1L,
                "lossforge.studies.v1", 2L), feed.byTopic());
        List<DeadLetterView> newest = feed.newest(10, null, StudyKind.STUDY);
        assertEquals(List.of(4L, 3L), newest.stream().map(DeadLetterView::offset).toList(), "two kept, newest first");
        assertNull(newest.get(0).key(), "not UTF-8: no text");
        assertEquals(3, newest.get(1).valueBytes());
        assertEquals(List.of(), feed.newest(10, "s1", StudyKind.STUDY), "s1's letters were pushed out");
    }
}
