package org.lossforge.ranker.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.services.common.PlainKafka;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The two topics the web UI needs besides the leaderboard, each read by a {@link TopicTail} thread: the dead letters
 * ({@link DeadLetterFeed}: the operators' page and the per-study count) and the study requests ({@link StudyPlans}:
 * "planned"). Both are declared in {@code lossforge.kafka.plain.reads}, which is what the ranker's KafkaUser may read.
 * {@code lossforge.ranker.ui-feeds.enabled=false} turns both off (the pages then show no dead letters and no plan).
 */
@ApplicationScoped
public class UiFeeds {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = PlainKafka.READS)
    List<String> plainReads;

    @ConfigProperty(name = PlainKafka.WRITES)
    List<String> plainWrites;

    @ConfigProperty(name = "lossforge.schema-registry.url")
    String registryUrl;

    @ConfigProperty(name = "lossforge.ranker.ui-feeds.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "lossforge.ranker.dead-letter-feed.keep", defaultValue = "500")
    int keep;

    private volatile DeadLetterFeed deadLetters = new DeadLetterFeed(1);
    private volatile StudyPlans plans = new StudyPlans();
    private final List<TopicTail<?>> tails = new ArrayList<>();

    void onStart(@Observes StartupEvent event) {
        deadLetters = new DeadLetterFeed(keep);
        if (!enabled) {
            return;
        }
        PlainKafka kafka = new PlainKafka(kafkaConfig, plainReads, plainWrites);
        SchemaRegistryClient registry = SchemaRegistryClient.shared(registryUrl, Duration.ofSeconds(10));
        start(new TopicTail<>(kafka, Topics.DEAD_LETTERS, new AvroDeserializer<>(DeadLetter.class, registry), () -> {
            DeadLetterFeed fresh = new DeadLetterFeed(keep);
            deadLetters = fresh;
            return fresh::add;
        }), "lossforge-ranker-dead-letter-feed");
        start(new TopicTail<>(kafka, Topics.STUDIES, new AvroDeserializer<>(StudyRequested.class, registry), () -> {
            StudyPlans fresh = new StudyPlans();
            plans = fresh;
            return fresh::add;
        }), "lossforge-ranker-study-plans");
    }

    private void start(TopicTail<?> tail, String name) {
        tails.add(tail);
        Thread t = new Thread(tail, name);
        t.setDaemon(true);
        t.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        tails.forEach(TopicTail::stop);
    }

    /** The dead letters read so far. */
    public DeadLetterFeed deadLetters() {
        return deadLetters;
    }

    /** The study requests read so far. */
    public StudyPlans plans() {
        return plans;
    }
}
