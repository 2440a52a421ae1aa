package org.lossforge.generator;

import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Sends one keyed record through an emitter; the future completes when Kafka acknowledged it (or failed). */
public final class Publish {

    private Publish() {
    }

    public static <T> CompletableFuture<Void> send(Emitter<T> emitter, String key, T value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            emitter.send(Message.of(value)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                    .withAck(() -> {
                        acked.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        acked.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {   // channel cancelled, buffer overflow
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
