package org.lossforge.trainer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends one output record and ties the input's acknowledgement to it: the input is acked (and so its offset becomes
 * committable) only once Kafka has acknowledged the output (acks=all); if the send fails the input is nacked. The
 * returned stage completes after that, so an ordered consumer handles the next record only then.
 */
public final class Forward {

    private static final Logger LOG = Logger.getLogger(Forward.class);

    private Forward() {
    }

    public static <T> CompletionStage<Void> sendThenAck(Emitter<T> emitter, String key, T value, Message<?> input) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Message<T> out = Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withAck(() -> {
                    input.ack().whenComplete((v, e) -> done.complete(null));
                    return done;
                })
                .withNack(failure -> {
                    LOG.errorf(failure, "output for key %s was not written; the input stays unacknowledged", key);
                    input.nack(failure).whenComplete((v, e) -> done.complete(null));
                    return done;
                });
        try {
            emitter.send(out);
        } catch (RuntimeException e) {   // channel cancelled, buffer overflow
            LOG.errorf(e, "cannot send output for key %s", key);
            input.nack(e).whenComplete((v, x) -> done.complete(null));
        }
        return done;
    }
}
