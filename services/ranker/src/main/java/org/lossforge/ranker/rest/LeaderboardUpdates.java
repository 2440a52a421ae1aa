package org.lossforge.ranker.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.lossforge.schemas.LeaderboardEntry;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The feed of leaderboard changes: the topology's global-store processor {@link #publish}es every entry it applies
 * (committed entries only: the global consumer reads lossforge.leaderboard.v1 read-committed), and each SSE client
 * subscribes to {@link #stream}. Hot: a client sees the changes after it subscribed, nothing is replayed (it queries
 * the leaderboard for the current state). Each subscriber gets its own bounded buffer; one that falls
 * {@value #BUFFER} entries behind has its stream ended (it reconnects and re-queries) instead of holding memory or
 * slowing the stream thread.
 */
@ApplicationScoped
public class LeaderboardUpdates {

    static final int BUFFER = 1024;

    private final BroadcastProcessor<LeaderboardEntry> processor = BroadcastProcessor.create();

    /** Called on the global stream thread; never blocks. */
    public void publish(LeaderboardEntry entry) {
        processor.onNext(entry);
    }

    public Multi<LeaderboardEntry> stream() {
        return processor.onOverflow().buffer(BUFFER);
    }
}
