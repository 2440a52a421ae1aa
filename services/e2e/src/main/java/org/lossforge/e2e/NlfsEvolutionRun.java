package org.lossforge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.lossforge.cli.ProgressReporter;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.core.nlfs.EvolutionState;
import org.lossforge.core.nlfs.Member;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.NlfsProgress;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.RepoRoot;
import org.lossforge.testkit.TopicReader;

/**
 * {@code ./lossforge nlfs evolve}: one NLFS evolution run through the whole platform (broker, registry and the four
 * services as shipped, as {@link Platform} starts them): {@code POST /nlfs-runs}, progress from
 * lossforge.nlfs-state.v1 (steps done of planned, rate and ETA through the CLI's {@link ProgressReporter}), optionally
 * a SIGKILL of the candidate-generator (the evolver) at a step and its restart,
 * then the run's log from the topics: every candidate the evolver published with its loss, status, fitness, training
 * time and wall time (published → evaluated), written to {@code docs/results/nlfs-evolution-<run>.md} and {@code .csv}.
 *
 * <p>Arguments: {@code --run NAME} (required), {@code --seed N} (0), {@code --set key=value} (repeatable, core's
 * NlfsRunConfig keys), {@code --kill-evolver-at STEP} (none), {@code --out DIR} (docs/results), {@code --timeout-min M}
 * (600).
 */
public final class NlfsEvolutionRun {

    private NlfsEvolutionRun() {
    }

