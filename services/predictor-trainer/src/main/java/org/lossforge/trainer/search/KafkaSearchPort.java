package org.lossforge.trainer.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.ArchResult;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.SearchProgress;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.common.DeadLetters;
import org.lossforge.services.common.Outcome;
import org.lossforge.services.common.PlainKafka;
import org.lossforge.services.common.RawRecord;
import org.lossforge.services.common.RecordDecoder;
import org.lossforge.services.common.TransientFailureException;

/**
 * {@link SearchRuns.Port} over Kafka with plain clients: a producer (acks=all, idempotent) for queries and progress,
 * and consumers that read lossforge.search-state.v1, lossforge.arch-results.v1 and lossforge.arch-queries.v1 from
 * the beginning without a group (assigned partitions, nothing committed). Reading the queries topic on every round
 * is linear in its size (7 days of queries); fine at our scale, and the place to add an index if it grows. Used from
 * one thread (the searches channel's ordered worker).
 *
 * <p>Poison on these topics must not stop the controller at its offset for good. A state or query record that does not
 * decode is skipped ({@link PlainKafka#tolerant}; the evaluator's channel dead-letters bad queries). The controller is
 * the only reader of lossforge.arch-results.v1, so an answer that does not decode (or a tombstone) is dead-lettered
 * here, through {@code poison}, when the port first reads it (a restarted controller, or a second trainer, writes the
 * same letter again under the same key {@code topic/partition/offset}). A registry that cannot be reached is not the
 * record's fault: {@link TransientFailureException}, the run stops and resumes when redelivered.
 */
public final class KafkaSearchPort implements SearchRuns.Port, AutoCloseable {

    /** Publishes a dead letter and returns once Kafka acknowledged it; throws {@link TransientFailureException}. */
    @FunctionalInterface
    public interface Poison {
        void deadLetter(DeadLetter letter);
    }

    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, SearchProgress> states;
    private final KafkaConsumer<String, byte[]> results;
    private final KafkaConsumer<String, ArchQuery> queries;
    private final Map<String, ArchResult> answers = new HashMap<>();
    private final RecordDecoder<ArchResult> resultDecoder;
    private final Poison poison;

    private final PlainKafka kafka;

    /**
     * @param letters how this service writes its dead letters
     * @param poison  where an answer that cannot be read goes
     */
    public KafkaSearchPort(PlainKafka kafka, SchemaRegistryClient registry, DeadLetters letters, Poison poison) {
        this.kafka = kafka;
        this.poison = poison;
        resultDecoder = new RecordDecoder<>(new AvroDeserializer<>(ArchResult.class, registry), letters);
        producer = kafka.producer(registry);
        states = kafka.fromBeginning(Topics.SEARCH_STATE,
                PlainKafka.tolerant(new AvroDeserializer<>(SearchProgress.class, registry)));
        results = kafka.fromBeginning(Topics.ARCH_RESULTS, (topic, data) -> data);
        queries = kafka.fromBeginning(Topics.ARCH_QUERIES,
                PlainKafka.tolerant(new AvroDeserializer<>(ArchQuery.class, registry)));
    }

    @Override
    public SearchProgress latest(String runId) {
        states.seekToBeginning(states.assignment());
        Map<TopicPartition, Long> end = states.endOffsets(states.assignment());
        SearchProgress last = null;
        while (PlainKafka.behind(states, end)) {
            for (ConsumerRecord<String, SearchProgress> r : states.poll(Duration.ofMillis(200))) {
                if (runId.equals(r.key()) && r.value() != null && (last == null || r.value().getRound() >= last.getRound())) {
                    last = r.value();
                }
            }
        }
        return last;
    }

    @Override
    public ArchResult answer(ArchQuery query, Duration within) {
        String key = query.getRunId() + "/" + query.getRound();
        catchUp();
        ArchResult known = answers.get(key);
        if (known != null) {
            return known;   // asked before a restart: not asked again
        }
        if (!asked(query)) {   // a query sent just before a restart is answered once; it is not sent again
            send(Topics.ARCH_QUERIES, query.getRunId(), query);
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
            ArchResult a = answers.get(key);
            if (a != null) {
                return a;
            }
        }
        throw new TransientFailureException("no answer to " + key + " within " + within + " (is the evaluator up?)", null);
    }

    @Override
    public void save(String runId, SearchProgress progress) {
        send(Topics.SEARCH_STATE, runId, progress);
    }

    private void send(String topic, String key, SpecificRecord value) {
        kafka.sendAcked(producer, topic, key, value);
    }

    /** Whether this round's query is already on lossforge.arch-queries.v1 (read from the beginning). */
    private boolean asked(ArchQuery q) {
        queries.seekToBeginning(queries.assignment());
        Map<TopicPartition, Long> end = queries.endOffsets(queries.assignment());
        boolean found = false;
        while (PlainKafka.behind(queries, end)) {
            for (ConsumerRecord<String, ArchQuery> r : queries.poll(Duration.ofMillis(200))) {
                found |= r.value() != null && q.getRunId().equals(r.value().getRunId())
                        && r.value().getRound() == q.getRound() && r.value().getQueries().equals(q.getQueries());
            }
        }
        return found;
    }

    private void catchUp() {
        Map<TopicPartition, Long> end = results.endOffsets(results.assignment());
        while (PlainKafka.behind(results, end)) {
            poll();
        }
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : results.poll(Duration.ofMillis(100))) {
            RawRecord raw = new RawRecord(r.topic(), r.partition(), r.offset(),
                    r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value());
            Outcome<ArchResult> o = resultDecoder.decode(raw);   // a registry outage throws: the run stops, resumes
            if (o instanceof Outcome.Ok<ArchResult> ok) {
                answers.putIfAbsent(r.key(), ok.value());   // the first answer of a round is the one
            } else {
                poison.deadLetter(((Outcome.Dead<ArchResult>) o).letter());
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        states.close(Duration.ofSeconds(5));
        results.close(Duration.ofSeconds(5));
        queries.close(Duration.ofSeconds(5));
    }
}
