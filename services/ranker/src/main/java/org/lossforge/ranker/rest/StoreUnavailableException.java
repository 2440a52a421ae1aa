package org.lossforge.ranker.rest;

/**
 * A store cannot be queried right now (starting, restoring, rebalancing; for the aggregate store: no instance can serve
 * the key's partition): answer 503 + Retry-After.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
