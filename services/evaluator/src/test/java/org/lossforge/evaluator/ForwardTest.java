package org.lossforge.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** The input is acknowledged when, and only when, Kafka acknowledges the output; a failed output nacks the input. */
class ForwardTest {

    /** Keeps what was sent; the test plays Kafka by acking or nacking it. */
    static final class CapturingEmitter<T> implements Emitter<T> {
        Message<? extends T> sent;
        RuntimeException refuse;

        @Override
        public CompletionStage<Void> send(T payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends T>> void send(M msg) {
            if (refuse != null) {
                throw refuse;
            }
            sent = msg;
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    final AtomicBoolean acked = new AtomicBoolean();
    final AtomicReference<Throwable> nacked = new AtomicReference<>();
    final Message<byte[]> input = Message.of(new byte[] {1})
            .withAck(() -> {
                acked.set(true);
                return CompletableFuture.completedFuture(null);
            })
            .withNack(t -> {
                nacked.set(t);
                return CompletableFuture.completedFuture(null);
            });

    @Test
    void inputIsAckedOnlyAfterTheOutputIs() {
        CapturingEmitter<String> emitter = new CapturingEmitter<>();
        CompletableFuture<Void> done = Forward.sendThenAck(emitter, "the-key", "value", input).toCompletableFuture();
        assertEquals("value", emitter.sent.getPayload());
        assertEquals("the-key", emitter.sent.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey());
        assertFalse(acked.get(), "acked before the output was");
        assertFalse(done.isDone());

        emitter.sent.ack();
        assertTrue(acked.get());
        assertNull(nacked.get());
        assertTrue(done.isDone());
    }

    @Test
    void aFailedOutputNacksTheInput() {
        CapturingEmitter<String> emitter = new CapturingEmitter<>();
        CompletableFuture<Void> done = Forward.sendThenAck(emitter, "k", "v", input).toCompletableFuture();
        RuntimeException brokerDown = new RuntimeException("delivery timed out");
        emitter.sent.nack(brokerDown);
        assertFalse(acked.get());
        assertEquals(brokerDown, nacked.get());
        assertTrue(done.isDone());
    }

    @Test
    void anEmitterThatRefusesNacksTheInput() {
        CapturingEmitter<String> emitter = new CapturingEmitter<>();
        emitter.refuse = new IllegalStateException("channel cancelled");
        CompletableFuture<Void> done = Forward.sendThenAck(emitter, "k", "v", input).toCompletableFuture();
        assertFalse(acked.get());
        assertEquals(emitter.refuse, nacked.get());
        assertTrue(done.isDone());
    }
}
