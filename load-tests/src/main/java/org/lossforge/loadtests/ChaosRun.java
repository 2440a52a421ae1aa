package org.lossforge.loadtests;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.lossforge.core.classify.PairedTests;
import org.lossforge.core.study.TrialResult;
import org.lossforge.e2e.Leaderboards;
import org.lossforge.e2e.Rest;
import org.lossforge.e2e.ServiceProcess;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.TopicReader;

/**
 * One load-and-fault run: start a {@link ChaosPlatform}, post an {@link OracleStudy}, apply a {@link FaultSchedule}
 * while it runs (each fault once the leaderboard has counted enough trials, one fault at a time, each followed by its
 * recovery), wait for the study to complete and check the end state against core ({@link Result#violations()}).
 *
 * <p>A supervisor plays the kubelet: a service process that dies, or whose {@code /q/health/live} fails three checks
 * in a row, is killed and started again, and the restart is recorded. Every wait is bounded; the run stops by itself.
 */
public final class ChaosRun {

    /** A scenario: the platform, the study, the faults and the seed of their schedule. */
    public record Scenario(String name, ChaosPlatform.Setup setup, OracleStudy study,
                           Map<FaultSchedule.Kind, Integer> faults, long seed, Duration timeout) {
    }

    /** How long one fault took to recover from: the component back (ready) and the leaderboard moving again. */
    public record Recovery(FaultSchedule.Fault fault, long readyMillis, Long progressMillis, int trainedAt) {
    }

    /** What a run did and found. */
    public record Result(Scenario scenario, FaultSchedule schedule, List<Recovery> recoveries, List<String> supervisor,
                         int trials, int counted, int lost, int duplicated, int evaluationRecords,
                         int distinctEvaluated, int deadLetters, double maxAbsError, List<String> violations,
                         long startupMillis, long studyMillis) {
        public boolean passed() {
            return violations.isEmpty();
        }
    }

    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(4);
    private static final double TOLERANCE = 1e-9;