    public static void main(String[] args) throws Exception {
        String run = null;
        long seed = 0;
        long killAt = -1;
        int timeoutMin = 600;
        Path out = RepoRoot.find().resolve("docs/results");
        Map<String, String> settings = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--run" -> run = v;
                case "--seed" -> seed = Long.parseLong(v);
                case "--kill-evolver-at" -> killAt = Long.parseLong(v);
                case "--timeout-min" -> timeoutMin = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                case "--set" -> {
                    int eq = v == null ? -1 : v.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--set needs key=value, got " + v);
                    }
                    settings.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + "; usage: --run NAME [--seed N] "
                        + "[--set key=value ...] [--kill-evolver-at STEP] [--out DIR] [--timeout-min M]");
            }
            i++;
        }
        if (run == null) {
            throw new IllegalArgumentException("--run NAME is required");
        }
        NlfsRunConfig cfg = NlfsRunConfig.fromMap(settings, seed);   // refuse bad settings before starting anything
        StringBuilder command = new StringBuilder("./lossforge nlfs evolve --run " + run + " --seed " + seed);
        settings.forEach((k, v) -> command.append(" --set ").append(k).append('=').append(v));
        if (killAt >= 0) {
            command.append(" --kill-evolver-at ").append(killAt);
        }

        Instant t0 = Instant.now();
        Instant killedAt = null;
        Instant restartedAt = null;
        List<NlfsProgress> progress = new ArrayList<>();
        List<LossCandidate> candidates = new ArrayList<>();
        Map<String, Evaluation> evaluations = new LinkedHashMap<>();
        int[] evaluationCount = {0};
        Path logs = RepoRoot.find().resolve("services/e2e/target/nlfs-logs");
        System.err.println("starting the platform (logs in " + logs + ") ...");
        try (Platform p = Platform.start(logs)) {
            SchemaRegistryClient registry = new SchemaRegistryClient(p.registryUrl());
            String body = "{\"runId\":\"" + run + "\",\"seed\":" + seed + ",\"requestedBy\":\"nlfs-evolve\",\"settings\":{"
                    + String.join(",", settings.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue()
                    + "\"").toList()) + "}}";
            Rest.Response accepted = Rest.postJson(p.url(Platform.GENERATOR) + "/nlfs-runs", body, p.apiKey());
            if (accepted.status() != 202) {
                throw new IllegalStateException("POST /nlfs-runs: " + accepted.status() + " " + accepted.body());
            }
            System.err.println("run " + run + " accepted: " + accepted.body());
            // the generator's writes need this run's API key (a fresh random one): how a person injects a loss
            System.err.println("inject a loss into the run while it evolves (this run's API key):\n  curl -H 'Authorization: Bearer "
                    + p.apiKey() + "' -H 'Content-Type: application/json' -d '{\"candidateId\":\"mine-1\",\"expression\":"
                    + "\"-(y * ln(|yhat|))\"}' " + p.url(Platform.GENERATOR) + "/nlfs-runs/" + run + "/candidates");
            long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMin).toNanos();
            String finalRun = run;
            try (TopicReader<NlfsProgress> states = new TopicReader<>(p.bootstrapServers(), Topics.NLFS_STATE,
                    new AvroDeserializer<>(NlfsProgress.class, registry));
                 ProgressReporter bar = ProgressReporter.create(System.err, "nlfs " + run, plannedSteps(cfg), "steps")) {
                bar.update(0, null);
                NlfsProgress last = null;
                int next = 0;
                while (last == null || !last.getDone()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("run " + run + " not done within " + timeoutMin + " min");
                    }
                    states.pollFor(Duration.ofSeconds(2));
                    List<ConsumerRecord<String, NlfsProgress>> seen = states.seen();
                    for (; next < seen.size(); next++) {
                        ConsumerRecord<String, NlfsProgress> r = seen.get(next);
                        if (!finalRun.equals(r.key()) || r.value() == null) {
                            continue;
                        }
                        last = r.value();
                        progress.add(last);
                        if (last.getDone()) {
                            bar.total(last.getStep());   // the plan is an estimate (a run can end a few steps off it)
                        }
                        bar.update(last.getStep(), String.format(Locale.ROOT, "cycle %d %s best %s", last.getCycle(),
                                last.getPhase(), last.getBestFitness() == null ? "-" : String.format(Locale.ROOT, "%.4f %s",
                                        last.getBestFitness(), last.getBestLoss())));
                        if (killAt >= 0 && killedAt == null && last.getStep() >= killAt && !last.getDone()) {
                            ServiceProcess evolver = p.service(Platform.GENERATOR);
                            evolver.kill();
                            killedAt = Instant.now();
                            bar.message("killed the candidate-generator (evolver) with SIGKILL at step " + last.getStep());
                            evolver.restart();
                            evolver.awaitReady(Duration.ofMinutes(3));
                            restartedAt = Instant.now();
                            bar.message("restarted it; the run resumes from its saved state");
                        }
                    }
                }
            }
            try (TopicReader<LossCandidate> cands = new TopicReader<>(p.bootstrapServers(), Topics.LOSS_CANDIDATES,
                    new AvroDeserializer<>(LossCandidate.class, registry));
                 TopicReader<Evaluation> evals = new TopicReader<>(p.bootstrapServers(), Topics.EVALUATIONS,
                         new AvroDeserializer<>(Evaluation.class, registry))) {
                drain(cands);
                drain(evals);
                for (ConsumerRecord<String, LossCandidate> r : cands.seen()) {
                    if (r.value() != null && finalRun.equals(r.value().getStudyId())) {
                        candidates.add(r.value());
                    }
                }
                for (ConsumerRecord<String, Evaluation> r : evals.seen()) {
                    if (r.value() != null && finalRun.equals(r.value().getStudyId())) {
                        evaluationCount[0]++;
                        evaluations.putIfAbsent(r.value().getTrialId(), r.value());
                    }
                }
            }
        }
        Instant t1 = Instant.now();
        write(out, run, command.toString(), cfg, progress, candidates, evaluations, evaluationCount[0], t0, t1, killedAt,
                restartedAt);
    }

    /**
     * The steps a run is expected to take (the progress bar's total): the initial pool, the rescoring of the kept
     * population when configured, and one step per cycle. An estimate: the bar's total is corrected when the run ends.
     */
    static long plannedSteps(NlfsRunConfig cfg) {
        var e = cfg.evolution();
        return e.initialPoolSize() + (e.rescoreInitial() ? e.populationSize() : 0) + e.cycles();
    }

    /** Reads until a poll brings nothing new. */
    private static void drain(TopicReader<?> reader) {
        int before;
        do {
            before = reader.seen().size();
            reader.pollFor(Duration.ofSeconds(3));
        } while (reader.seen().size() > before);
    }

    static void write(Path out, String run, String command, NlfsRunConfig cfg, List<NlfsProgress> progress,
                      List<LossCandidate> candidates, Map<String, Evaluation> evaluations, int evaluationRecords,
                      Instant t0, Instant t1, Instant killedAt, Instant restartedAt) throws IOException {
        Map<String, Evaluation> byCandidate = new HashMap<>();
        for (Evaluation e : evaluations.values()) {
            if (e.getCandidateId() != null) {
                byCandidate.putIfAbsent(e.getCandidateId(), e);
            }
        }
        candidates.sort(Comparator.comparing(LossCandidate::getSubmittedAt));
        StringBuilder csv = new StringBuilder("n,candidate_id,step,try,submitted_at,expression,loss,status,fitness,"
                + "train_seconds,wall_seconds,error\n");
        int n = 0;
        int ok = 0;
        int failed = 0;
        double trainSeconds = 0;
        for (LossCandidate c : candidates) {
            Evaluation e = byCandidate.get(c.getCandidateId());
            String[] parts = c.getCandidateId().substring(run.length() + 1).split("\\.");
            n++;
            double wall = e == null ? Double.NaN : (e.getEvaluatedAt().toEpochMilli() - c.getSubmittedAt().toEpochMilli()) / 1000.0;
            if (e != null) {
                if (e.getStatus() == EvaluationStatus.OK) {
                    ok++;
                } else {
                    failed++;
                }
                trainSeconds += e.getTrainSeconds() == null ? 0 : e.getTrainSeconds();
            }
            csv.append(n).append(',').append(c.getCandidateId()).append(',').append(parts[0].substring(1)).append(',')
                    .append(parts.length > 1 ? parts[1].substring(1) : "").append(',').append(c.getSubmittedAt()).append(',')
                    .append(quote(c.getSpec())).append(',').append(quote(e == null ? "" : e.getLoss())).append(',')
                    .append(e == null ? "NOT_EVALUATED" : e.getStatus()).append(',')
                    .append(e == null || e.getFitness() == null ? "" : fmt(e.getFitness(), 4)).append(',')
                    .append(e == null || e.getTrainSeconds() == null ? "" : fmt(e.getTrainSeconds(), 2)).append(',')
                    .append(Double.isNaN(wall) ? "" : fmt(wall, 2)).append(',')
                    .append(quote(e == null || e.getError() == null ? "" : e.getError())).append('\n');
        }
        NlfsProgress last = progress.get(progress.size() - 1);
        EvolutionState end = EvolutionState.parse(last.getState());
        Files.createDirectories(out);
        Path csvFile = out.resolve("nlfs-evolution-" + run + ".csv");
        Files.writeString(csvFile, csv.toString(), StandardCharsets.UTF_8);

        StringBuilder md = new StringBuilder();
        md.append("# NLFS evolution run `").append(run).append("` through the platform\n\n");
        md.append("Generated by:\n\n```\n").append(command).append("\n```\n\n");
        md.append("The four services as shipped, a local KRaft broker and the schema registry (`Platform`); the run was "
                + "requested with `POST /nlfs-runs`. The candidate-generator's evolver proposed every child and published "
                + "it as a `LossCandidate`; the generator screened it into a surrogate job; the predictor-trainer trained "
                + "the surrogate and wrote the `Evaluation`; the evolver read the fitness back. This log is read from the "
                + "topics after the run (`nlfs-evolution-").append(run).append(".csv`: one row per published candidate).\n\n");
        md.append(String.format(Locale.ROOT, "- Started %s, finished %s: **%.1f min** wall (platform start and stop included).%n",
                t0, t1, Duration.between(t0, t1).toMillis() / 60000.0));
        md.append("- Surrogate: ").append(cfg.surrogate().describe()).append("; every candidate trained with seed ")
                .append(cfg.trainingSeed()).append(" (").append(cfg.trainSize()).append(" training images).\n");
        md.append("- Evolution: ").append(cfg.evolution()).append(".\n");
        Map<String, String> given = new TreeMap<>(cfg.settings());
        given.values().removeIf(String::isEmpty);   // the rest take the preset's own value
        md.append("- Settings (the others default to the preset): `").append(given).append("`.\n");
        if (killedAt != null) {
            md.append(String.format(Locale.ROOT, "- **Restart mid-run**: the candidate-generator (the evolver) was killed "
                            + "with SIGKILL at %s and restarted (ready at %s); the run resumed from its last saved state on "
                            + "`lossforge.nlfs-state.v1`.%n", killedAt, restartedAt));
        }
        md.append(String.format(Locale.ROOT, "- Proposals (steps): %d; evolution cycles: %d (children inserted, dropped or "
                        + "skipped); candidates published: %d; evaluations: %d OK, %d failed (precheck, divergence); "
                        + "evaluation records on the topic: %d for %d distinct losses; surrogate training time %.1f min in all.%n",
                end.step(), end.cycle(), candidates.size(), ok, failed, evaluationRecords, evaluations.size(),
                trainSeconds / 60));
        java.util.Set<Long> childSteps = new java.util.TreeSet<>();
        int retries = 0;
        for (LossCandidate c : candidates) {
            String[] parts = c.getCandidateId().substring(run.length() + 1).split("\\.");
            long step = Long.parseLong(parts[0].substring(1));
            if (step >= cfg.evolution().initialPoolSize()) {
                childSteps.add(step);
            }
            if (parts.length > 1 && Integer.parseInt(parts[1].substring(1)) > 0) {
                retries++;
            }
        }
        md.append(String.format(Locale.ROOT, "- Of the %d children (cycles), %d had a candidate trained; a child whose "
                + "training failed was retried with a fresh mutant of its parent (up to %d tries): %d retries. %d cycles "
                + "trained nothing (skipped: no valid mutant, or a loss the run had already trained, whose evaluation "
                + "was reused).%n%n", end.cycle(), childSteps.size(), cfg.evolution().maxTrainingTries(), retries,
                end.cycle() - childSteps.size()));
        md.append("## Final population (best first)\n\n| # | fitness | born (cycle) | loss |\n|---|---|---|---|\n");
        List<Member> pop = new ArrayList<>(end.population());
        pop.sort(Comparator.comparingDouble(Member::fitness).reversed().thenComparingLong(Member::id));
        int k = 0;
        for (Member m : pop) {
            md.append(String.format(Locale.ROOT, "| %d | %.4f | %d | `%s` |%n", ++k, m.fitness(), m.birth(),
                    (m.flip() ? "-(" + m.expression() + ")" : m.expression()).replace("|", "\\|")));
        }
        md.append("\n## Best fitness over the run\n\n| step | cycle | phase | best fitness |\n|---|---|---|---|\n");
        long every = Math.max(1, progress.size() / 25);
        for (int i = 0; i < progress.size(); i++) {
            NlfsProgress p = progress.get(i);
            if (i % every == 0 || i == progress.size() - 1) {
                md.append(String.format(Locale.ROOT, "| %d | %d | %s | %s |%n", p.getStep(), p.getCycle(), p.getPhase(),
                        p.getBestFitness() == null ? "–" : fmt(p.getBestFitness(), 4)));
            }
        }
        md.append("\nEvery candidate, its fitness and wall time: `nlfs-evolution-").append(run).append(".csv` (wall = "
                + "published → evaluated, i.e. queueing, screening and training).\n");
        Path discussion = out.resolve("nlfs-evolution-" + run + "-discussion.md");
        if (Files.exists(discussion)) {
            md.append('\n').append(Files.readString(discussion));
        }
        Files.writeString(out.resolve("nlfs-evolution-" + run + ".md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.resolve("nlfs-evolution-" + run + ".md") + " and " + csvFile);
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
