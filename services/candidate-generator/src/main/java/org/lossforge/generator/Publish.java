package org.lossforge.generator;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

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

    /**
     * For the REST resources: waits up to 30 s for Kafka to acknowledge what they published. Null once acknowledged;
     * else the 503 answer, {@code {"error": notPublished + cause}} ({@code "interrupted"} when interrupted), with the
     * failure logged to {@code log} as "cannot publish {@code what}".
     */
    public static Response unlessAcked(CompletableFuture<Void> acked, Logger log, String what, String notPublished) {
        try {
            acked.get(30, TimeUnit.SECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.status(503).entity(Map.of("error", "interrupted")).build();
        } catch (Exception e) {
            log.errorf(e, "cannot publish %s", what);
            return Response.status(503).entity(Map.of("error", notPublished + e)).build();
        }
    }
}
