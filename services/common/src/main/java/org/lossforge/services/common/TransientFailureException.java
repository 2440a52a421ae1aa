package org.lossforge.services.common;

/**
 * A record could not be processed for a reason that is not the record's fault (the schema registry unreachable, timed
 * out or failing after retries; data the service needs that cannot be read). It is never dead-lettered: the service must not acknowledge the record, so it is
 * read again once the registry is back (the services nack it, which stops the channel and marks the service unhealthy
 * until a restart re-reads from the last committed offset).
 */
public class TransientFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
