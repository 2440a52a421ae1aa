package org.lossforge.ranker.streams;

import org.lossforge.schemas.DeadLetter;

/** Where {@link DeadLetterHandler} writes: {@link KafkaDeadLetterSink} in the service, a list in tests. */
@FunctionalInterface
public interface DeadLetterSink {

    /** Writes the letter durably before returning; throws when it could not. */
    void send(String key, DeadLetter letter) throws Exception;
}
