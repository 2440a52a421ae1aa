package org.lossforge.cli;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lossforge.core.classify.CandidateLosses;
import org.lossforge.core.classify.EngineThreads;
import org.lossforge.core.classify.FinalTest;
import org.lossforge.core.classify.ImageData;
import org.lossforge.core.classify.NamedLoss;
import org.lossforge.core.classify.NlfsReport;
import org.lossforge.core.classify.Surrogate;
import org.lossforge.core.classify.SurrogateConfig;
import org.lossforge.core.classify.SuccessiveHalving;
import org.lossforge.core.classify.SurrogateResult;
import org.lossforge.core.nlfs.NlfsLoss;

/**
 * {@code ./lossforge surrogate eval|final|bench}: the NLFS surrogate CNN ({@code core/.../classify/DESIGN.md}).
 * {@code eval} scores one loss (one JSON line); {@code final} runs successive halving over the given loss expressions
 * (when there are more than {@code --finalists}) and the final test of the finalists against cross-entropy and
 * Baikal, writing {@code docs/results/nlfs-<run>.md}; {@code bench} measures surrogate evaluations per hour into its
 * own section of {@code docs/benchmarks.md}. A loss is {@code ce}, {@code baikal} or an expression in the loss cell's
 * syntax ({@code core/.../nlfs/DESIGN.md}), trained as the cell ({@link NlfsLoss}) with the flip its integrity check
 * decides.
 */
