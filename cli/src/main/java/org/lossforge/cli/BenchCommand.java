package org.lossforge.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.loss.Losses;
import org.lossforge.core.loss.PredictorLoss;
import org.lossforge.core.metrics.KendallTauB;
import org.lossforge.core.metrics.MetricSet;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.predictor.SeedBatchedPredictor;
import org.lossforge.core.predictor.SpaceTensors;
import org.lossforge.core.study.Seeds;

/**
 * {@code ./lossforge bench core}: measures the science core (training unbatched vs seed-batched, whole-space
 * prediction, τ-b over 423,624 scores, peak memory) and rewrites its own section of {@code docs/benchmarks.md}
 * (between {@code <!-- bench:core:start -->} and {@code <!-- bench:core:end -->}); other sections are kept.
 * {@code ./lossforge bench nlfs} measures the NLFS core ({@link NlfsBench}) into the {@code nlfs} section.
 */
public final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure speed and memory and update docs/benchmarks.md: bench core [--seeds 10 --train-size 100 --loss hr] | bench nlfs [--candidates 20000]";
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        List<String> what = a.positionals();
        if (what.size() == 1 && what.get(0).equals("nlfs")) {
            return runNlfs(a, out, err);
        }
        a.rejectUnknown("seeds", "train-size", "loss", "epochs", "out", "repeats");
        if (what.size() != 1 || !what.get(0).equals("core")) {
            throw new CliException("usage: ./lossforge bench core [--seeds 10] [--train-size 100] [--loss hr] [--epochs 100]"
                    + " | ./lossforge bench nlfs [--candidates 20000] [--repeats 3]");
        }
        int seeds = a.getInt("seeds", 10), n = a.getInt("train-size", 100), repeats = a.getInt("repeats", 5);
        String lossName = a.get("loss", "hr");
        PredictorConfig cfg = PredictorConfig.gcnDefaults();
        cfg = cfg.withEpochs(a.getInt("epochs", cfg.epochs()));
        Benchmark nb201 = Benchmarks.get("nb201");
        SpaceTensors tensors = SpaceTensors.of(nb201);
        PredictorLoss loss = Losses.create(lossName, java.util.Map.of());
        double[] valid = nb201.truthColumn("cifar10", "valid");
        long[] seedValues = new long[seeds];
        int[][] idx = new int[seeds][];
        double[][] y = new double[seeds][];
        for (int k = 0; k < seeds; k++) {
            seedValues[k] = Seeds.trialSeed(0, "nb201", "cifar10", n, k);
            idx[k] = nb201.sample(n, Seeds.sampleSeed(seedValues[k]));
            y[k] = Arrays.stream(idx[k]).mapToDouble(i -> valid[i]).toArray();
        }
        List<String> rows = new ArrayList<>();
        try (SeedBatchedPredictor p = new SeedBatchedPredictor(tensors, cfg, true)) {
            // warm-up (JIT, engine start) — not measured
            p.fit(new int[][] {idx[0]}, new double[][] {y[0]}, loss, new long[] {seedValues[0]});
            err.println("bench: unbatched fits...");
            long t0 = System.nanoTime();
            for (int k = 0; k < seeds; k++) {
                p.fit(new int[][] {idx[k]}, new double[][] {y[k]}, loss, new long[] {seedValues[k]});
            }
            double unbatched = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            p.predictAll();
            double predictOne = (System.nanoTime() - t1) / 1e9;
            err.println("bench: seed-batched fit...");
            long t2 = System.nanoTime();
            var fit = p.fit(idx, y, loss, seedValues);
            double batched = (System.nanoTime() - t2) / 1e9;
            long t3 = System.nanoTime();
            double[][] pred = p.predictAll();
            double predictAll = (System.nanoTime() - t3) / 1e9;
            long t4 = System.nanoTime();
            double[] test = nb201.truthColumn("cifar10", "test");
            for (double[] row : pred) {
                MetricSet.standard().compute(test, row);
            }
            double metrics = (System.nanoTime() - t4) / 1e9 / seeds;
            rows.add(row("fit, unbatched (one seed at a time), per training", unbatched / seeds, "s"));
            rows.add(row("fit, " + seeds + " seeds as one batched program, per training", batched / seeds, "s"));
            rows.add(row("speed-up of seed batching (fit only)", unbatched / batched, "×"));
            rows.add(row("predict all 15,625 NB201 cells, 1 seed", predictOne, "s"));
            rows.add(row("predict all 15,625 NB201 cells, " + seeds + " seeds batched, per seed", predictAll / seeds, "s"));
            rows.add(row("metric set (τ-b, Spearman, P@T, N@K) over 15,625, per seed", metrics, "s"));
            double perTraining = (batched + predictAll) / seeds + metrics;
            rows.add(row("trainings per minute (batched fit + predict + metrics)", 60 / perTraining, "/min"));
            rows.add(row("optimizer steps per fit", fit.steps(), ""));
        }
        // τ-b over 423,624 scores (the NB101 space size), ties included
        SplittableRandom r = new SplittableRandom(1);
        int big = 423_624;
        double[] tx = new double[big], px = new double[big];
        for (int i = 0; i < big; i++) {
            tx[i] = Math.round(r.nextDouble() * 5000) / 5000.0; // ~5000 distinct levels: many ties
            px[i] = tx[i] + r.nextGaussian() * 0.1;
        }
        KendallTauB tau = new KendallTauB();
        tau.compute(tx, px);
        double[] times = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            long t = System.nanoTime();
            tau.compute(tx, px);
            times[k] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        rows.add(row("Kendall τ-b over 423,624 scores with ties, median of " + repeats, times[repeats / 2], "ms"));
        // benchmark loading (parsing; checksums already verified in this JVM), best of `repeats` after one warm-up
        java.nio.file.Path data = org.lossforge.core.bench.DataDir.resolve();
        for (String b : Benchmarks.NAMES) {
            Benchmarks.load(b, data);
            double best = Double.MAX_VALUE;
            for (int k = 0; k < repeats; k++) {
                long t = System.nanoTime();
                Benchmarks.load(b, data);
                best = Math.min(best, (System.nanoTime() - t) / 1e6);
            }
            rows.add(row("load benchmark " + b + " (parse, best of " + repeats + ")", best, "ms"));
        }
        rows.add(row("peak resident memory of this process (VmHWM, includes libtorch)", peakRssMb(), "MB"));
        rows.add(row("peak JVM heap used", peakHeapMb(), "MB"));

        String cmd = "./lossforge bench core" + (a.has("seeds") ? " --seeds " + seeds : "") + (a.has("train-size") ? " --train-size " + n : "")
                + (a.has("loss") ? " --loss " + lossName : "") + (a.has("epochs") ? " --epochs " + cfg.epochs() : "");
        StringBuilder s = new StringBuilder();
        s.append("## Science core\n\nCommand: `").append(cmd).append("` (NB201 CIFAR-10, loss `").append(lossName)
                .append("`, train size ").append(n).append(", GCN hidden ").append(cfg.hidden()).append(", ")
                .append(cfg.epochs()).append(" epochs, batch ").append(cfg.batchSize()).append("; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(ai.djl.engine.Engine.getInstance().getEngineName()).append(' ')
                .append(ai.djl.engine.Engine.getInstance().getVersion()).append(" on ")
                .append(ai.djl.engine.Engine.getInstance().defaultDevice()).append(", measured ")
                .append(java.time.LocalDate.now()).append(").\n\n| what | value |\n|---|---|\n");
        rows.forEach(x -> s.append(x).append('\n'));
        out.print(s);
        Path file = Path.of(a.get("out", "docs/benchmarks.md"));
        replaceSection(file, "core", s.toString());
        out.println("updated " + file);
        return 0;
    }

    private int runNlfs(Args a, PrintStream out, PrintStream err) throws Exception {
        a.rejectUnknown("candidates", "repeats", "out");
        int candidates = a.getInt("candidates", 20_000);
        int repeats = a.getInt("repeats", 3);
        if (candidates < 100 || repeats < 1) {
            throw new CliException("--candidates must be at least 100 and --repeats at least 1");
        }
        String load = loadAverage();
        List<String> rows = NlfsBench.run(candidates, repeats, err);
        String cmd = "./lossforge bench nlfs" + (a.has("candidates") ? " --candidates " + candidates : "")
                + (a.has("repeats") ? " --repeats " + repeats : "");
        StringBuilder s = new StringBuilder();
        s.append("## NLFS loss search core\n\nCommand: `").append(cmd).append("` (Java parts on one thread, best of ").append(repeats)
                .append(" after a warm-up; ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ")
                .append(ai.djl.engine.Engine.getInstance().getEngineName()).append(' ')
                .append(ai.djl.engine.Engine.getInstance().getVersion()).append(" on ")
                .append(ai.djl.engine.Engine.getInstance().defaultDevice()).append(", measured ")
                .append(java.time.LocalDate.now()).append(load.isEmpty() ? "" : ", load average " + load + " at the start")
                .append("). The integrity check is the authors' 1000-point probe in float32 (`core/.../nlfs/DESIGN.md`).\n\n"
                        + "| what | value |\n|---|---|\n");
        rows.forEach(x -> s.append(x).append('\n'));
        out.print(s);
        Path file = Path.of(a.get("out", "docs/benchmarks.md"));
        replaceSection(file, "nlfs", s.toString());
        out.println("updated " + file);
        return 0;
    }

    static String row(String what, double v, String unit) {
        String num = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
        return "| " + what + " | " + num + (unit.isEmpty() ? "" : " " + unit) + " |";
    }

    /** Replaces (or appends) the section between this command's markers, keeping the rest of the file. */
    public static void replaceSection(Path file, String key, String body) throws java.io.IOException {
        String start = "<!-- bench:" + key + ":start -->", end = "<!-- bench:" + key + ":end -->";
        String text = Files.exists(file) ? Files.readString(file)
                : "# Benchmarks\n\nEvery number here was measured by the command given with it; re-run the command to reproduce.\n";
        String block = start + "\n" + body.strip() + "\n" + end;
        int i = text.indexOf(start), j = text.indexOf(end);
        text = i >= 0 && j > i ? text.substring(0, i) + block + text.substring(j + end.length()) : text.strip() + "\n\n" + block + "\n";
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text);
    }

    /** The 1-minute load average (other work sharing the cores), or "" where /proc/loadavg is missing. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (Exception e) {
            return "";
        }
    }

    static double peakRssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux: report NaN
        }
        return Double.NaN;
    }

    static double peakHeapMb() {
        long sum = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024.0 * 1024.0);
    }
}
