package org.lossforge.e2e;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.ArchResult;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.PredictorModel;
import org.lossforge.schemas.PredictorParams;
import org.lossforge.schemas.ScoreEncoding;
import org.lossforge.schemas.Scores;
import org.lossforge.schemas.SearchRequested;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.TopicReader;

/**
 * A seeded bad-input campaign against a running {@link Platform}: every kind of input the platform must survive
 * ({@link Kind}), sent to every input topic of the pipeline (or to the REST API), then checked: each record that reached
 * a topic is on lossforge.dead-letters.v1 (matched by its original topic, partition and offset) with a non-blank reason,
 * or, for inputs that are valid records of a trial that cannot succeed, that trial's evaluation is {@code FAILED} with
 * its error; a record over the topic's {@code max.message.bytes} is refused by the broker and nothing of it reaches the
 * topic; a REST body that is malformed or over the limit is answered 4xx. Afterwards every service must still be alive
 * and ready.
 *
 * <p>Every random choice (topics, payload bytes, cut points, ids, positions of bad values) comes from one
 * {@link Random} seeded with {@link #seed()}, so a run is replayed by its seed (printed at the start). The campaign uses
 * study ids {@code bad-<seed>-...}, never counted on another study's leaderboard.
 */
public final class BadInputs {

    /** What must become of an input of a kind. */
    public enum Expect { DEAD_LETTER, REFUSED, REST_4XX, FAILED_TRIAL }

    /** The kinds of bad input; the byte-level kinds go round-robin over {@link #INPUT_TOPICS}. */
    public enum Kind {
        RANDOM_BYTES("random bytes (first byte not the magic 0)", Expect.DEAD_LETTER),
        TRUNCATED_AVRO("valid Avro of the topic's type, body cut at a random point", Expect.DEAD_LETTER),
        UNKNOWN_SCHEMA_ID("Confluent framing with a schema id the registry does not have", Expect.DEAD_LETTER),
        WRONG_TYPE("a valid Avro record of another topic's type (registered under its own subject)", Expect.DEAD_LETTER),
        TOMBSTONE("a null value", Expect.DEAD_LETTER),
        MAX_SIZE("random bytes as large as the topic accepts (its max.message.bytes less the batch overhead)",
                Expect.DEAD_LETTER),
        OVERSIZED("random bytes over the topic's max.message.bytes", Expect.REFUSED),
        OVERSIZED_REST("a POST body over the generator's body limit", Expect.REST_4XX),
        MALFORMED_REST("a POST body that is not the JSON the endpoint takes", Expect.REST_4XX),
        UNKNOWN_STUDY("a loss candidate of a study nobody requested", Expect.DEAD_LETTER),
        UNKNOWN_ARCHITECTURE("a training job or an arch query with an index outside the space", Expect.DEAD_LETTER),
        NON_FINITE_LABELS("a training job with a NaN or infinite label", Expect.DEAD_LETTER),
        NON_FINITE_SCORES("a prediction set with NaN or infinite scores", Expect.FAILED_TRIAL),
        NON_FINITE_METRICS("an OK evaluation with an infinite metric, or with no finite metric", Expect.DEAD_LETTER),
        EXPLODING_LOSS("a training job whose loss diverges (mse, lr = 1e6)", Expect.FAILED_TRIAL);

        private final String what;
        private final Expect expect;

        Kind(String what, Expect expect) {
            this.what = what;
            this.expect = expect;
        }

        public String what() {
            return what;
        }

        public Expect expect() {
            return expect;
        }
    }

    /** The topics the services consume (each has a consumer that must dead-letter what it cannot read). */
    public static final List<String> INPUT_TOPICS = List.of(Topics.STUDIES, Topics.LOSS_CANDIDATES,
            Topics.TRAINING_JOBS, Topics.PREDICTION_SETS, Topics.EVALUATIONS, Topics.SURROGATE_JOBS, Topics.SEARCHES,
            Topics.ARCH_QUERIES, Topics.ARCH_RESULTS, Topics.NLFS_RUNS);

    /** The generator's POST endpoints the REST kinds go to. */
    static final List<String> POST_ENDPOINTS = List.of("/studies", "/searches", "/nlfs-runs");

    /** Larger than Quarkus' default request-body limit (10 MiB). */
    static final int OVERSIZED_REST_BYTES = 11 << 20;

