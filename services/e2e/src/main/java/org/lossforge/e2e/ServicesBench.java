package org.lossforge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.study.StudyPlan;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.PredictorModel;
import org.lossforge.schemas.PredictorParams;
import org.lossforge.schemas.Topics;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.RepoRoot;
import org.lossforge.testkit.TopicReader;

/**
 * {@code ./lossforge bench services}: start time and resident memory of each of the four services as shipped
 * ({@code target/quarkus-app/quarkus-run.jar}, a child JVM with the heap {@code ./lossforge up} gives it), one service
 * at a time, against an in-process KRaft broker and the dev registry. Rewrites the {@code services} section of
 * docs/benchmarks.md.
 *
 * <p>Per start: Quarkus' own "started in" (from the log), the wall time from launching the JVM to the first 200 of
 * {@code /q/health/ready} (polled every 20 ms), then, after {@code bench.idleMillis} of idling, VmRSS and VmHWM from
 * {@code /proc/<pid>/status}. The trainer then trains one NB201 job (GCN defaults, train size 100, the whole-space
 * prediction) and is read again. Medians and ranges over {@code bench.starts} starts (default 3); one extra trainer
 * start with an empty DJL cache shows what unpacking libtorch at start costs (the CUDA image does that). Options
 * (system properties): {@code bench.starts}, {@code bench.idleMillis} (5000), {@code bench.out} (docs/benchmarks.md).
 */
public final class ServicesBench {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    /** The highest 1-minute load average seen at the starts (other work sharing the cores). */
    private static double maxLoad;

    private ServicesBench() {
    }

    /** One start: seconds, and kB from /proc. */
    record Start(double startedIn, double toReady, long rssKb, long hwmKb, long jobRssKb, long jobHwmKb, long fitMillis) {
    }

    public static void main(String[] args) throws Exception {
        int starts = Integer.getInteger("bench.starts", 3);
        long idleMillis = Long.getLong("bench.idleMillis", 5000);
        Path root = RepoRoot.find();
        Path out = Path.of(System.getProperty("bench.out", root.resolve("docs/benchmarks.md").toString()));
        String loadBefore = loadAverage();
        System.err.println("bench services: starting broker and registry");
        Map<String, List<Start>> results = new LinkedHashMap<>();
        Start cold;
        try (Backbone backbone = Backbone.start("lossforge-bench-services-")) {
            Path work = backbone.work();
            System.err.println("bench services: logs in " + work);
            Env env = new Env(root, work, backbone.bootstrapServers(), backbone.registryUrl());
            for (String s : Platform.SERVICES) {
                List<Start> list = new ArrayList<>();
                for (int i = 0; i < starts; i++) {
                    Start r = once(env, s, i, idleMillis, defaultDjlCache());
                    System.err.printf(Locale.ROOT, "bench services: %s start %d: started in %.2f s, ready after %.2f s, "
                            + "VmRSS %d MB, VmHWM %d MB%s%n", s, i + 1, r.startedIn(), r.toReady(), r.rssKb() / 1024,
                            r.hwmKb() / 1024, r.fitMillis() < 0 ? "" : String.format(Locale.ROOT,
                                    "; after a training job (fit %d ms) VmRSS %d MB, VmHWM %d MB", r.fitMillis(),
                                    r.jobRssKb() / 1024, r.jobHwmKb() / 1024));
                    list.add(r);
                }
                results.put(s, list);
            }
            Path emptyCache = Files.createDirectories(work.resolve("djl-cache-empty"));
            cold = once(env, Platform.TRAINER, starts, idleMillis, emptyCache.toString());
            System.err.printf(Locale.ROOT, "bench services: trainer with an empty DJL cache: started in %.2f s, ready after %.2f s%n",
                    cold.startedIn(), cold.toReady());
        }
        String body = report(results, cold, starts, idleMillis, loadBefore, loadAverage());
        org.lossforge.cli.BenchCommand.replaceSection(out, "services", body);
        System.out.println(body);
    }

    record Env(Path root, Path work, String bootstrap, String registry) {
    }

    static String defaultDjlCache() {
        String d = System.getenv("DJL_CACHE_DIR");
        return d != null && !d.isBlank() ? d : Path.of(System.getProperty("user.home"), ".djl.ai").toString();
    }

