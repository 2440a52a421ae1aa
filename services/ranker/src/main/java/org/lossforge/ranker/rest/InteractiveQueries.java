package org.lossforge.ranker.rest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.lossforge.ranker.streams.LeaderboardStore;
import org.lossforge.ranker.streams.RankerTopology;
import org.lossforge.schemas.LeaderboardEntry;

/**
 * Interactive queries over the leaderboard store. It is a global store (every instance holds every entry), so any
 * instance answers any study without forwarding. When Kafka Streams is not queryable (not started yet, restoring,
 * shutting down) a {@link StoreUnavailableException} is thrown at once; the REST layer turns it into 503 with
 * Retry-After. Nothing here waits or retries.
 */
@ApplicationScoped
public class InteractiveQueries {

    @Inject
    KafkaStreams streams;

    /** The entries of one study (unranked). */
    public List<LeaderboardEntry> study(String studyId) {
        try {
            return LeaderboardStore.study(store(), studyId);
        } catch (InvalidStateStoreException | IllegalStateException e) {   // not started yet; stopped or in error
            throw unavailable(e);
        }
    }

    /** The entries of one study; none yet is a 404 ({@link NotFoundException}). */
    public List<LeaderboardEntry> existingStudy(String studyId) {
        List<LeaderboardEntry> entries = study(studyId);
        if (entries.isEmpty()) {
            throw new NotFoundException("no leaderboard entry for study '" + studyId + "' yet");
        }
        return entries;
    }

    /** Every entry of every study (the studies list: a full scan, one entry per configuration). */
    public List<LeaderboardEntry> all() {
        try {
            return LeaderboardStore.all(store());
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw unavailable(e);
        }
    }

    private ReadOnlyKeyValueStore<String, LeaderboardEntry> store() {
        return streams.store(StoreQueryParameters
                .fromNameAndType(RankerTopology.LEADERBOARD_STORE, QueryableStoreTypes.keyValueStore()));
    }

    private StoreUnavailableException unavailable(RuntimeException e) {
        return new StoreUnavailableException("the leaderboard store is not queryable now (Kafka Streams is "
                + streams.state() + ")", e);
    }
}