public final class SurrogateCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "surrogate";
    }

    @Override
    public String summary() {
        return "NLFS surrogate CNN: eval --loss ce|baikal|EXPR | final --run NAME [--losses \"EXPR;EXPR\"] [--seeds 6] | bench (CPU, 1 thread by default)";
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        List<String> what = a.positionals();
        String usage = "usage: ./lossforge surrogate eval --loss ce|baikal|EXPR [--preset tiny|cpu|paper|paper-standard] [--dataset cifar10|fashion-mnist]"
                + " [--epochs N] [--seed 0] [--test] [--threads 1]"
                + " | surrogate final --run NAME [--losses \"EXPR1;EXPR2;…\"] [--finalists 4] [--start-epochs 2] [--seeds 6] [--base-seed 0]"
                + " [--preset cpu] [--epochs N] [--dataset cifar10] [--threads 1]"
                + " | surrogate bench [--evaluations 4] [--threads 1]";
        if (what.size() != 1) {
            throw new CliException(usage);
        }
        return switch (what.get(0)) {
            case "eval" -> eval(a, out, err);
            case "final" -> finalTest(a, out, err);
            case "bench" -> SurrogateBench.run(a, out, err);
            default -> throw new CliException(usage);
        };
    }

    /** The configuration from --preset, --dataset and --epochs. */
    static SurrogateConfig config(Args a) {
        String preset = a.get("preset", "cpu");
        if (!SurrogateConfig.PRESETS.contains(preset)) {
            throw new CliException("--preset must be one of " + SurrogateConfig.PRESETS + ", got '" + preset + "'");
        }
        SurrogateConfig c = SurrogateConfig.preset(preset);
        if (a.has("dataset")) {
            String ds = a.get("dataset", "");
            if (!ImageData.NAMES.contains(ds)) {
                throw new CliException("--dataset must be one of " + ImageData.NAMES + ", got '" + ds + "'");
            }
            SurrogateConfig.Data d = c.data();
            c = c.withData(new SurrogateConfig.Data(ds, d.trainImages(), d.validPerClass(), d.splitSeed(), d.imageSize()));
        }
        if (a.has("epochs")) {
            int e = a.getInt("epochs", 0);
            if (e < 1) {
                throw new CliException("--epochs must be at least 1");
            }
            c = c.withEpochs(e);
        }
        return c;
    }

    /** Applies --threads (default 1) and returns the count in force. */
    static int threads(Args a) {
        int t = a.getInt("threads", 1);
        if (t < 1) {
            throw new CliException("--threads must be at least 1");
        }
        return EngineThreads.set(t);
    }

    /**
     * {@code ce}, {@code baikal}, or a loss-cell expression (named {@code name}): its canonical form, trained with the
     * integrity check's flip (printed as {@code -(…)} when flipped).
     */
    static NamedLoss loss(String spec, String name) {
        try {
            return CandidateLosses.of(spec, name);
        } catch (IllegalArgumentException e) {
            throw new CliException("not a loss (ce, baikal or a valid cell expression) '" + spec.strip() + "': " + e.getMessage());
        }
    }

    private int eval(Args a, PrintStream out, PrintStream err) {
        a.rejectUnknown("loss", "preset", "dataset", "epochs", "seed", "test", "threads");
        NamedLoss loss = loss(a.required("loss"), "loss");
        SurrogateConfig cfg = config(a);
        int threads = threads(a);
        long seed = a.getLong("seed", 0);
        Surrogate s = new Surrogate(cfg);
        SurrogateResult r = s.evaluate(loss.loss(), seed, a.has("test"));
        ObjectNode o = JSON.createObjectNode();
        o.put("loss", loss.name());
        o.put("expression", loss.expression());
        o.put("seed", seed);
        o.put("status", r.status().name());
        if (r.reason() != null) {
            o.put("reason", r.reason());
        }
        putNumber(o, "fitness", r.fitness());
        o.put("best_epoch", r.bestEpoch());
        if (a.has("test")) {
            putNumber(o, "test_at_best_valid", r.testAtBestValid());
        }
        o.put("aborted", r.aborted());
        array(o.putArray("train_accuracy"), r.trainAccuracy());
        array(o.putArray("valid_accuracy"), r.validAccuracy());
        if (a.has("test")) {
            array(o.putArray("test_accuracy"), r.testAccuracy());
        }
        o.put("steps", r.steps());
        o.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        o.put("threads", threads);
        o.put("device", s.device().toString());
        out.println(o);
        return r.ok() ? 0 : 1;
    }

    private int finalTest(Args a, PrintStream out, PrintStream err) throws Exception {
        a.rejectUnknown("run", "losses", "finalists", "start-epochs", "seeds", "base-seed", "preset", "dataset", "epochs", "threads", "out");
        String run = a.required("run");
        int n = a.getInt("seeds", FinalTest.MIN_SEEDS);
        if (n < FinalTest.MIN_SEEDS) {
            throw new CliException("--seeds must be at least " + FinalTest.MIN_SEEDS);
        }
        long base = a.getLong("base-seed", 0);
        int finalists = a.getInt("finalists", 4);
        int startEpochs = a.getInt("start-epochs", 2);
        if (finalists < 1 || startEpochs < 1) {
            throw new CliException("--finalists and --start-epochs must be at least 1");
        }
        List<NamedLoss> candidates = new ArrayList<>();
        for (String e : a.get("losses", "").split(";")) {
            if (!e.isBlank()) {
                candidates.add(loss(e, "L" + (candidates.size() + 1)));
            }
        }
        SurrogateConfig cfg = config(a);
        int threads = threads(a);
        long t0 = System.nanoTime();
        Surrogate s = new Surrogate(cfg);
        SuccessiveHalving.Outcome elimination = null;
        if (candidates.size() > finalists) {
            err.println("successive halving: " + candidates.size() + " losses to " + finalists + ", starting at " + startEpochs + " epochs");
            SuccessiveHalving.Scorer scorer = SuccessiveHalving.surrogateScorer(cfg, base);
            int[] scored = {0};
            try (ProgressReporter progress = ProgressReporter.create(err, "successive halving",
                    halvingTrainings(candidates.size(), finalists, 0.5), "trainings")) {
                progress.update(0, null);
                elimination = SuccessiveHalving.run(candidates, new SuccessiveHalving.Settings(startEpochs, 0.5, finalists), (l, e, r) -> {
                    SurrogateResult res = scorer.score(l, e, r);
                    progress.update(++scored[0], "round " + r + " (" + e + " epochs) " + l.name() + ": " + res);
                    return res;
                });
            }
            candidates = elimination.finalists();
        }
        FinalTest.Outcome o;
        int[] trained = {0};
        try (ProgressReporter progress = ProgressReporter.create(err, "final test", (candidates.size() + 2L) * n, "trainings")) {
            progress.update(0, null);
            // FinalTest reports "[done/total] loss seed s: result" after each training (its baselines: CE and Baikal)
            o = FinalTest.run(candidates, FinalTest.seeds(base, n), s,
                    m -> progress.update(++trained[0], m.replaceFirst("^\\[\\d+/\\d+\\] ", "")));
        }
        double minutes = (System.nanoTime() - t0) / 6e10;
        StringBuilder cmd = new StringBuilder("./lossforge surrogate final --run ").append(run);
        for (String k : new String[] {"losses", "finalists", "start-epochs", "seeds", "base-seed", "preset", "dataset", "epochs", "threads"}) {
            if (a.has(k)) {
                String v = a.get(k, "");
                cmd.append(" --").append(k).append(' ').append(v.matches("[A-Za-z0-9._-]+") ? v : "'" + v + "'");
            }
        }
        Path file = NlfsReport.write(Path.of(a.get("out", "docs/results")), new NlfsReport.Inputs(run, cmd.toString(), cfg,
                environment(s, threads), elimination, o, minutes));
        out.println("wrote " + file);
        return 0;
    }

    /**
     * The trainings successive halving runs when every loss trains (a failed one can end it sooner): each round trains
     * the survivors, keeping max(finalists, ⌈size × keep⌉), until at most {@code finalists} are left.
     */
    static long halvingTrainings(int candidates, int finalists, double keep) {
        long total = 0;
        int size = candidates;
        while (size > finalists) {
            total += size;
            size = Math.max(finalists, (int) Math.ceil(size * keep));
        }
        return total;
    }

    /** One sentence on where a run ran. */
    static String environment(Surrogate s, int threads) {
        Engine e = Engine.getInstance();
        return String.format(Locale.ROOT, "Ran on %d cores, %d intra-op thread%s, %s %s on %s, Java %s, %s.",
                Runtime.getRuntime().availableProcessors(), threads, threads == 1 ? "" : "s", e.getEngineName(), e.getVersion(),
                s.device(), System.getProperty("java.version"), java.time.LocalDate.now());
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void array(ArrayNode n, double[] v) {
        for (double x : v) {
            n.add(x);
        }
    }
}
