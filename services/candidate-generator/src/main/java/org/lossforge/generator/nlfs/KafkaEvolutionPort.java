package org.lossforge.generator.nlfs;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.NlfsProgress;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.common.PlainKafka;

/**
 * {@link EvolutionRuns.Port} over Kafka with plain clients: an idempotent producer (acks=all) for candidates and
 * progress, and consumers without a group (assigned partitions, read from the beginning, nothing committed) for
 * lossforge.nlfs-state.v1, lossforge.evaluations.v1 and lossforge.loss-candidates.v1. The evaluations and candidates
 * of the current run are kept in memory and read incrementally; a record that cannot be decoded is skipped here (the
 * ranker and the generator dead-letter it). Used from one thread (the evolver's ordered worker).
 */
public final class KafkaEvolutionPort implements EvolutionRuns.Port, AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, NlfsProgress> states;
    private final KafkaConsumer<String, Evaluation> evaluations;
    private final KafkaConsumer<String, LossCandidate> candidates;
    private final Map<String, Evaluation> evaluated = new HashMap<>();   // trialId -> first evaluation, this run
    private final Set<String> publishedIds = new HashSet<>();            // candidate ids, this run
    private String runId;

    private final PlainKafka kafka;

    public KafkaEvolutionPort(PlainKafka kafka, SchemaRegistryClient registry) {
        this.kafka = kafka;
        producer = kafka.producer(registry);
        states = kafka.fromBeginning(Topics.NLFS_STATE,
                PlainKafka.tolerant(new AvroDeserializer<>(NlfsProgress.class, registry)));
        evaluations = kafka.fromBeginning(Topics.EVALUATIONS,
                PlainKafka.tolerant(new AvroDeserializer<>(Evaluation.class, registry)));
        candidates = kafka.fromBeginning(Topics.LOSS_CANDIDATES,
                PlainKafka.tolerant(new AvroDeserializer<>(LossCandidate.class, registry)));
    }

    /** Switches the in-memory views to a run (one run at a time): both topics are read again from the beginning. */
    private void focus(String run) {
        if (!run.equals(runId)) {
            runId = run;
            evaluated.clear();
            publishedIds.clear();
            evaluations.seekToBeginning(evaluations.assignment());
            candidates.seekToBeginning(candidates.assignment());
        }
    }

    @Override
    public NlfsProgress latest(String run) {
        focus(run);
        states.seekToBeginning(states.assignment());
        NlfsProgress[] last = {null};
        PlainKafka.readToEnd(states, (k, v) -> {
            if (run.equals(k) && v != null && (last[0] == null || v.getStep() >= last[0].getStep())) {
                last[0] = v;
            }
        });
        return last[0];
    }

    @Override
    public void save(NlfsProgress progress) {
        send(Topics.NLFS_STATE, progress.getRunId(), progress);
    }

    @Override
    public Evaluation known(String run, String trialId) {
        focus(run);
        PlainKafka.readToEnd(evaluations, this::evaluation);
        return evaluated.get(trialId);
    }

    @Override
    public boolean published(String run, String candidateId) {
        focus(run);
        PlainKafka.readToEnd(candidates, (k, v) -> {
            if (v != null && run.equals(v.getStudyId())) {
                publishedIds.add(v.getCandidateId());
            }
        });
        return publishedIds.contains(candidateId);
    }

    @Override
    public void publish(LossCandidate candidate) {
        send(Topics.LOSS_CANDIDATES, candidate.getStudyId(), candidate);
        publishedIds.add(candidate.getCandidateId());
    }

    @Override
    public Evaluation await(String run, String trialId, Duration within) {
        focus(run);
        long deadline = System.nanoTime() + within.toNanos();
        do {
            Evaluation e = evaluated.get(trialId);
            if (e != null) {
                return e;
            }
            for (ConsumerRecord<String, Evaluation> r : evaluations.poll(Duration.ofMillis(200))) {
                evaluation(r.key(), r.value());
            }
        } while (System.nanoTime() < deadline);
        return evaluated.get(trialId);
    }

    private void evaluation(String key, Evaluation v) {
        if (v != null && runId.equals(v.getStudyId())) {
            evaluated.putIfAbsent(v.getTrialId(), v);
        }
    }

    private void send(String topic, String key, SpecificRecord value) {
        kafka.sendAcked(producer, topic, key, value);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        states.close(Duration.ofSeconds(5));
        evaluations.close(Duration.ofSeconds(5));
        candidates.close(Duration.ofSeconds(5));
    }
}
