package org.lossforge.ranker.streams;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LeaderboardEntry;

/** Reads of the leaderboard store (keys {@code studyId/benchmark/dataset/trainSize/loss}). */
public final class LeaderboardStore {

    private LeaderboardStore() {
    }

    /**
     * Every entry of a study: a prefix scan over {@code studyId + "/"}. The separator is part of the prefix, so
     * {@code study1} does not match {@code study10/...} (a scan for {@code "study1"} alone would); study ids cannot
     * contain {@code /} ({@link Keys#ID}), so the prefix is unambiguous.
     */
    public static List<LeaderboardEntry> study(ReadOnlyKeyValueStore<String, LeaderboardEntry> store, String studyId) {
        String prefix = Keys.study(studyId) + "/";
        List<LeaderboardEntry> out = new ArrayList<>();
        try (KeyValueIterator<String, LeaderboardEntry> it = store.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                LeaderboardEntry e = it.next().value;
                if (e != null && studyId.equals(e.getStudyId())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Every entry of the store, in key order. */
    public static List<LeaderboardEntry> all(ReadOnlyKeyValueStore<String, LeaderboardEntry> store) {
        List<LeaderboardEntry> out = new ArrayList<>();
        try (KeyValueIterator<String, LeaderboardEntry> it = store.all()) {
            while (it.hasNext()) {
                LeaderboardEntry e = it.next().value;
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