    private final Scenario scenario;
    private final PrintStream out;
    private final List<String> supervisorLog = new CopyOnWriteArrayList<>();
    /** Services the driver is working on: the supervisor leaves them alone. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private volatile boolean supervising;
    private ChaosPlatform platform;
    private OutputCounter outputs;
    private int lastProgress;

    public ChaosRun(Scenario scenario, PrintStream out) {
        this.scenario = scenario;
        this.out = out;
    }

    public Result run(Path logs) {
        OracleStudy study = scenario.study();
        FaultSchedule schedule = FaultSchedule.of(scenario.seed(), scenario.faults(), study.trials());
        out.println("chaos " + scenario.name() + ": " + study.trials() + " trials; " + schedule.describe());
        long deadline = System.nanoTime() + scenario.timeout().toNanos();
        Map<String, List<TrialResult>> expected = study.expected();

        long t0 = System.nanoTime();
        platform = ChaosPlatform.start(scenario.setup(), logs);
        long startup = millisSince(t0);
        out.printf("platform ready in %.1f s (brokers %s)%n", startup / 1e3, platform.bootstrapServers());
        outputs = new OutputCounter(platform.bootstrapServers(), List.of(Topics.PREDICTION_SETS, Topics.EVALUATIONS));
        Thread supervisor = new Thread(this::supervise, "chaos-supervisor");
        supervisor.setDaemon(true);
        ChaosPlatform started = platform;
        Thread hook = new Thread(started::close, "chaos-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            supervising = true;
            supervisor.start();
            long s0 = System.nanoTime();
            Rest.Response posted = Rest.postJson(platform.url(ChaosPlatform.GENERATOR) + "/studies", study.json(),
                    platform.apiKey());
            if (posted.status() != 202) {
                throw new IllegalStateException("POST /studies: " + posted.status() + " " + posted.body());
            }
            List<Recovery> recoveries = new ArrayList<>();
            for (FaultSchedule.Fault f : schedule.faults()) {
                if (!awaitTrained(f.atTrained(), deadline)) {
                    out.println("  the study completed before " + f + "; it and the faults after it are not applied");
                    break;
                }
                ServiceProcess.sleep(f.delayMillis());
                Recovery r = apply(f, deadline);
                recoveries.add(r);
                out.printf("  %s: ready after %.1f s, leaderboard moving after %s%n", f, r.readyMillis() / 1e3,
                        r.progressMillis() == null ? "(study complete)" : String.format("%.1f s", r.progressMillis() / 1e3));
            }
            awaitProgress(study.trials(), deadline);
            long studyMillis = millisSince(s0);
            ServiceProcess.sleep(5000);   // anything redelivered reaches the ranker by then
            supervising = false;
            Result r = check(schedule, recoveries, expected, startup, studyMillis);
            out.printf("study complete in %.1f s: %d trials counted, lost %d, duplicated %d, %d evaluation records "
                    + "(%d distinct), %d dead letters, max |leaderboard - core| %.3g; %s%n", studyMillis / 1e3,
                    r.counted(), r.lost(), r.duplicated(), r.evaluationRecords(), r.distinctEvaluated(), r.deadLetters(),
                    r.maxAbsError(), r.passed() ? "PASSED" : "FAILED: " + r.violations());
            return r;
        } finally {
            supervising = false;
            supervisor.interrupt();
            outputs.close();
            platform.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    // --- faults -------------------------------------------------------------------------------------------------

    private Recovery apply(FaultSchedule.Fault f, long deadline) {
        long t = System.nanoTime();
        java.util.function.IntSupplier output = switch (f.kind()) {
            case KILL_TRAINER, STALL_TRAINER -> () -> outputs.count(Topics.PREDICTION_SETS);
            case KILL_RANKER, KILL_GENERATOR -> this::progress;
            default -> () -> outputs.count(Topics.EVALUATIONS);
        };
        int outputBefore = output.getAsInt();
        int trained = outputs.count(Topics.PREDICTION_SETS);
        Long movedDuringPause = null;
        switch (f.kind()) {
            case KILL_TRAINER -> killAndRestart(ChaosPlatform.TRAINER);
            case KILL_EVALUATOR -> killAndRestart(ChaosPlatform.EVALUATOR);
            case KILL_RANKER -> killAndRestart(ChaosPlatform.RANKER);
            case KILL_GENERATOR -> killAndRestart(ChaosPlatform.GENERATOR);
            case KILL_BROKER -> {
                int node = 1 + (int) Math.floorMod(scenario.seed() + f.index(), platform.brokers().size());
                if (!platform.brokers().isAlive(node)) {
                    node = 1;
                }
                platform.brokers().kill(node);
                platform.brokers().restart(node, RECOVERY_LIMIT);
            }
            case LOSE_BROKER -> {
                platform.brokers().kill(platform.brokers().size());
            }
            case PAUSE_REGISTRY -> {
                ChaosPlatform.signal(platform.registry().pid(), "STOP");
                try {
                    // restarted services start with empty schema caches: they need the registry
                    killAndRestartNoWait(ChaosPlatform.TRAINER);
                    killAndRestartNoWait(ChaosPlatform.EVALUATOR);
                    ServiceProcess.sleep(FaultSchedule.PAUSE_MILLIS);
                } finally {
                    ChaosPlatform.signal(platform.registry().pid(), "CONT");
                }
                awaitReady(ChaosPlatform.TRAINER);
                awaitReady(ChaosPlatform.EVALUATOR);
            }
            case STALL_TRAINER -> {
                ServiceProcess stuck = platform.service(ChaosPlatform.TRAINER);
                busy.add(ChaosPlatform.TRAINER);
                ChaosPlatform.signal(stuck.pid(), "STOP");
                try {
                    // the other trainer's output while this one is stopped: its own partitions at once, the stopped
                    // one's after the session timeout
                    long end = System.nanoTime() + FaultSchedule.PAUSE_MILLIS * 1_000_000;
                    while (System.nanoTime() < end) {
                        if (movedDuringPause == null && output.getAsInt() > outputBefore) {
                            movedDuringPause = millisSince(t);
                        }
                        ServiceProcess.sleep(100);
                    }
                } finally {
                    ChaosPlatform.signal(stuck.pid(), "CONT");
                    busy.remove(ChaosPlatform.TRAINER);
                }
            }
        }
        long ready = millisSince(t);
        Long moving = movedDuringPause;
        long limit = Math.min(deadline, System.nanoTime() + RECOVERY_LIMIT.toNanos());
        while (moving == null && System.nanoTime() < limit) {
            if (output.getAsInt() > outputBefore) {
                moving = millisSince(t);
                break;
            }
            if (progress() >= scenario.study().trials()) {
                break;   // the study is complete: nothing left to move
            }
            ServiceProcess.sleep(100);
        }
        if (moving == null && progress() < scenario.study().trials()) {
            throw new IllegalStateException("no progress within " + RECOVERY_LIMIT + " after " + f);
        }
        return new Recovery(f, ready, moving, trained);
    }

    private void killAndRestart(String name) {
        killAndRestartNoWait(name);
        awaitReady(name);
    }

    private void killAndRestartNoWait(String name) {
        busy.add(name);
        ServiceProcess s = platform.service(name);
        s.kill();
        s.restart();
    }

    private void awaitReady(String name) {
        try {
            platform.service(name).awaitReady(RECOVERY_LIMIT, Duration.ofMillis(100));
        } finally {
            busy.remove(name);
        }
    }

    /** The kubelet: restarts a service that died or whose liveness failed three checks in a row. */
    private void supervise() {
        Map<String, Integer> failures = new HashMap<>();
        while (supervising && !Thread.currentThread().isInterrupted()) {
            for (Map.Entry<String, ServiceProcess> e : platform.services().entrySet()) {
                String name = e.getKey();
                ServiceProcess s = e.getValue();
                if (busy.contains(name)) {
                    failures.remove(name);
                    continue;
                }
                boolean dead = !s.isAlive();
                boolean down = !dead && !ChaosPlatform.live(s);
                int n = down ? failures.merge(name, 1, Integer::sum) : 0;
                if (!down) {
                    failures.remove(name);
                }
                if ((dead || n >= 3) && supervising && !busy.contains(name)) {
                    String why = dead ? "process exited" : "liveness DOWN 3 times";
                    supervisorLog.add(name + ": " + why + ", restarted");
                    out.println("  supervisor: " + name + " " + why + "; restarting");
                    busy.add(name);
                    try {
                        s.kill();
                        s.restart();
                        s.awaitReady(RECOVERY_LIMIT, Duration.ofMillis(200));
                    } catch (RuntimeException ex) {
                        supervisorLog.add(name + ": restart failed: " + ex.getMessage());
                    } finally {
                        busy.remove(name);
                        failures.remove(name);
                    }
                }
            }
            try {
                Thread.sleep(1000);   // the probe period
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    // --- progress -----------------------------------------------------------------------------------------------

    /** Trials the leaderboard counts (OK + failed); the last known value while the ranker does not answer. */
    private int progress() {
        try {
            Map<String, Leaderboards.Row> rows = Leaderboards.rows(platform.url(ChaosPlatform.RANKER),
                    scenario.study().id(), "kendallTauB");
            if (!rows.isEmpty()) {
                lastProgress = rows.values().stream().mapToInt(r -> r.count() + r.failed()).sum();
            }
        } catch (RuntimeException e) {
            // the ranker is restarting or rebalancing
        }
        return lastProgress;
    }

    /**
     * Waits until the trainer has published {@code n} prediction sets (a fault's trigger); false when the study
     * completed first.
     */
    private boolean awaitTrained(int n, long deadline) {
        while (outputs.count(Topics.PREDICTION_SETS) < n) {
            if (progress() >= scenario.study().trials()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the trainer did not publish " + n + " prediction sets in time");
            }
            ServiceProcess.sleep(100);
        }
        return true;
    }

    /** Waits until the leaderboard counts {@code n} trials; false when the study completed first (n past its end). */
    private boolean awaitProgress(int n, long deadline) {
        int trials = scenario.study().trials();
        while (true) {
            int p = progress();
            if (p >= n) {
                return n < trials || p >= trials;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the study did not reach " + n + " counted trials in time (at " + p + ")");
            }
            ServiceProcess.sleep(250);
        }
    }

    // --- the end state ------------------------------------------------------------------------------------------

    private Result check(FaultSchedule schedule, List<Recovery> recoveries, Map<String, List<TrialResult>> expected,
                         long startup, long studyMillis) {
        OracleStudy study = scenario.study();
        List<String> violations = new ArrayList<>();
        String ranker = platform.url(ChaosPlatform.RANKER);
        int counted = 0, lost = 0, duplicated = 0;
        double maxErr = 0;
        Map<String, Leaderboards.Row> rows = Leaderboards.rows(ranker, study.id(), "kendallTauB");
        if (!rows.keySet().equals(new HashSet<>(study.rows()))) {
            violations.add("leaderboard rows " + new java.util.TreeSet<>(rows.keySet()) + " are not the study's "
                    + study.rows());
        }
        for (String key : study.rows()) {
            Leaderboards.Row row = rows.get(key);
            int c = row == null ? 0 : row.count() + row.failed();
            counted += c;
            lost += Math.max(0, study.seeds() - c);
            duplicated += Math.max(0, c - study.seeds());
            if (row != null && row.failed() > 0) {
                violations.add(key + ": " + row.failed() + " failed trials");
            }
            // every trial once, each with core's metrics
            JsonNode detail = configuration(ranker, study, key);
            if (detail == null) {
                violations.add(key + ": no configuration detail");
                continue;
            }
            Set<String> ids = new HashSet<>();
            Set<Integer> seeds = new HashSet<>();
            List<TrialResult> core = expected.get(key);
            for (JsonNode t : detail.get("trials")) {
                if (!ids.add(t.get("trialId").asText())) {
                    violations.add(key + ": trial " + t.get("trialId").asText() + " counted twice");
                }
                int k = t.get("seedIndex").asInt();
                if (!seeds.add(k)) {
                    violations.add(key + ": seed index " + k + " counted twice");
                }
                if (k < 0 || k >= core.size()) {
                    violations.add(key + ": seed index " + k + " is not the study's");
                    continue;
                }
                for (Map.Entry<String, java.util.function.ToDoubleFunction<TrialResult>> m : Leaderboards.STUDY_METRICS.entrySet()) {
                    JsonNode v = t.get("metrics").get(m.getKey());
                    double want = m.getValue().applyAsDouble(core.get(k));
                    double err = v == null || v.isNull() ? Double.POSITIVE_INFINITY : Math.abs(v.asDouble() - want);
                    maxErr = Math.max(maxErr, err);
                    if (!(err <= TOLERANCE)) {
                        violations.add(key + " seed " + k + " " + m.getKey() + ": " + v + " but core " + want);
                    }
                }
            }
            if (seeds.size() != study.seeds()) {
                violations.add(key + ": seed indices " + new java.util.TreeSet<>(seeds) + ", expected 0.." + (study.seeds() - 1));
            }
        }
        // the aggregates (mean and sample std of every metric) equal core's
        for (String metric : Leaderboards.STUDY_METRICS.keySet()) {
            Map<String, Leaderboards.Row> byMetric = Leaderboards.rows(ranker, study.id(), metric);
            for (String key : study.rows()) {
                Leaderboards.Row row = byMetric.get(key);
                if (row == null || row.mean() == null) {
                    continue;   // reported above
                }
                double[] v = expected.get(key).stream().mapToDouble(Leaderboards.STUDY_METRICS.get(metric)).toArray();
                double em = Math.abs(row.mean() - PairedTests.mean(v)), es = Math.abs(row.std() - PairedTests.sd(v));
                maxErr = Math.max(maxErr, Math.max(em, es));
                if (!(em <= TOLERANCE && es <= TOLERANCE)) {
                    violations.add(key + " " + metric + ": mean/std " + row.mean() + "/" + row.std() + " but core "
                            + PairedTests.mean(v) + "/" + PairedTests.sd(v));
                }
            }
        }
        if (lost > 0) {
            violations.add(lost + " trials lost");
        }
        if (duplicated > 0) {
            violations.add(duplicated + " trials counted twice");
        }
        // the durable log: every trial evaluated (at least once; redeliveries are allowed upstream), nothing dead-lettered
        SchemaRegistryClient registry = new SchemaRegistryClient(platform.registryUrl());
        int records = 0;
        Set<String> distinct = new HashSet<>();
        try (TopicReader<Evaluation> evaluations = new TopicReader<>(platform.bootstrapServers(), Topics.EVALUATIONS,
                new AvroDeserializer<>(Evaluation.class, registry))) {
            evaluations.pollFor(Duration.ofSeconds(5));
            for (ConsumerRecord<String, Evaluation> r : evaluations.seen()) {
                if (r.value() != null && r.value().getStudyId().equals(study.id())) {
                    records++;
                    distinct.add(r.value().getTrialId());
                }
            }
        }
        if (distinct.size() != study.trials()) {
            violations.add(distinct.size() + " distinct trials on " + Topics.EVALUATIONS + ", expected " + study.trials());
        }
        int deadLetters;
        try (TopicReader<byte[]> letters = new TopicReader<>(platform.bootstrapServers(), Topics.DEAD_LETTERS,
                new ByteArrayDeserializer())) {
            letters.pollFor(Duration.ofSeconds(3));
            deadLetters = letters.seen().size();
        }
        if (deadLetters > 0) {
            violations.add(deadLetters + " records on " + Topics.DEAD_LETTERS + " (every event of this run was valid)");
        }
        return new Result(scenario, schedule, recoveries, List.copyOf(supervisorLog), study.trials(), counted, lost,
                duplicated, records, distinct.size(), deadLetters, maxErr, violations, startup, studyMillis);
    }

    private static JsonNode configuration(String ranker, OracleStudy study, String key) {
        int slash = key.indexOf('/');
        String url = ranker + "/leaderboards/" + study.id() + "/configuration?benchmark=" + OracleStudy.BENCHMARK
                + "&dataset=" + OracleStudy.DATASET + "&trainSize=" + key.substring(0, slash) + "&loss="
                + URLEncoder.encode(key.substring(slash + 1), StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 20; attempt++) {
            Rest.Response r = Rest.get(url);
            if (r.status() == 200) {
                return r.json();
            }
            if (r.status() == 404) {
                return null;
            }
            ServiceProcess.sleep(500);   // 503 while a store rebalances
        }
        return null;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
