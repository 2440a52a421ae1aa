package org.lossforge.generator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends output records and ties the input's acknowledgement to them (as the evaluator's and trainer's Forward): the
 * input is acked (its offset becomes committable) only once Kafka has acknowledged every output (acks=all); if any send
 * fails the input is nacked, once. The returned stage completes after that, so an ordered consumer handles the next
 * record only then. No outputs: the input is acked at once.
 */
public final class Forward {

    private static final Logger LOG = Logger.getLogger(Forward.class);

    private Forward() {
    }

    public static <T> CompletionStage<Void> sendThenAck(Emitter<T> emitter, String key, T value, Message<?> input) {
        return sendAllThenAck(emitter, List.of(value), v -> key, input, null);
    }

    /**
     * @param onFailure run (before the nack) when an output could not be written; may be null
     */
    static <T> CompletionStage<Void> sendAllThenAck(Emitter<T> emitter, List<T> values, Function<T, String> key,
                                                    Message<?> input, Runnable onFailure) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (values.isEmpty()) {
            input.ack().whenComplete((v, e) -> done.complete(null));
            return done;
        }
        AtomicInteger pending = new AtomicInteger(values.size());
        AtomicBoolean failed = new AtomicBoolean();
        Function<Throwable, CompletionStage<Void>> fail = failure -> {
            if (failed.compareAndSet(false, true)) {
                if (onFailure != null) {
                    onFailure.run();
                }
                input.nack(failure).whenComplete((v, e) -> done.complete(null));
            }
            return done;
        };
        for (T value : values) {
            String k = key.apply(value);
            Message<T> out = Message.of(value)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(k).build())
                    .withAck(() -> {
                        if (pending.decrementAndGet() == 0 && !failed.get()) {
                            input.ack().whenComplete((v, e) -> done.complete(null));
                        }
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        LOG.errorf(failure, "output for key %s was not written; the input stays unacknowledged", k);
                        fail.apply(failure);
                        return CompletableFuture.completedFuture(null);
                    });
            try {
                emitter.send(out);
            } catch (RuntimeException e) {   // channel cancelled, buffer overflow
                LOG.errorf(e, "cannot send output for key %s", k);
                fail.apply(e);
                break;
            }
        }
        return done;
    }
}
