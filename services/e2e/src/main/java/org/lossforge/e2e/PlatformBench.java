package org.lossforge.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.LocalKafka;
import org.lossforge.testkit.RepoRoot;
import org.lossforge.testkit.TopicReader;

/**
 * {@code ./lossforge bench platform}: measures the running platform (the four services as shipped, a real broker and
 * registry, as {@link Platform} starts them) and rewrites the {@code platform} section of docs/benchmarks.md.
 *
 * <ol>
 *   <li><b>Ranker throughput</b>: N valid Evaluation events (pre-serialised, 36 configurations of one study) are
 *       published as fast as the producer goes; the clock stops when the committed entries on lossforge.leaderboard.v1
 *       count all N (read by a plain consumer in this JVM).
 *       Events per second = N / that time. {@code bench.warmup} uncounted rounds first (default 10: in the first
 *       seconds the ranker's JIT compiler takes more CPU than its stream thread), then three rounds, each on a new
 *       study; then three more with 1,000 configurations (about 20 seeds each) instead of 36.</li>
 *   <li><b>Candidate → leaderboard latency</b>: a study is posted; then M LossCandidates, one at a time, are
 *       published with a plain producer; for each, the time from the send until the first LeaderboardEntry of that
 *       candidate appears on lossforge.leaderboard.v1 (read committed). That path is generator → trainer (one GCN
 *       fit on the study's training set and a whole-space prediction) → evaluator (benchmark truth, all metrics) →
 *       ranker; the trainer's own fit time is reported beside it. Then the trainer is restarted with its oracle fit
 *       (no training) and M more candidates are timed. For every candidate, the four hops' times come from the
 *       records' timestamps ({@link Latency}).</li>
 *   <li><b>Resident memory</b>: each service's VmRSS and VmHWM after the throughput rounds and the real-fit
 *       candidates (before the trainer is restarted with the oracle fit).</li>
 * </ol>
 * Options (system properties): {@code bench.events} (default 20000), {@code bench.candidates} (default 40),
 * {@code bench.epochs} (default 10), {@code bench.trainSize} (default 20), {@code bench.out} (default
 * docs/benchmarks.md), {@code bench.warmup} (default 10), {@code bench.kafkaTools} (a classpath with kafka-tools: the
 * Kafka clients' ceiling is measured with it; infra/bench-platform passes infra/kafka's).
 */
public final class PlatformBench {