    static Start once(Env env, String service, int index, long idleMillis, String djlCache) throws Exception {
        Map<String, String> sys = new HashMap<>();
        sys.put("ai.djl.offline", "true");
        if (service.equals(Platform.RANKER)) {
            sys.put("kafka-streams.state.dir", env.work().resolve("streams-state").toString());
        }
        Map<String, String> environment = Map.of("KAFKA_BOOTSTRAP", env.bootstrap(), "SCHEMA_REGISTRY_URL", env.registry(),
                "LOSSFORGE_DATA", env.root().resolve("data").toString(), "DJL_CACHE_DIR", djlCache);
        Path log = env.work().resolve(service + "-" + index + ".log");
        Path jar = env.root().resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        int port = Platform.freePort();
        noteLoad();
        long t0 = System.nanoTime();
        try (ServiceProcess p = ServiceProcess.start(service, jar, port, service.equals(Platform.TRAINER) ? "2g" : "768m",
                sys, environment, log)) {
            p.awaitReady(Duration.ofMinutes(3), Duration.ofMillis(20));   // polled often: the time is measured
            double toReady = (System.nanoTime() - t0) / 1e9;
            double startedIn = startedIn(log);
            ServiceProcess.sleep(idleMillis);
            long[] idle = memory(p.pid());
            long[] job = {-1, -1};
            long fit = -1;
            if (service.equals(Platform.TRAINER)) {
                fit = trainOne(env, "bench-services-" + index + "-" + System.currentTimeMillis());
                job = memory(p.pid());
            }
            noteLoad();
            return new Start(startedIn, toReady, idle[0], idle[1], job[0], job[1], fit);
        }
    }

