package org.lossforge.ranker.ui;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lossforge.schemas.DeadLetter;

/**
 * What the ranker knows of lossforge.dead-letters.v1 for the operators' page and the studies list: the newest dead
 * letters (at most {@code keep}, without their bytes) and a count per study. The topic's records name no study, so
 * the study is read off the original key: config-keyed topics (training-jobs, prediction-sets, evaluations) are keyed
 * {@code studyId/...}, studies and candidates by {@code studyId}, NLFS by the run id (the study id of its
 * leaderboard), a search's topics by {@code <searchId>-<dataset>-<method>-<k>} (counted for the search by prefix).
 * Records whose key is absent or not UTF-8 count only in the total. At most {@value #MAX_HEADS} distinct key heads are
 * counted apiece (a flood of random keys cannot grow this without bound); the rest count as {@code other}.
 *
 * <p>Pure and thread safe: {@link UiFeeds} feeds it, the REST resources read it.
 */
public final class DeadLetterFeed {

    static final int MAX_HEADS = 10_000;
    private static final int KEY_CHARS = 200, EXCEPTION_CHARS = 500, REASON_CHARS = 1000;

    private final int keep;
    private final Deque<DeadLetterView> newest = new ArrayDeque<>();
    private final Map<String, Long> byHead = new HashMap<>();
    private final Map<String, Long> byTopic = new TreeMap<>();
    private long total, other;

    public DeadLetterFeed(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive, got " + keep);
        }
        this.keep = keep;
    }

    /** Records one dead letter read from the topic. */
    public synchronized void add(DeadLetter d) {
        String key = utf8(d.getKey());
        String head = key == null ? null : head(key);
        DeadLetterView v = new DeadLetterView(d.getOriginalTopic(), d.getPartition(), d.getOffset(),
                key == null ? null : cut(key, KEY_CHARS), d.getValue() == null ? null : d.getValue().remaining(),
                cut(d.getReason(), REASON_CHARS), d.getException() == null ? null : cut(d.getException(), EXCEPTION_CHARS),
                d.getService(), d.getFailedAt() == null ? null : d.getFailedAt().toString(), head);
        newest.addFirst(v);
        while (newest.size() > keep) {
            newest.removeLast();
        }
        total++;
        byTopic.merge(d.getOriginalTopic(), 1L, Long::sum);
        if (head != null) {
            if (byHead.containsKey(head) || byHead.size() < MAX_HEADS) {
                byHead.merge(head, 1L, Long::sum);
            } else {
                other++;
            }
        }
    }

    /** The newest dead letters first, at most {@code limit}, of one study when {@code studyId} is not null. */
    public synchronized List<DeadLetterView> newest(int limit, String studyId, StudyKind kind) {
        List<DeadLetterView> out = new ArrayList<>();
        for (DeadLetterView v : newest) {
            if (out.size() >= limit) {
                break;
            }
            if (studyId == null || belongs(v.studyId(), studyId, kind)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Dead letters of a study since the ranker started reading (the topic from its beginning). */
    public synchronized long count(String studyId, StudyKind kind) {
        long n = byHead.getOrDefault(studyId, 0L);
        if (kind == StudyKind.SEARCH) {
            for (Map.Entry<String, Long> e : byHead.entrySet()) {
                if (e.getKey().startsWith(studyId + "-")) {
                    n += e.getValue();
                }
            }
        }
        return n;
    }

    public synchronized long total() {
        return total;
    }

    /** Dead letters per original topic. */
    public synchronized Map<String, Long> byTopic() {
        return Collections.unmodifiableMap(new TreeMap<>(byTopic));
    }

    /** Dead letters whose key head could not be counted apiece ({@value #MAX_HEADS} heads already). */
    public synchronized long uncounted() {
        return other;
    }

    private static boolean belongs(String head, String studyId, StudyKind kind) {
        return head != null && (head.equals(studyId) || (kind == StudyKind.SEARCH && head.startsWith(studyId + "-")));
    }

    /** The key up to its first {@code /} (a study id, or a run id). */
    static String head(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    /** The bytes as UTF-8 text, or null when absent or not valid UTF-8. */
    static String utf8(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.duplicate()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
