package org.lossforge.ranker.rest;

/** The leaderboard store cannot be queried right now (starting, restoring, rebalancing): answer 503 + Retry-After. */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