    private PlatformBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        int candidates = Integer.getInteger("bench.candidates", 40);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int epochs = Integer.getInteger("bench.epochs", 10);
        int trainSize = Integer.getInteger("bench.trainSize", 20);
        Path root = RepoRoot.find();
        Path out = Path.of(System.getProperty("bench.out", root.resolve("docs/benchmarks.md").toString()));
        Path logs = Files.createTempDirectory("lossforge-bench-logs-");
        System.err.println("bench platform: starting broker, registry and the four services (logs " + logs + ")");
        long t0 = System.nanoTime();
        try (Platform p = Platform.start(logs)) {
            double startup = (System.nanoTime() - t0) / 1e9;
            System.err.printf(Locale.ROOT, "bench platform: ready in %.1f s%n", startup);
            for (int round = 0; round < warmup; round++) {   // the JIT compiles the hot path (C2 is most of the CPU at first)
                double rate = rankerThroughput(p, "bench-warmup-" + round + "-" + System.currentTimeMillis(), events, 36);
                System.err.printf(Locale.ROOT, "bench platform: ranker warm-up round %d (not counted): %.0f evaluations/s%n",
                        round + 1, rate);
            }
            List<Double> rates = new ArrayList<>();
            List<Double> wide = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                double rate = rankerThroughput(p, "bench-ranker-" + round + "-" + System.currentTimeMillis(), events, 36);
                System.err.printf(Locale.ROOT, "bench platform: ranker round %d (36 configurations): %.0f evaluations/s%n",
                        round + 1, rate);
                rates.add(rate);
            }
            for (int round = 0; round < 3; round++) {
                double rate = rankerThroughput(p, "bench-wide-" + round + "-" + System.currentTimeMillis(), events, 1000);
                System.err.printf(Locale.ROOT, "bench platform: ranker round %d (1,000 configurations): %.0f evaluations/s%n",
                        round + 1, rate);
                wide.add(rate);
            }
            String tools = System.getProperty("bench.kafkaTools", "");
            Ceiling ceiling = null;
            if (!tools.isBlank()) {
                ceiling = clientCeiling(p, tools, Math.max(200_000, 10 * events), (int) Math.round(meanRecordBytes));
                System.err.printf(Locale.ROOT, "bench platform: Kafka clients on this broker: produce %.0f, consume %.0f records/s (%d B)%n",
                        ceiling.produced(), ceiling.consumed(), ceiling.recordBytes());
            }
            Latency lat = candidateLatency(p, candidates, epochs, trainSize);
            // each service's resident memory after all that work (the trainer's 41 GCN jobs, the ranker's 16 rounds)
            Map<String, long[]> memory = new java.util.LinkedHashMap<>();
            for (String s : Platform.SERVICES) {
                memory.put(s, ServicesBench.memory(p.service(s).pid()));
            }
            // the same path with no fit in it: the trainer's oracle (the benchmark's truth plus seeded noise, no wait)
            p.restartWith(Platform.TRAINER, Map.of("lossforge.trainer.fit", "oracle"));
            Latency oracle = candidateLatency(p, candidates, epochs, trainSize);
            String body = report(events, warmup, rates, wide, ceiling, candidates, epochs, trainSize, lat, oracle, memory, startup);
            org.lossforge.cli.BenchCommand.replaceSection(out, "platform", body);
            System.out.println(body);
        }
    }

    // ---------------------------------------------------------------- ranker throughput

    /**
     * @param configurations 36 (the 9 losses × 4 train sizes of a study) or more: beyond 36 the losses get a variant
     *                       suffix ({@code mse:v=1}, ...), so each configuration has about n / configurations seeds
     */
    /** Mean value size of the evaluation records of the last throughput round (bytes, Confluent framing included). */
    static double meanRecordBytes;

    static double rankerThroughput(Platform p, String study, int n, int configurations) throws Exception {
        SplittableRandom rnd = new SplittableRandom(n);
        String[] losses = {"mse", "hr", "lr", "mse_sr", "listmle", "ew", "mape", "warp", "pw"};
        int[] sizes = {50, 100, 200, 400};
        AvroSerializer<Evaluation> ser = new AvroSerializer<>(new SchemaRegistryClient(p.registryUrl()), true);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(n);
        Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
        for (int i = 0; i < n; i++) {
            int c = i % configurations;
            String loss = losses[c % losses.length] + (c < 36 ? "" : ":v=" + c / 36);
            int size = sizes[(c / losses.length) % sizes.length];
            int seed = i / configurations;
            Evaluation e = Evaluation.newBuilder()
                    .setTrialId(Keys.trialId(study, "nb201", "cifar10", size, loss, seed))
                    .setStudyId(study).setBenchmark("nb201").setDataset("cifar10").setTrainSize(size).setLoss(loss)
                    .setCandidateId(null).setSeedIndex(seed).setSeed(seed).setStatus(EvaluationStatus.OK).setError(null)
                    .setKendallTauB(rnd.nextDouble()).setSpearman(rnd.nextDouble()).setP05(rnd.nextDouble())
                    .setP1(rnd.nextDouble()).setP5(rnd.nextDouble()).setP10(rnd.nextDouble())
                    .setN1(1 + rnd.nextInt(100)).setN5(1 + rnd.nextInt(100)).setN10(1 + rnd.nextInt(100))
                    .setRegret10(rnd.nextDouble()).setEvalMetric("test_accuracy").setEvaluatedAt(at).build();
            byte[] key = Keys.config(study, "nb201", "cifar10", size, loss).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            records.add(new ProducerRecord<>(Topics.EVALUATIONS, key, ser.serialize(Topics.EVALUATIONS, e)));
        }
        meanRecordBytes = records.stream().mapToInt(r -> r.value().length).average().orElse(0);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        AvroDeserializer<LeaderboardEntry> entries = new AvroDeserializer<>(LeaderboardEntry.class,
                new SchemaRegistryClient(p.registryUrl()));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> board = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            // the clock stops at the committed leaderboard entry that completes the count, read from the topic (a
            // REST query of the whole study every few ms would cost the ranker more than the measurement is worth)
            List<TopicPartition> parts = board.partitionsFor(Topics.LEADERBOARD).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            board.assign(parts);
            board.seekToEnd(parts);
            parts.forEach(board::position);
            String prefix = study + "/";
            Map<String, Integer> counted = new HashMap<>();
            int total = 0;
            long start = System.nanoTime();
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
            while (true) {
                for (ConsumerRecord<String, byte[]> r : board.poll(Duration.ofMillis(5))) {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        LeaderboardEntry e = entries.deserialize(Topics.LEADERBOARD, r.value());
                        Integer before = counted.put(r.key(), e.getCount() + e.getFailed());
                        total += e.getCount() + e.getFailed() - (before == null ? 0 : before);
                    }
                }
                if (total >= n) {
                    return n / ((System.nanoTime() - start) / 1e9);
                }
                if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("the ranker counted " + total + " of " + n + " in 10 minutes");
                }
            }
        }
    }

    // ---------------------------------------------------------------- the Kafka clients' ceiling

    /** What kafka-producer-perf-test and kafka-consumer-perf-test report on the same broker (records/s). */
    record Ceiling(int records, double produced, double consumed, int recordBytes) {
    }

    /**
     * Kafka's own perf tools ({@code org.apache.kafka.tools.ProducerPerformance} and {@code ConsumerPerformance}, what
     * the {@code kafka-*-perf-test.sh} scripts run), each a child JVM on {@code toolsClasspath}, against this platform's
     * broker while the services idle: {@code n} records (10 × the ranker's rounds, at least 200,000: a fresh JVM's
     * first 20,000 records are mostly its warm-up) of the evaluations' mean size to a new topic with the
     * evaluations' 12 partitions, producer settings as this bench's (acks=all, linger.ms=5), then read back.
     */
    static Ceiling clientCeiling(Platform p, String toolsClasspath, int n, int recordBytes) throws Exception {
        String topic = "bench-ceiling-" + System.currentTimeMillis();
        LocalKafka.createTopics(p.bootstrapServers(), List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 12, (short) 1)));
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String produced = run(List.of(jvm, "-Xmx512m", "-cp", toolsClasspath, "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Integer.toString(n), "--record-size", Integer.toString(recordBytes),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + p.bootstrapServers(), "acks=all",
                "linger.ms=5"));
        // "20000 records sent, 95238.1 records/sec (30.40 MB/sec), ..."
        java.util.regex.Matcher pm = java.util.regex.Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(produced);
        String rate = null;
        while (pm.find()) {   // periodic lines first, the whole run's summary last
            rate = pm.group(2);
        }
        if (rate == null) {
            throw new IllegalStateException("ProducerPerformance said: " + produced);
        }
        String consumed = run(List.of(jvm, "-Xmx512m", "-cp", toolsClasspath, "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", p.bootstrapServers(), "--topic", topic, "--messages", Integer.toString(n),
                "--group", topic, "--timeout", "60000"));
        // a header line, then one CSV line; fetch.nMsg.sec leaves out the group join
        List<String> lines = consumed.lines().filter(l -> l.contains(",")).toList();
        String header = lines.stream().filter(l -> l.contains("fetch.nMsg.sec")).findFirst()
                .orElseThrow(() -> new IllegalStateException("ConsumerPerformance said: " + consumed));
        String values = lines.get(lines.indexOf(header) + 1);
        List<String> names = Arrays.stream(header.split(",")).map(String::trim).toList();
        double consumedRate = Double.parseDouble(values.split(",")[names.indexOf("fetch.nMsg.sec")].trim());
        return new Ceiling(n, Double.parseDouble(rate), consumedRate, recordBytes);
    }

    private static String run(List<String> cmd) throws Exception {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (proc.waitFor() != 0) {
            throw new IllegalStateException(cmd.get(4) + " exited " + proc.exitValue() + ": " + out);
        }
        return out;
    }

    // ---------------------------------------------------------------- candidate latency

    /** The four hops of the candidate path, in order. */
    static final List<String> HOPS = List.of("generator (candidate → training job)",
            "trainer (training job → prediction set)", "evaluator (prediction set → evaluation)",
            "ranker (evaluation → committed leaderboard entry, as read)");

    /**
     * @param millis    candidate sent → its first committed leaderboard entry read, per candidate
     * @param fitMillis the trainer's own {@code fitMillis}, per candidate
     * @param hops      per candidate, the four hops' milliseconds: from one record's timestamp (CreateTime, stamped by
     *                  its producer; the first hop from the send) to the next one's, the last to the entry's arrival
     *                  here; they add up to {@code millis} (to the millisecond). A hop includes the previous record's
     *                  wait for its transaction to commit, since the next service reads committed records only.
     */
    record Latency(double[] millis, double[] fitMillis, double[][] hops) {
    }

    static Latency candidateLatency(Platform p, int m, int epochs, int trainSize) throws Exception {
        String study = "bench-latency-" + System.currentTimeMillis();
        String body = "{\"studyId\":\"" + study + "\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],"
                + "\"trainSizes\":[" + trainSize + "],\"seeds\":1,\"baseSeed\":0,\"params\":{\"epochs\":" + epochs
                + "},\"requestedBy\":\"bench platform\"}";
        Rest.Response r = Rest.postJson(p.url(Platform.GENERATOR) + "/studies", body, p.apiKey());
        if (r.status() != 202) {
            throw new IllegalStateException("study refused: " + r.status() + " " + r.body());
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(p.registryUrl());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        double[] lat = new double[m];
        double[] fit = new double[m];
        double[][] hops = new double[m][];
        try (KafkaProducer<String, LossCandidate> producer = new KafkaProducer<>(props, new StringSerializer(),
                new AvroSerializer<>(registry, true));
             TopicReader<LeaderboardEntry> board = new TopicReader<>(p.bootstrapServers(), Topics.LEADERBOARD,
                     new AvroDeserializer<>(LeaderboardEntry.class, registry));
             TopicReader<org.lossforge.schemas.TrainingJob> jobs = new TopicReader<>(p.bootstrapServers(),
                     Topics.TRAINING_JOBS, new AvroDeserializer<>(org.lossforge.schemas.TrainingJob.class, registry));
             TopicReader<org.lossforge.schemas.PredictionSet> predictions = new TopicReader<>(p.bootstrapServers(),
                     Topics.PREDICTION_SETS, new AvroDeserializer<>(org.lossforge.schemas.PredictionSet.class, registry));
             TopicReader<Evaluation> evaluations = new TopicReader<>(p.bootstrapServers(), Topics.EVALUATIONS,
                     new AvroDeserializer<>(Evaluation.class, registry))) {
            // the study's own trial first: the services are warm (JIT, libtorch loaded) before the clock runs
            board.await(e -> e.value().getStudyId().equals(study), Duration.ofMinutes(5));
            for (int i = 0; i < m; i++) {
                String id = "lat-" + i;
                String spec = String.format(Locale.ROOT, "hr:margin=%.3f", 0.01 + 0.001 * i);
                LossCandidate c = LossCandidate.newBuilder().setCandidateId(id).setStudyId(study).setKind(LossKind.NAMED)
                        .setSpec(spec).setSubmittedAt(Instant.ofEpochMilli(System.currentTimeMillis())).build();
                long sentWall = System.currentTimeMillis();
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.LOSS_CANDIDATES, study, c)).get();
                ConsumerRecord<String, LeaderboardEntry> e = board.await(x -> x.value().getStudyId().equals(study)
                        && id.equals(x.value().getCandidateId()), Duration.ofMinutes(5));
                lat[i] = (System.nanoTime() - sent) / 1e6;
                long arrivedWall = System.currentTimeMillis();
                long job = jobs.await(x -> x.value().getStudyId().equals(study) && id.equals(x.value().getCandidateId()),
                        Duration.ofMinutes(1)).timestamp();
                ConsumerRecord<String, org.lossforge.schemas.PredictionSet> prediction = predictions.await(x ->
                        x.value().getStudyId().equals(study) && id.equals(x.value().getCandidateId()), Duration.ofMinutes(1));
                long evaluation = evaluations.await(x -> x.value().getStudyId().equals(study)
                        && id.equals(x.value().getCandidateId()), Duration.ofMinutes(1)).timestamp();
                fit[i] = prediction.value().getFitMillis();
                hops[i] = new double[] {job - sentWall, prediction.timestamp() - job, evaluation - prediction.timestamp(),
                        arrivedWall - evaluation};
                System.err.printf(Locale.ROOT, "bench platform: candidate %d/%d on the leaderboard after %.0f ms (fit %.0f ms; "
                        + "hops %s ms)%n", i + 1, m, lat[i], fit[i], Arrays.toString(hops[i]));
                if (e.value().getCount() + e.value().getFailed() != 1) {
                    throw new IllegalStateException("unexpected count on " + e.value());
                }
            }
        }
        return new Latency(lat, fit, hops);
    }

    /** Nearest-rank percentile (q in (0, 100]) of unsorted values. */
    static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(q / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static String report(int events, int warmup, List<Double> rates, List<Double> wide, Ceiling ceiling, int m, int epochs, int trainSize, Latency lat, Latency oracle, Map<String, long[]> memory, double startup) {
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        StringBuilder b = new StringBuilder();
        b.append("## Platform (services over Kafka)\n\n");
        b.append("Command: `./lossforge bench platform` (in-process KRaft broker, the Apicurio dev registry and the four "
                + "services as shipped, each its own JVM, all on this machine; ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores; measured ").append(LocalDate.now()).append(").\n\n");
        b.append("| what | value |\n|---|---|\n");
        b.append(String.format(Locale.ROOT, "| evaluation events per second through the ranker (%,d events, 36 configurations, "
                + "exactly_once_v2; after %d uncounted warm-up rounds, median of 3 rounds, range %.0f–%.0f) | %.0f /s |%n",
                events, warmup, sorted[0], sorted[sorted.length - 1], sorted[sorted.length / 2]));
        double[] w = wide.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        b.append(String.format(Locale.ROOT, "| the same with 1,000 configurations (%,d events, about %d seeds each; median of 3 "
                + "rounds, range %.0f–%.0f) | %.0f /s |%n", events, events / 1000, w[0], w[w.length - 1], w[w.length / 2]));
        if (ceiling != null) {
            double median = sorted[sorted.length / 2];
            b.append(String.format(Locale.ROOT, "| Kafka's own clients on the same broker, %,d records of %d B (the evaluations' "
                    + "mean), 12 partitions: `kafka-producer-perf-test` (acks=all, linger.ms=5) / `kafka-consumer-perf-test` "
                    + "(fetch rate) | %.0f / %.0f /s |%n", ceiling.records(), ceiling.recordBytes(), ceiling.produced(),
                    ceiling.consumed()));
            b.append(String.format(Locale.ROOT, "| the ranker (36 configurations) as a fraction of the slower of the two | %.0f%% |%n",
                    100 * median / Math.min(ceiling.produced(), ceiling.consumed())));
        }
        b.append(String.format(Locale.ROOT, "| candidate published → its first leaderboard update, oracle fit (no training), "
                + "p50 / p99 (%d candidates, one at a time; p99 the nearest rank) | %.0f / %.0f ms |%n",
                m, percentile(oracle.millis(), 50), percentile(oracle.millis(), 99)));
        b.append(String.format(Locale.ROOT, "| the same with the real fit (GCN, NB201 CIFAR-10, train size %d, %d epochs), p50 / p99 "
                + "| %.0f / %.0f ms |%n", trainSize, epochs, percentile(lat.millis(), 50), percentile(lat.millis(), 99)));
        b.append(String.format(Locale.ROOT, "| of which the trainer's job (fit + whole-space prediction, its `fitMillis`), p50 | %.0f ms |%n",
                percentile(lat.fitMillis(), 50)));
        for (Map.Entry<String, long[]> e : memory.entrySet()) {
            b.append(String.format(Locale.ROOT, "| %s resident memory after the throughput rounds and the real-fit candidates, "
                    + "VmRSS / VmHWM (peak) | %d / %d MB |%n", e.getKey(), e.getValue()[0] / 1024, e.getValue()[1] / 1024));
        }
        b.append(String.format(Locale.ROOT, "| platform start (broker, registry, four services ready) | %.1f s |%n", startup));
        b.append("\nThe latency path is generator → trainer (fit, then a prediction of all 15,625 cells) → evaluator "
                + "(benchmark truth, all metrics) → ranker → lossforge.leaderboard.v1, read committed. Each hop runs from one "
                + "record's timestamp to the next (the first from the send, the last to the entry's arrival in the bench), "
                + "so a hop includes the wait for the previous record's transaction to commit:\n\n");
        b.append("| hop | oracle fit: p50 | p99 | share of the mean | real fit: p50 | p99 | share of the mean |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        double oracleTotal = Arrays.stream(oracle.hops()).flatMapToDouble(Arrays::stream).sum();
        double fitTotal = Arrays.stream(lat.hops()).flatMapToDouble(Arrays::stream).sum();
        for (int h = 0; h < HOPS.size(); h++) {
            int hop = h;
            double[] o = Arrays.stream(oracle.hops()).mapToDouble(x -> x[hop]).toArray();
            double[] f = Arrays.stream(lat.hops()).mapToDouble(x -> x[hop]).toArray();
            b.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f%% | %.0f ms | %.0f ms | %.0f%% |%n", HOPS.get(h),
                    percentile(o, 50), percentile(o, 99), 100 * Arrays.stream(o).sum() / oracleTotal,
                    percentile(f, 50), percentile(f, 99), 100 * Arrays.stream(f).sum() / fitTotal));
        }
        return b.toString();
    }
}
