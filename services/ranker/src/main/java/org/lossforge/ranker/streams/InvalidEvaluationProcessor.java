package org.lossforge.ranker.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.lossforge.services.common.ConsumerMeters;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.Keys;

/**
 * Turns an evaluation that decoded but cannot be aggregated ({@link EvaluationCheck}) into a {@link DeadLetter}, written
 * in the same transaction as the rest of the task's output. The key bytes are the original ones; the value was
 * already decoded, so its bytes are re-encoded with the same serde (same schema, so the same registry id).
 */
final class InvalidEvaluationProcessor implements Processor<String, Evaluation, String, DeadLetter> {

    private final Serializer<Evaluation> serializer;
    private ProcessorContext<String, DeadLetter> context;

    InvalidEvaluationProcessor(Serializer<Evaluation> serializer) {
        this.serializer = serializer;
    }

    @Override
    public void init(ProcessorContext<String, DeadLetter> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Evaluation> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String reason = EvaluationCheck.problem(record.key(), record.value());
        DeadLetter letter = DeadLetters.of(meta.topic(), meta.partition(), meta.offset(),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                record.value() == null ? null : serializer.serialize(meta.topic(), record.value()),
                reason, null, Instant.ofEpochMilli(record.timestamp()));
        DeadLetters.count(meta.topic(), ConsumerMeters.INVALID);
        context.forward(new Record<>(Keys.deadLetter(meta.topic(), meta.partition(), meta.offset()), letter,
                record.timestamp()));
    }
}