    /**
     * What became of one kind.
     *
     * @param sampleReason a dead letter's reason, a failed trial's error or a refusal, as an example
     * @param problems     inputs that did not end as {@link Kind#expect()} says (empty: all handled)
     */
    public record Tally(Kind kind, int sent, int deadLettered, int refused, int rest4xx, int failedTrial,
                        String sampleReason, List<String> problems) {
        public int handled() {
            return deadLettered + refused + rest4xx + failedTrial;
        }
    }

    /**
     * The campaign's result: per kind; every service's state afterwards (name → null when alive and ready); and what
     * went wrong with the good work sent during the campaign (a small study and a small NAS search; null: both
     * completed, the study with exactly its seeds).
     */
    public record Result(long seed, Map<Kind, Tally> kinds, Map<String, String> services, String canary,
                         Duration took) {

        /** Services that died or are not ready after the campaign. */
        public int crashes() {
            return (int) services.values().stream().filter(v -> v != null).count();
        }

        public boolean allHandled() {
            return kinds.values().stream().allMatch(t -> t.problems().isEmpty() && t.handled() == t.sent());
        }

        /** The table for docs/reliability.md. */
        public String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append("Bad-input campaign, seed ").append(seed).append(", ").append(took.toSeconds()).append(" s\n\n");
            sb.append("| kind | sent | dead-lettered | refused | 4xx | failed trial | crashes | sample reason |\n");
            sb.append("|---|---|---|---|---|---|---|---|\n");
            for (Tally t : kinds.values()) {
                String reason = t.sampleReason() == null ? "" : t.sampleReason().replace('|', '/');
                if (reason.length() > 90) {
                    reason = reason.substring(0, 90) + "…";
                }
                sb.append("| ").append(t.kind().name().toLowerCase().replace('_', ' ')).append(" | ").append(t.sent())
                        .append(" | ").append(t.deadLettered()).append(" | ").append(t.refused()).append(" | ")
                        .append(t.rest4xx()).append(" | ").append(t.failedTrial()).append(" | ").append(crashes())
                        .append(" | ").append(reason).append(" |\n");
            }
            for (Tally t : kinds.values()) {
                t.problems().stream().limit(5).forEach(p -> sb.append("\nnot handled: ").append(t.kind()).append(": ")
                        .append(p));
            }
            services.forEach((s, problem) -> sb.append(problem == null ? "" : "\n" + s + ": " + problem));
            sb.append("\ngood work during the campaign: ").append(canary == null ? "completed" : canary).append('\n');
            return sb.toString();
        }
    }

    /** One input that reached a topic: where it landed and what must become of it. */
    private record Sent(Kind kind, String topic, int partition, long offset, String trialId) {
        String coordinates() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    private static final String DATASET = "cifar10";
    /** Seeds of the small study posted during the campaign. */
    public static final int CANARY_SEEDS = 2;

    private final long seed;
    private final Map<Kind, Integer> counts;

    /**
     * @param seed   every random choice of the campaign
     * @param counts how many inputs of each kind (absent: none); a byte-level kind's inputs go round-robin over the
     *               {@link #INPUT_TOPICS}, so 10 or more reach every topic
     */
    public BadInputs(long seed, Map<Kind, Integer> counts) {
        this.seed = seed;
        this.counts = new EnumMap<>(Kind.class);
        counts.forEach((k, n) -> {
            if (n < 0) {
                throw new IllegalArgumentException("negative count for " + k);
            }
            this.counts.put(k, n);
        });
    }

    /** {@code n} inputs of every kind. */
    public static BadInputs each(long seed, int n) {
        Map<Kind, Integer> c = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            c.put(k, n);
        }
        return new BadInputs(seed, c);
    }

    public long seed() {
        return seed;
    }

    /** The settings the campaign wants of the platform: the generator refuses an unknown study after 2 s, not 15 s. */
    public static Map<String, Map<String, String>> platformSettings() {
        return Map.of(Platform.GENERATOR, Map.of("lossforge.generator.unknown-study-wait", "2s"));
    }

    /**
     * Sends every input, then waits (at most {@code within}) until each has ended as its kind expects.
     *
     * @param log where progress goes (one line per step), e.g. {@code System.out::println}
     */
    public Result run(Platform platform, Duration within, java.util.function.Consumer<String> log) {
        long t0 = System.nanoTime();
        log.accept("bad-input campaign: seed " + seed + ", counts " + counts);
        Random rnd = new Random(seed);
        Benchmark nb201 = Benchmarks.get("nb201");
        SchemaRegistryClient registry = new SchemaRegistryClient(platform.registryUrl());
        AvroSerializer<SpecificRecord> avro = new AvroSerializer<>(registry, true);
        Map<Kind, List<String>> problems = new EnumMap<>(Kind.class);
        Map<Kind, int[]> tallies = new EnumMap<>(Kind.class);   // sent, dead, refused, 4xx, failed
        Map<Kind, String> samples = new EnumMap<>(Kind.class);
        for (Kind k : counts.keySet()) {
            problems.put(k, new ArrayList<>());
            tallies.put(k, new int[5]);
        }
        List<Sent> sent = new ArrayList<>();
        Templates t = new Templates(nb201, seed, rnd);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);   // let the broker, not this producer, refuse
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
        p.put(ProducerConfig.RETRIES_CONFIG, 3);
        String generator = platform.url(Platform.GENERATOR);
        String ranker = platform.url(Platform.RANKER);
        String canaryStudy = "bad-" + seed + "-canary";
        String canarySearch = "bad-" + seed + "-canary-search";
        List<String> canary = new ArrayList<>();
        Rest.Response posted = Rest.postJson(generator + "/studies", "{\"studyId\":\"" + canaryStudy
                + "\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[12],"
                + "\"seeds\":" + CANARY_SEEDS + ",\"baseSeed\":" + (seed & 0xffff) + ",\"params\":{\"epochs\":10},"
                + "\"requestedBy\":\"bad-input campaign\"}", platform.apiKey());
        if (posted.status() != 202) {
            canary.add("POST /studies " + canaryStudy + ": " + posted.status() + " " + clip(posted.body()));
        }
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
             TopicReader<DeadLetter> letters = new TopicReader<>(platform.bootstrapServers(), Topics.DEAD_LETTERS,
                     new AvroDeserializer<>(DeadLetter.class, registry));
             TopicReader<Evaluation> evaluations = new TopicReader<>(platform.bootstrapServers(), Topics.EVALUATIONS,
                     new AvroDeserializer<>(Evaluation.class, registry))) {
            for (Kind kind : counts.keySet()) {
                int n = counts.get(kind);
                int first = rnd.nextInt(INPUT_TOPICS.size());
                for (int i = 0; i < n; i++) {
                    String topic = INPUT_TOPICS.get((first + i) % INPUT_TOPICS.size());
                    String id = "bad-" + seed + "-" + kind.name().toLowerCase().replace('_', '-') + "-" + i;
                    int[] tally = tallies.get(kind);
                    tally[0]++;
                    switch (kind) {
                        case OVERSIZED -> {
                            int max = maxMessageBytes(topic);
                            byte[] value = randomBytes(rnd, max + 1 + rnd.nextInt(1024));
                            String refusal = sendOversized(raw, topic, id, value, platform);
                            if (refusal == null) {
                                problems.get(kind).add(topic + ": a " + value.length + "-byte record was accepted");
                            } else {
                                tally[2]++;
                                samples.putIfAbsent(kind, refusal);
                            }
                        }
                        case OVERSIZED_REST, MALFORMED_REST -> {
                            String endpoint = POST_ENDPOINTS.get(rnd.nextInt(POST_ENDPOINTS.size()));
                            byte[] body = kind == Kind.OVERSIZED_REST ? oversizedJson(rnd)
                                    : t.malformedJson(rnd).getBytes(StandardCharsets.UTF_8);
                            Rest.Response r = Rest.postRaw(generator + endpoint, "application/json", body,
                                    platform.apiKey());
                            // authenticated, so the answer is about the body: 413 too large, 400 malformed
                            if (r.status() == (kind == Kind.OVERSIZED_REST ? 413 : 400)) {
                                tally[3]++;
                                samples.putIfAbsent(kind, "POST " + endpoint + " (" + body.length + " B): " + r.status()
                                        + " " + clip(r.body()));
                            } else {
                                problems.get(kind).add("POST " + endpoint + " with " + body.length + " B: " + r.status()
                                        + " " + clip(r.body()));
                            }
                        }
                        default -> {
                            Input in = input(kind, topic, id, i, rnd, t, avro);
                            RecordMetadata m = send(raw, new ProducerRecord<>(in.topic(), bytes(in.key()), in.value()));
                            sent.add(new Sent(kind, m.topic(), m.partition(), m.offset(), in.trialId()));
                        }
                    }
                }
                log.accept("sent " + counts.get(kind) + " × " + kind);
            }

            // a search after the poison: its controller reads lossforge.arch-results.v1 (and the queries) from the start
            Rest.Response search = Rest.postJson(generator + "/searches", "{\"searchId\":\"" + canarySearch
                    + "\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"methods\":[\"hr\"],\"runs\":1,"
                    + "\"baseSeed\":" + (seed & 0xffff) + ",\"settings\":{\"budget\":\"20\",\"initial\":\"10\","
                    + "\"top_k\":\"10\",\"candidates\":\"20\",\"random_candidates\":\"5\",\"predictor.epochs\":\"10\"}}",
                    platform.apiKey());
            if (search.status() != 202) {
                canary.add("POST /searches " + canarySearch + ": " + search.status() + " " + clip(search.body()));
            }

            // every record that reached a topic: a dead letter, or (valid but hopeless) a FAILED evaluation
            long deadline = System.nanoTime() + within.toNanos();
            Map<String, DeadLetter> byCoordinates = new HashMap<>();
            Map<String, Evaluation> byTrial = new HashMap<>();
            List<Sent> open = new ArrayList<>(sent);
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                letters.pollFor(Duration.ofMillis(500));
                evaluations.pollFor(Duration.ofMillis(200));
                for (ConsumerRecord<String, DeadLetter> r : letters.seen()) {
                    if (r.value() != null) {
                        DeadLetter d = r.value();
                        byCoordinates.putIfAbsent(d.getOriginalTopic() + "/" + d.getPartition() + "/" + d.getOffset(), d);
                    }
                }
                for (ConsumerRecord<String, Evaluation> r : evaluations.seen()) {
                    if (r.value() != null) {
                        byTrial.putIfAbsent(r.value().getTrialId(), r.value());
                    }
                }
                open.removeIf(s -> s.kind().expect() == Expect.DEAD_LETTER ? byCoordinates.containsKey(s.coordinates())
                        : byTrial.containsKey(s.trialId()) || byCoordinates.containsKey(s.coordinates()));
            }
            for (Sent s : sent) {
                int[] tally = tallies.get(s.kind());
                DeadLetter d = byCoordinates.get(s.coordinates());
                Evaluation e = s.trialId() == null ? null : byTrial.get(s.trialId());
                if (s.kind().expect() == Expect.DEAD_LETTER) {
                    if (d == null) {
                        problems.get(s.kind()).add(s.coordinates() + ": no dead letter within " + within);
                    } else if (d.getReason() == null || d.getReason().isBlank()) {
                        problems.get(s.kind()).add(s.coordinates() + ": dead letter without a reason");
                    } else {
                        tally[1]++;
                        samples.putIfAbsent(s.kind(), d.getService() + ": " + d.getReason());
                    }
                } else if (e != null && e.getStatus() == EvaluationStatus.FAILED && e.getError() != null
                        && !e.getError().isBlank()) {
                    tally[4]++;
                    samples.putIfAbsent(s.kind(), "FAILED: " + e.getError());
                } else {
                    problems.get(s.kind()).add(s.coordinates() + " (" + s.trialId() + "): " + (d != null
                            ? "dead-lettered (" + d.getReason() + ") instead of a FAILED trial"
                            : e != null ? "evaluated " + e.getStatus() + " " + e.getError() : "no evaluation within " + within));
                }
            }
            // a failed trial is counted on its study's leaderboard (failed, not count)
            for (Sent s : sent) {
                if (s.kind().expect() == Expect.FAILED_TRIAL && byTrial.containsKey(s.trialId())) {
                    Evaluation e = byTrial.get(s.trialId());
                    String row = e.getTrainSize() + "/" + e.getLoss();
                    try {
                        Map<String, Leaderboards.Row> rows = Leaderboards.await(platform.url(Platform.RANKER),
                                e.getStudyId(), "kendallTauB", r -> r.containsKey(row), Duration.ofSeconds(30));
                        Leaderboards.Row lr = rows.get(row);
                        if (lr.failed() != 1 || lr.count() != 0) {
                            problems.get(s.kind()).add(e.getStudyId() + " " + row + ": leaderboard count " + lr.count()
                                    + ", failed " + lr.failed() + " (expected 0 and 1)");
                        }
                    } catch (AssertionError | RuntimeException ex) {
                        problems.get(s.kind()).add(e.getStudyId() + ": no leaderboard row: " + ex.getMessage());
                    }
                }
            }
        }
        long left = Math.max(30_000, within.toMillis() - (System.nanoTime() - t0) / 1_000_000);
        try {
            Leaderboards.Row row = Leaderboards.await(ranker, canaryStudy, "kendallTauB", r -> r.containsKey("12/mse")
                    && r.get("12/mse").count() + r.get("12/mse").failed() >= CANARY_SEEDS, Duration.ofMillis(left))
                    .get("12/mse");
            ServiceProcess.sleep(2000);   // a seed counted twice would show by now
            row = Leaderboards.rows(ranker, canaryStudy, "kendallTauB").get("12/mse");
            if (row.count() != CANARY_SEEDS || row.failed() != 0) {
                canary.add(canaryStudy + ": count " + row.count() + ", failed " + row.failed() + " (expected "
                        + CANARY_SEEDS + " and 0)");
            }
        } catch (AssertionError | RuntimeException e) {
            canary.add(canaryStudy + ": " + e.getMessage());
        }
        try {
            Leaderboards.Row row = Leaderboards.await(ranker, canarySearch, "bestTestError",
                    r -> r.containsKey("20/hr"), Duration.ofMillis(left)).get("20/hr");
            if (row.count() != 1) {
                canary.add(canarySearch + ": 20/hr counted " + row.count() + " times");
            }
        } catch (AssertionError | RuntimeException e) {
            canary.add(canarySearch + ": " + e.getMessage());
        }
        Map<String, String> services = new LinkedHashMap<>();
        for (String s : Platform.SERVICES) {
            services.put(s, health(platform.service(s)));
        }
        Map<Kind, Tally> kinds = new EnumMap<>(Kind.class);
        tallies.forEach((k, v) -> kinds.put(k, new Tally(k, v[0], v[1], v[2], v[3], v[4], samples.get(k),
                List.copyOf(problems.get(k)))));
        Result result = new Result(seed, kinds, services, canary.isEmpty() ? null : String.join("; ", canary), Duration.ofNanos(System.nanoTime() - t0));
        log.accept(result.markdown());
        return result;
    }

    /** Null when the service is alive and answers ready, else what is wrong. */
    static String health(ServiceProcess s) {
        if (!s.isAlive()) {
            return "exited:\n" + s.tail(30);
        }
        try {
            Rest.Response r = Rest.get(s.url() + "/q/health/ready");
            return r.status() == 200 ? null : "not ready (" + r.status() + "): " + clip(r.body());
        } catch (RuntimeException e) {
            return "no health answer: " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------------------------------------ the inputs

    /** A record to put on a topic; {@code trialId} for inputs that must end as a FAILED trial. */
    private record Input(String topic, String key, byte[] value, String trialId) {
    }

    private Input input(Kind kind, String topic, String id, int i, Random rnd, Templates t,
                        AvroSerializer<SpecificRecord> avro) {
        return switch (kind) {
            case RANDOM_BYTES -> {
                byte[] v = randomBytes(rnd, 1 + rnd.nextInt(2048));
                yield new Input(topic, id, v, null);
            }
            case TRUNCATED_AVRO -> {
                byte[] full = avro.serialize(topic, t.valid(topic, id));
                int cut = 5 + rnd.nextInt(full.length - 5);   // header kept, body strictly shorter
                yield new Input(topic, id, Arrays.copyOf(full, cut), null);
            }
            case UNKNOWN_SCHEMA_ID -> {
                byte[] full = avro.serialize(topic, t.valid(topic, id));
                int unknown = 1_000_000 + rnd.nextInt(Integer.MAX_VALUE - 1_000_000);
                ByteBuffer.wrap(full, 1, 4).putInt(unknown);
                yield new Input(topic, id, full, null);
            }
            case WRONG_TYPE -> {
                String other;
                do {
                    other = INPUT_TOPICS.get(rnd.nextInt(INPUT_TOPICS.size()));
                } while (other.equals(topic));
                // serialized for its own topic: registered under its own subject, then put on the wrong topic
                yield new Input(topic, id, avro.serialize(other, t.valid(other, id)), null);
            }
            case TOMBSTONE -> new Input(topic, id, null, null);
            // the broker checks the whole batch: 61 bytes of batch header, about 20 of record framing, and the key
            case MAX_SIZE -> new Input(topic, id, randomBytes(rnd, maxMessageBytes(topic) - 128 - id.length()), null);
            case UNKNOWN_STUDY -> new Input(Topics.LOSS_CANDIDATES, id,
                    avro.serialize(Topics.LOSS_CANDIDATES, t.candidate(id, "c" + i)), null);
            case UNKNOWN_ARCHITECTURE -> {
                int outside = rnd.nextBoolean() ? t.size + rnd.nextInt(100_000) : -1 - rnd.nextInt(1000);
                if (i % 2 == 0) {
                    TrainingJob j = t.job(id, 1e-4);
                    List<Integer> archs = new ArrayList<>(j.getTrainArchitectures());
                    archs.set(rnd.nextInt(archs.size()), outside);
                    j.setTrainArchitectures(archs);
                    yield new Input(Topics.TRAINING_JOBS, Keys.config(j), avro.serialize(Topics.TRAINING_JOBS, j), null);
                }
                ArchQuery q = t.query(id);
                List<Integer> queries = new ArrayList<>(q.getQueries());
                queries.set(rnd.nextInt(queries.size()), outside);
                q.setQueries(queries);
                yield new Input(Topics.ARCH_QUERIES, id, avro.serialize(Topics.ARCH_QUERIES, q), null);
            }
            case NON_FINITE_LABELS -> {
                TrainingJob j = t.job(id, 1e-4);
                List<Double> labels = new ArrayList<>(j.getTrainLabels());
                labels.set(rnd.nextInt(labels.size()), nonFinite(rnd));
                j.setTrainLabels(labels);
                yield new Input(Topics.TRAINING_JOBS, Keys.config(j), avro.serialize(Topics.TRAINING_JOBS, j), null);
            }
            case NON_FINITE_SCORES -> {
                PredictionSet ps = t.predictionSet(id);
                float[] scores = new float[t.size];
                for (int a = 0; a < scores.length; a++) {
                    scores[a] = rnd.nextFloat();
                }
                int bad = 1 + rnd.nextInt(5);
                for (int b = 0; b < bad; b++) {
                    scores[rnd.nextInt(scores.length)] = (float) nonFinite(rnd);
                }
                ps.setScores(Scores.encode(scores));
                yield new Input(Topics.PREDICTION_SETS, Keys.config(ps), avro.serialize(Topics.PREDICTION_SETS, ps),
                        ps.getTrialId());
            }
            case NON_FINITE_METRICS -> {
                Evaluation e = t.evaluation(id);
                if (rnd.nextBoolean()) {
                    e.setKendallTauB(rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                } else {   // OK, and not one metric reported
                    double nan = Double.NaN;
                    e.setKendallTauB(nan);
                    e.setSpearman(nan);
                    e.setP05(nan);
                    e.setP1(nan);
                    e.setP5(nan);
                    e.setP10(nan);
                    e.setN1(nan);
                    e.setN5(nan);
                    e.setN10(nan);
                    e.setRegret10(nan);
                }
                yield new Input(Topics.EVALUATIONS, Keys.config(e), avro.serialize(Topics.EVALUATIONS, e), null);
            }
            case EXPLODING_LOSS -> {
                TrainingJob j = t.job(id, 1e6);
                yield new Input(Topics.TRAINING_JOBS, Keys.config(j), avro.serialize(Topics.TRAINING_JOBS, j),
                        j.getTrialId());
            }
            default -> throw new IllegalStateException(kind + " is not a topic record");
        };
    }

    private static double nonFinite(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            default -> Double.NEGATIVE_INFINITY;
        };
    }

    /** Random bytes whose first byte is not the magic byte 0 (framed garbage is what the other kinds are for). */
    static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        if (n > 0 && b[0] == 0) {
            b[0] = (byte) (1 + rnd.nextInt(255));
        }
        return b;
    }

    private static byte[] oversizedJson(Random rnd) {
        StringBuilder sb = new StringBuilder(OVERSIZED_REST_BYTES + 100);
        sb.append("{\"studyId\":\"bad-oversized\",\"benchmark\":\"nb201\",\"requestedBy\":\"");
        String alphabet = "abcdefghijklmnopqrstuvwxyz";
        while (sb.length() < OVERSIZED_REST_BYTES) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static int maxMessageBytes(String topic) {
        return Topics.spec(topic).map(TopicSpec::maxMessageBytes).orElse(TopicSpec.MIB);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + record.topic() + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Sends a record over the topic's limit: the refusal's text, or null if the broker took it. Checks that the
     * topic's end offsets did not move (nothing of it reached the platform).
     */
    private static String sendOversized(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value,
                                        Platform platform) {
        Map<TopicPartition, Long> before = endOffsets(platform, topic);
        try {
            RecordMetadata m = producer.send(new ProducerRecord<>(topic, bytes(key), value)).get();
            return m == null ? "no metadata" : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RecordTooLargeException)) {
                throw new IllegalStateException("oversized record to " + topic + ": " + e.getCause(), e.getCause());
            }
            Map<TopicPartition, Long> after = endOffsets(platform, topic);
            if (!after.equals(before)) {
                throw new IllegalStateException(topic + " moved from " + before + " to " + after
                        + " although the broker refused the record");
            }
            return "refused by the broker: " + e.getCause().getMessage();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Platform platform, String topic) {
        Properties c = new Properties();
        c.put("bootstrap.servers", platform.bootstrapServers());
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(c,
                             new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                             new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            return new HashMap<>(consumer.endOffsets(parts, Duration.ofSeconds(30)));
        }
    }

    // --------------------------------------------------------------------------------------------- valid records

    /** Valid records of every input type (on NB201 CIFAR-10), for the campaign to cut, mislabel or spoil. */
    private static final class Templates {
        private final Benchmark b;
        private final long seed;
        private final Random rnd;
        private final int size;
        private final String trainMetric;
        private final String evalMetric;

        Templates(Benchmark b, long seed, Random rnd) {
            this.b = b;
            this.seed = seed;
            this.rnd = rnd;
            this.size = b.size();
            this.trainMetric = b.defaultTrainMetric(DATASET);
            this.evalMetric = b.defaultEvalMetric(DATASET);
        }

        private Instant now() {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        /** A valid record of the type {@code topic} carries. */
        SpecificRecord valid(String topic, String id) {
            return switch (topic) {
                case Topics.STUDIES -> study(id);
                case Topics.LOSS_CANDIDATES -> candidate(id, "c");
                case Topics.TRAINING_JOBS -> job(id, 1e-4);
                case Topics.PREDICTION_SETS -> predictionSet(id);
                case Topics.EVALUATIONS -> evaluation(id);
                case Topics.SURROGATE_JOBS -> SurrogateJob.newBuilder().setTrialId(id + "/t").setRunId(id)
                        .setCandidateId("c").setKind(LossKind.EXPRESSION).setLoss("-(y * ln(|yhat|))")
                        .setExpression("-(y * ln(|yhat|))").setFlip(false).setSeed(rnd.nextLong())
                        .setSettings(Map.of("preset", "tiny")).setCreatedAt(now()).build();
                case Topics.SEARCHES -> SearchRequested.newBuilder().setRunId(id).setSearchId(id).setRunIndex(0)
                        .setSeed(rnd.nextLong()).setSettings(Map.of("benchmark", "nb201", "dataset", DATASET,
                                "method", "hr")).setRequestedAt(now()).build();
                case Topics.ARCH_QUERIES -> query(id);
                case Topics.ARCH_RESULTS -> ArchResult.newBuilder().setRunId(id).setRound(1).setQueries(List.of(1, 2))
                        .setValues(List.of(rnd.nextDouble(), rnd.nextDouble())).setAnsweredAt(now()).build();
                case Topics.NLFS_RUNS -> NlfsRunRequested.newBuilder().setRunId(id).setSeed(rnd.nextLong())
                        .setSettings(Map.of("preset", "tiny")).setRequestedAt(now()).build();
                default -> throw new IllegalArgumentException("no template for " + topic);
            };
        }

        StudyRequested study(String id) {
            return StudyRequested.newBuilder().setStudyId(id).setBenchmark("nb201").setDatasets(List.of(DATASET))
                    .setLosses(List.of("mse")).setTrainSizes(List.of(12)).setSeeds(1).setBaseSeed(rnd.nextInt(1000))
                    .setParams(params(1e-4)).setRequestedAt(now()).build();
        }

        LossCandidate candidate(String studyId, String candidateId) {
            return LossCandidate.newBuilder().setCandidateId(candidateId).setStudyId(studyId).setKind(LossKind.NAMED)
                    .setSpec("mse").setSubmittedBy("bad-input campaign").setSubmittedAt(now()).build();
        }

        PredictorParams params(double lr) {
            return PredictorParams.newBuilder().setModel(PredictorModel.GCN).setHidden(144).setLayers(3)
                    .setFcHidden(128).setDropout(0).setLr(lr).setWeightDecay(3e-4).setEpochs(5).setBatchSize(16).build();
        }

        /** A job core can train: 12 architectures of a core training set, their true labels, loss mse. */
        TrainingJob job(String studyId, double lr) {
            StudyPlan.TrainingSet set = StudyPlan.trainingSet(b, seed & 0xffff, DATASET, trainMetric, 12,
                    rnd.nextInt(10));
            List<Integer> archs = new ArrayList<>();
            List<Double> labels = new ArrayList<>();
            for (int k = 0; k < set.archIdx().length; k++) {
                archs.add(set.archIdx()[k]);
                labels.add(set.labels()[k]);
            }
            return TrainingJob.newBuilder()
                    .setTrialId(Keys.trialId(studyId, "nb201", DATASET, 12, "mse", 0)).setStudyId(studyId)
                    .setBenchmark("nb201").setDataset(DATASET).setTrainSize(12).setLoss("mse").setLossKind(LossKind.NAMED)
                    .setCandidateId(null).setSeedIndex(0).setSeed(set.seed()).setTrainArchitectures(archs)
                    .setTrainLabels(labels).setTrainMetric(trainMetric).setEvalMetric(evalMetric).setParams(params(lr))
                    .setCreatedAt(now()).build();
        }

        /** A prediction set of a trial of its own study (valid scores; the campaign spoils them). */
        PredictionSet predictionSet(String studyId) {
            float[] scores = new float[size];
            for (int a = 0; a < size; a++) {
                scores[a] = rnd.nextFloat();
            }
            return PredictionSet.newBuilder()
                    .setTrialId(Keys.trialId(studyId, "nb201", DATASET, 12, "mse", 0)).setStudyId(studyId)
                    .setBenchmark("nb201").setDataset(DATASET).setTrainSize(12).setLoss("mse").setCandidateId(null)
                    .setSeedIndex(0).setSeed(rnd.nextLong()).setTrainMetric(trainMetric).setEvalMetric(evalMetric)
                    .setCount(size).setEncoding(ScoreEncoding.F32LE).setScores(Scores.encode(scores)).setFitMillis(1)
                    .setFinalLoss(null).setError(null).setEngine("bad-input campaign").setCreatedAt(now()).build();
        }

        Evaluation evaluation(String studyId) {
            return Evaluation.newBuilder()
                    .setTrialId(Keys.trialId(studyId, "nb201", DATASET, 12, "mse", 0)).setStudyId(studyId)
                    .setBenchmark("nb201").setDataset(DATASET).setTrainSize(12).setLoss("mse").setCandidateId(null)
                    .setSeedIndex(0).setSeed(rnd.nextLong()).setStatus(EvaluationStatus.OK).setError(null)
                    .setKendallTauB(0.5).setSpearman(0.6).setP05(0).setP1(0).setP5(0).setP10(0).setN1(0).setN5(0)
                    .setN10(0).setRegret10(1).setEvalMetric(evalMetric).setEvaluatedAt(now()).build();
        }

        ArchQuery query(String runId) {
            List<Integer> queries = new ArrayList<>();
            while (queries.size() < 5) {
                int a = rnd.nextInt(size);
                if (!queries.contains(a)) {
                    queries.add(a);
                }
            }
            return ArchQuery.newBuilder().setRunId(runId).setSearchId(runId).setRunIndex(0).setSeed(rnd.nextLong())
                    .setMethod("hr").setBenchmark("nb201").setDataset(DATASET).setTrainMetric(trainMetric)
                    .setEvalMetric(evalMetric).setRound(0).setPrevious(List.of()).setQueries(queries)
                    .setRequestedAt(now()).build();
        }

        /** Not JSON, JSON of the wrong shape, or a field of the wrong type (seeded pick). */
        String malformedJson(Random r) {
            return switch (r.nextInt(4)) {
                case 0 -> "{\"studyId\":\"bad\",\"benchmark\":";                               // cut
                case 1 -> "[1,2,3]";                                                               // wrong shape
                case 2 -> "{\"studyId\":\"bad\",\"seeds\":\"many\",\"trainSizes\":\"x\"}";       // wrong types
                default -> new String(randomBytes(r, 64), StandardCharsets.ISO_8859_1);           // noise
            };
        }
    }

    // ---------------------------------------------------------------------------------------------- load test

    /**
     * A bigger campaign on a fresh platform: {@code BadInputs [seed] [perKind]} (defaults: a random seed, 50), e.g.
     * {@code java -cp services/e2e/target/lossforge-e2e.jar:services/e2e/target/lib/* org.lossforge.e2e.BadInputs 42 50}.
     * Prints the markdown table for docs/reliability.md; exits 1 if an input was not handled or a service crashed.
     */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : new Random().nextLong();
        int perKind = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Result r;
        try (Platform platform = Platform.start(Path.of("target", "bad-input-logs"), platformSettings())) {
            r = each(seed, perKind).run(platform, Duration.ofMinutes(20), System.out::println);
        }
        r.kinds().values().forEach(t -> t.problems().forEach(p -> System.out.println(t.kind() + ": " + p)));
        System.exit(r.allHandled() && r.crashes() == 0 && r.canary() == null ? 0 : 1);
    }
}
