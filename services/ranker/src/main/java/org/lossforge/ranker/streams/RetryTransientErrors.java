package org.lossforge.ranker.streams;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * When a stream thread dies: a transient cause (the schema registry was unreachable, see {@link DeadLetterHandler})
 * replaces the thread, which resumes from the last committed offsets, so the record is retried, not lost; anything
 * else shuts the client down (the health check goes DOWN and the orchestrator restarts the service) instead of
 * looping on a deterministic failure.
 */
public final class RetryTransientErrors implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(RetryTransientErrors.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        var serde = DeadLetterHandler.serdeCause(exception);
        if (serde != null && serde.reason().retriable()) {
            LOG.warnf("transient failure, replacing the stream thread: %s", serde.getMessage());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.errorf(exception, "stream thread failed; shutting the Kafka Streams client down");
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
