package org.lossforge.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.loss.Losses;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.study.StudyConfig;
import org.lossforge.core.study.StudyReport;
import org.lossforge.core.study.StudyResult;
import org.lossforge.core.study.StudyRunner;

/**
 * {@code ./lossforge study}: trains predictors with every loss on seeded samples, predicts the whole space,
 * and writes {@code <out>/<name>.md}, {@code .csv} and {@code -trials.csv}.
 */
public final class StudyCommand implements Command {
    static final String[] OPTIONS = {"benchmark", "datasets", "losses", "loss", "train-sizes", "seeds", "base-seed",
        "name", "out", "model", "epochs", "batch-size", "lr", "train-metric", "eval-metric", "no-batch"};

    @Override
    public String name() {
        return "study";
    }

    @Override
    public String summary() {
        return "run a loss study: --benchmark nb201 --datasets cifar10,… --losses all --train-sizes 50,100 --seeds 10";
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        a.rejectUnknown(OPTIONS);
        StudyConfig cfg = config(a);
        Benchmark bench = Benchmarks.get(cfg.benchmark());
        String command = "./lossforge study " + commandLine(a);
        StudyRunner runner = new StudyRunner(bench);
        runner.validate(cfg);
        err.printf("study %s: %d configurations x %d seeds on %s%n", cfg.name(), cfg.configurations(), cfg.seeds(), bench.name());
        ProgressBar bar = new ProgressBar(err, cfg.configurations());
        StudyResult result = runner.run(cfg, bar);
        bar.done();
        List<Path> files = StudyReport.write(result, Path.of(a.get("out", "docs/results")), command);
        for (Path f : files) {
            out.println("wrote " + f);
        }
        return 0;
    }

    static StudyConfig config(Args a) {
        String benchmark = a.get("benchmark", "nb201");
        Benchmark bench = Benchmarks.get(benchmark);
        List<String> datasets = a.has("datasets") ? a.list("datasets", null) : bench.datasets();
        List<LossSpec> losses = new ArrayList<>();
        for (String l : a.list("losses", a.has("loss") ? "" : "all")) {
            if (l.equals("all")) {
                Losses.names().forEach(n -> losses.add(LossSpec.parse(n)));
            } else {
                if (!Losses.names().contains(l)) {
                    throw new CliException("unknown loss '" + l + "' (known: " + String.join(", ", Losses.names()) + ", all)");
                }
                losses.add(LossSpec.parse(l));
            }
        }
        for (String spec : a.all("loss")) {
            LossSpec s = LossSpec.parse(spec);
            if (!s.name().equals("pw")) {
                Losses.create(s.name(), s.params());
            }
            losses.add(s);
        }
        List<Integer> sizes = new ArrayList<>();
        for (String s : a.list("train-sizes", "50,100,200,400")) {
            try {
                sizes.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw new CliException("--train-sizes takes integers, got '" + s + "'");
            }
        }
        PredictorConfig p = a.get("model", "gcn").equals("mlp") ? PredictorConfig.mlpDefaults() : PredictorConfig.gcnDefaults();
        if (!a.get("model", "gcn").equals("gcn") && !a.get("model", "gcn").equals("mlp")) {
            throw new CliException("--model must be gcn or mlp, got '" + a.get("model", "") + "'");
        }
        p = p.withEpochs(a.getInt("epochs", p.epochs())).withBatchSize(a.getInt("batch-size", p.batchSize()));
        if (a.has("lr")) {
            try {
                p = p.withLr(Double.parseDouble(a.get("lr", "")));
            } catch (NumberFormatException e) {
                throw new CliException("--lr must be a number");
            }
        }
        long baseSeed;
        try {
            baseSeed = Long.parseLong(a.get("base-seed", "0"));
        } catch (NumberFormatException e) {
            throw new CliException("--base-seed must be an integer");
        }
        return new StudyConfig(a.get("name", benchmark + "-loss-study"), benchmark, datasets, losses, sizes,
                a.getInt("seeds", 10), baseSeed, p, a.get("train-metric", null), a.get("eval-metric", null), !a.has("no-batch"));
    }

    /** The options as given, for the report header (so the report names the command that made it). */
    static String commandLine(Args a) {
        StringBuilder b = new StringBuilder();
        for (String k : OPTIONS) {
            for (String v : a.all(k)) {
                b.append(b.length() == 0 ? "" : " ").append("--").append(k);
                if (!v.equals("true")) {
                    b.append(' ').append(v.contains(" ") || v.contains(";") ? "'" + v + "'" : v);
                }
            }
        }
        return b.toString();
    }
}
