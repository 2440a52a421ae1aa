package org.lossforge.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lossforge.core.bench.DataDir;
import org.lossforge.core.classify.Baselines;
import org.lossforge.core.classify.ClassificationLoss;
import org.lossforge.core.classify.ImageData;
import org.lossforge.core.classify.NamedLoss;
import org.lossforge.core.classify.Surrogate;
import org.lossforge.core.classify.SurrogateConfig;
import org.lossforge.core.classify.SurrogateResult;

/**
 * {@code ./lossforge surrogate bench}: surrogate evaluations per hour at the CPU default (whole evaluations of the
 * baselines, alternating, after one unmeasured warm-up), the cost of a candidate the precheck rejects and of one that
 * diverges at once, the image loading time, and the step time of the paper-scale preset (from which a paper-scale
 * evaluation is estimated, labelled as such). Rewrites the {@code surrogate} section of {@code docs/benchmarks.md}.
 */
final class SurrogateBench {

    private SurrogateBench() {
    }

    static int run(Args a, PrintStream out, PrintStream err) throws Exception {
        a.rejectUnknown("evaluations", "threads", "out", "paper-steps");
        int evaluations = a.getInt("evaluations", 4);
        int paperSteps = a.getInt("paper-steps", 100);
        if (evaluations < 1 || paperSteps < 10) {
            throw new CliException("--evaluations must be at least 1 and --paper-steps at least 10");
        }
        int threads = SurrogateCommand.threads(a);
        List<String> rows = new ArrayList<>();

        long tl = System.nanoTime();
        ImageData.load(ImageData.CIFAR10, DataDir.resolve());
        rows.add(BenchCommand.row("load the CIFAR-10 subset (10,000 JPEGs: sha256, decode, pixel check), cold", (System.nanoTime() - tl) / 1e9, "s"));

        SurrogateConfig cpu = SurrogateConfig.cpuDefault();
        Surrogate s = new Surrogate(cpu);
        err.println("bench surrogate: warm-up...");
        s.evaluate(Baselines.crossEntropy().loss(), 99); // engine start, JIT: not measured
        List<NamedLoss> losses = List.of(Baselines.crossEntropy(), Baselines.baikal());
        double total = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        long steps = 0;
        StringBuilder fit = new StringBuilder();
        for (int k = 0; k < evaluations; k++) {
            NamedLoss l = losses.get(k % 2);
            long t = System.nanoTime();
            SurrogateResult r = s.evaluate(l.loss(), k);
            double sec = (System.nanoTime() - t) / 1e9;
            if (!r.ok()) {
                throw new IllegalStateException("a baseline failed in the bench: " + r);
            }
            err.printf(Locale.ROOT, "bench surrogate: %s seed %d: fitness %.4f in %.1f s%n", l.name(), k, r.fitness(), sec);
            fit.append(k > 0 ? ", " : "").append(String.format(Locale.ROOT, "%s %.3f", l.name(), r.fitness()));
            total += sec;
            min = Math.min(min, sec);
            max = Math.max(max, sec);
            steps += r.steps();
        }
        double mean = total / evaluations;
        rows.add(BenchCommand.row("**surrogate evaluations per hour, CPU default** (mean of " + evaluations + " evaluations)", 3600 / mean, "/h"));
        rows.add(BenchCommand.row("seconds per evaluation, mean (min–max " + String.format(Locale.ROOT, "%.1f–%.1f", min, max) + ")", mean, "s"));
        rows.add(BenchCommand.row("training step, batch 64 at 32×32 (validation passes included)", 1000 * total / steps, "ms"));

        ClassificationLoss flat = (yhat, y) -> yhat.sub(yhat).sum(); // no gradient: never learns, the precheck rejects it
        long tf = System.nanoTime();
        SurrogateResult rejected = s.evaluate(flat, 0);
        double tRejected = (System.nanoTime() - tf) / 1e9;
        if (rejected.status() != SurrogateResult.Status.PRECHECK_FAILED) {
            throw new IllegalStateException("the flat loss was not rejected: " + rejected);
        }
        rows.add(BenchCommand.row("candidate rejected by the precheck (after " + cpu.precheck().epochs() + " epochs), per evaluation", tRejected, "s"));
        ClassificationLoss nan = (yhat, y) -> {
            var zero = yhat.getManager().create(0f);
            return yhat.sum().mul(zero.div(zero));
        };
        long tn = System.nanoTime();
        SurrogateResult diverged = s.evaluate(nan, 0);
        double tNan = (System.nanoTime() - tn) / 1e9;
        rows.add(BenchCommand.row("candidate whose loss is NaN at the first step (" + diverged.status() + "), per evaluation", tNan, "s"));

        // paper scale: one epoch of paperSteps steps at 80×80 (with its validation pass), one epoch of the 32×32 precheck
        err.println("bench surrogate: paper-scale step time...");
        SurrogateConfig paper = SurrogateConfig.paperScale();
        SurrogateConfig.Schedule ps = paper.schedule();
        Surrogate p = new Surrogate(paper.withSchedule(new SurrogateConfig.Schedule(ps.batchSize(), 1, paperSteps, ps.lr(), ps.warmupSteps(),
                ps.scheduleSteps())).withPrecheck(SurrogateConfig.Precheck.none()).withAbort(null));
        long tp = System.nanoTime();
        p.evaluate(Baselines.crossEntropy().loss(), 0);
        double paperEpoch = (System.nanoTime() - tp) / 1e9 * ps.stepsPerEpoch() / paperSteps;
        SurrogateConfig.Schedule pre = paper.precheck().separateRun();
        Surrogate q = new Surrogate(paper.withData(new SurrogateConfig.Data(paper.data().dataset(), 0, paper.data().validPerClass(),
                paper.data().splitSeed(), 0)).withSchedule(new SurrogateConfig.Schedule(pre.batchSize(), 1, paperSteps, pre.lr(),
                pre.warmupSteps(), pre.scheduleSteps())).withPrecheck(SurrogateConfig.Precheck.none()).withAbort(null));
        long tq = System.nanoTime();
        q.evaluate(Baselines.crossEntropy().loss(), 0);
        double preEpoch = (System.nanoTime() - tq) / 1e9 * pre.stepsPerEpoch() / paperSteps;
        rows.add(BenchCommand.row("paper scale: training step, batch 64 at 80×80 (measured over " + paperSteps + " steps + 1 validation pass)",
                1000 * paperEpoch / ps.stepsPerEpoch(), "ms"));
        double paperEval = ps.epochs() * paperEpoch + pre.epochs() * preEpoch;
        rows.add(BenchCommand.row("paper scale: one evaluation (" + ps.epochs() + " × " + ps.stepsPerEpoch() + " steps + the " + pre.epochs()
                + " × " + pre.stepsPerEpoch() + "-step precheck), **estimated** from those step times", paperEval / 60, "min"));
        rows.add(BenchCommand.row("paper scale: evaluations per hour on this CPU, estimated", 3600 / paperEval, "/h"));
        rows.add(BenchCommand.row("peak resident memory of this process (VmHWM, includes libtorch)", BenchCommand.peakRssMb(), "MB"));

        String cmd = "./lossforge surrogate bench" + (a.has("evaluations") ? " --evaluations " + evaluations : "")
                + (a.has("threads") ? " --threads " + a.get("threads", "") : "") + (a.has("paper-steps") ? " --paper-steps " + paperSteps : "");
        var engine = ai.djl.engine.Engine.getInstance();
        StringBuilder sec = new StringBuilder();
        sec.append("## NLFS surrogate\n\nCommand: `").append(cmd).append("` (CPU default `SurrogateConfig.cpuDefault()`: ")
                .append(cpu.describe()).append("; ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(threads)
                .append(" intra-op thread").append(threads == 1 ? "" : "s").append(", ").append(engine.getEngineName()).append(' ')
                .append(engine.getVersion()).append(" on ").append(s.device()).append(", measured ").append(java.time.LocalDate.now())
                .append("; the machine was shared with other jobs). Fitness of the measured evaluations: ").append(fit)
                .append(engine.getGpuCount() > 0 ? "." : ". The engine reported no GPU, so there is no GPU row.")
                .append("\n\n| what | value |\n|---|---|\n");
        rows.forEach(x -> sec.append(x).append('\n'));
        out.print(sec);
        Path file = Path.of(a.get("out", "docs/benchmarks.md"));
        BenchCommand.replaceSection(file, "surrogate", sec.toString());
        out.println("updated " + file);
        return 0;
    }
}