    /** Quarkus' "started in" seconds; the line can follow the first ready answer by a moment, so it is waited for. */
    static double startedIn(Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Matcher m = STARTED.matcher(Files.readString(log));
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no 'started in' line in " + log);
            }
            ServiceProcess.sleep(50);
        }
    }

    /** {VmRSS, VmHWM} in kB. */
    static long[] memory(long pid) throws IOException {
        long rss = -1, hwm = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new long[] {rss, hwm};
    }

    /** One NB201 job as the generator would plan it (GCN defaults, CIFAR-10, train size 100); its fitMillis. */
    static long trainOne(Env env, String study) throws Exception {
        PredictorConfig c = PredictorConfig.gcnDefaults();
        int size = 100;
        StudyPlan.TrainingSet set = StudyPlan.trainingSet(Benchmarks.get("nb201"), 0L, "cifar10", "valid", size, 0);
        TrainingJob job = TrainingJob.newBuilder()
                .setTrialId(Keys.trialId(study, "nb201", "cifar10", size, "hr", 0)).setStudyId(study)
                .setBenchmark("nb201").setDataset("cifar10").setTrainSize(size).setLoss("hr").setLossKind(LossKind.NAMED)
                .setCandidateId(null).setSeedIndex(0).setSeed(set.seed())
                .setTrainArchitectures(Arrays.stream(set.archIdx()).boxed().toList())
                .setTrainLabels(Arrays.stream(set.labels()).boxed().toList())
                .setTrainMetric("valid").setEvalMetric("test")
                .setParams(PredictorParams.newBuilder().setModel(PredictorModel.valueOf(c.model().toUpperCase(Locale.ROOT)))
                        .setHidden(c.hidden()).setLayers(c.layers()).setFcHidden(c.fcHidden()).setDropout(c.dropout())
                        .setLr(c.lr()).setWeightDecay(c.weightDecay()).setEpochs(c.epochs()).setBatchSize(c.batchSize())
                        .setPredictBatch(null).build())
                .setCreatedAt(Instant.ofEpochMilli(System.currentTimeMillis())).build();
        SchemaRegistryClient registry = new SchemaRegistryClient(env.registry());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (TopicReader<PredictionSet> predictions = new TopicReader<>(env.bootstrap(), Topics.PREDICTION_SETS,
                new AvroDeserializer<>(PredictionSet.class, registry));
             KafkaProducer<String, TrainingJob> producer = new KafkaProducer<>(props, new StringSerializer(),
                     new AvroSerializer<>(registry, true))) {
            producer.send(new ProducerRecord<>(Topics.TRAINING_JOBS, Keys.config(job), job)).get(30, TimeUnit.SECONDS);
            PredictionSet p = predictions.await(r -> r.value().getStudyId().equals(study), Duration.ofMinutes(5)).value();
            if (p.getError() != null) {
                throw new IllegalStateException("the bench job failed: " + p.getError());
            }
            return p.getFitMillis();
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String stat(List<Start> list, java.util.function.ToDoubleFunction<Start> f, String format) {
        double[] v = list.stream().mapToDouble(f).toArray();
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(v), s[0], s[s.length - 1]);
    }

    static String report(Map<String, List<Start>> results, Start cold, int starts, long idleMillis, String loadBefore,
                         String loadAfter) {
        StringBuilder b = new StringBuilder();
        b.append("## Services: JVM start and resident memory\n\n");
        b.append(String.format(Locale.ROOT, "Command: `./lossforge bench services` (each service as shipped, "
                + "`target/quarkus-app/quarkus-run.jar` in its own JVM, one at a time, against an in-process KRaft broker "
                + "and the dev registry; heap `-Xmx768m`, the trainer `-Xmx2g`, as `./lossforge up` runs them; Java %s, "
                + "%d cores; median of %d starts with the range; measured %s; 1-minute load average %s before, %s after and "
                + "up to %.2f at the starts: the cores were shared with other work).%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), starts, LocalDate.now(),
                loadBefore, loadAfter, maxLoad));
        b.append("| service | Quarkus \"started in\" | launch → first 200 of /q/health/ready | VmRSS idle "
                + "(" + idleMillis / 1000 + " s after ready) | VmHWM (peak so far) |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Start>> e : results.entrySet()) {
            List<Start> l = e.getValue();
            b.append("| ").append(e.getKey()).append(" | ").append(stat(l, Start::startedIn, "%.2f")).append(" s | ")
                    .append(stat(l, Start::toReady, "%.2f")).append(" s | ")
                    .append(stat(l, s -> s.rssKb() / 1024.0, "%.0f")).append(" MB | ")
                    .append(stat(l, s -> s.hwmKb() / 1024.0, "%.0f")).append(" MB |\n");
        }
        List<Start> trainer = results.get(Platform.TRAINER);
        b.append(String.format(Locale.ROOT, "| predictor-trainer after one NB201 training job (GCN defaults, CIFAR-10, train "
                + "size 100, whole-space prediction; fit %s ms) | | | %s MB | %s MB |%n",
                stat(trainer, s -> s.fitMillis(), "%.0f"), stat(trainer, s -> s.jobRssKb() / 1024.0, "%.0f"),
                stat(trainer, s -> s.jobHwmKb() / 1024.0, "%.0f")));
        b.append(String.format(Locale.ROOT, "| predictor-trainer, one start with an empty DJL cache (unpacks libtorch, "
                + "425 MB, as the CUDA image does at its first start) | %.2f s | %.2f s | %d MB | %d MB |%n",
                cold.startedIn(), cold.toReady(), cold.rssKb() / 1024, cold.hwmKb() / 1024));
        b.append("\nVmRSS and VmHWM are the JVM process's resident set from `/proc/<pid>/status`; the trainer's include "
                + "libtorch. \"Idle\" is before any work: the services load benchmark tables and build their state only "
                + "when records arrive, so their working set under load is larger (the trainer row after one job shows "
                + "how much for the trainer; the others were not measured under load here). The heap limits are upper "
                + "bounds, not what is used: the JVM grows the heap only as needed; in a container the images' "
                + "`run-java.sh` sizes it from the memory limit instead (`JAVA_MAX_MEM_RATIO`, `services/IMAGES.md`). "
                + "The two clocks start at different moments (Quarkus' inside the JVM, ours at the process launch), and "
                + "readiness can answer a moment before Quarkus logs its line. The trainer's fit time varies most with "
                + "the load: PyTorch's threads compete with the other work for the 2 cores.\n\n");
        b.append("**Native executables: not measured.** The ranker, the evaluator and the candidate generator have a "
                + "`native` profile (`mvn package -Dnative`, a container build in the Mandrel builder image), but this "
                + "machine has no GraalVM or Mandrel and no container engine, so no native executable was ever built "
                + "here and there are no native start or memory numbers; none are estimated.\n");
        return b.toString();
    }

    static void noteLoad() {
        try {
            maxLoad = Math.max(maxLoad, Double.parseDouble(loadAverage()));
        } catch (NumberFormatException e) {
            // no /proc/loadavg
        }
    }

    /** The 1-minute load average, or "n/a". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

}
