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
import org.lossforge.core.study.TrialResult;

/**
 * {@code ./lossforge study}: trains predictors with every loss on seeded samples, predicts the whole space,
 * and writes {@code <out>/<name>.md}, {@code .csv} and {@code -trials.csv}.
 */
public final class StudyCommand implements Command {
    static final String[] OPTIONS = {"benchmark", "datasets", "losses", "loss", "train-sizes", "seeds", "base-seed",
        "name", "out", "model", "epochs", "batch-size", "lr", "train-metric", "eval-metric", "no-batch", "resume"};

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
        Path outDir = Path.of(a.get("out", "docs/results"));
        PartialTrials partial = new PartialTrials(outDir.resolve(cfg.name() + "-trials.partial.csv"), cfg.fingerprint());
        List<TrialResult> previous = a.has("resume") ? partial.read() : List.of();
        if (!previous.isEmpty()) {
            err.printf("resuming: %d trials of the interrupted run are kept%n", previous.size());
        }
        partial.start(previous);
        StudyResult result;
        try (ProgressReporter progress = ProgressReporter.create(err, "study " + cfg.name(), cfg.configurations(), "configurations")) {
            result = runner.run(cfg, new StudyRunner.Progress() {
                @Override
                public void started(int index, int total, String label) {
                    progress.update(index, label);
                }

                @Override
                public void finished(int index, int total, String label, long millis) {
                    progress.update(index + 1, label + String.format(java.util.Locale.ROOT, " (%.1fs)", millis / 1000.0));
                }

                @Override
                public void trials(List<TrialResult> done) {
                    partial.append(done);
                }
            }, previous);
        }
        List<Path> files = StudyReport.write(result, outDir, command);
        partial.delete();
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

    /**
     * Trials saved after every configuration, so an interrupted study ({@code Ctrl-C}, a crash) can go on with
     * {@code --resume}. The first line holds the settings' fingerprint; a resume with other settings is refused.
     */
    static final class PartialTrials {
        private final Path file;
        private final String fingerprint;

        PartialTrials(Path file, String fingerprint) {
            this.file = file;
            this.fingerprint = fingerprint;
        }

        List<TrialResult> read() throws java.io.IOException {
            if (!java.nio.file.Files.exists(file)) {
                return List.of();
            }
            List<String> lines = java.nio.file.Files.readAllLines(file);
            if (lines.isEmpty() || !lines.get(0).equals("# fingerprint " + fingerprint)) {
                throw new CliException(file + " was written with other settings (benchmark, base seed, predictor or metrics);"
                        + " run without --resume, or with the settings of the interrupted run");
            }
            List<TrialResult> out = new ArrayList<>();
            for (String l : lines.subList(2, lines.size())) {
                if (!l.isBlank()) {
                    out.add(TrialResult.parseCsvRow(l));
                }
            }
            return out;
        }

        void start(List<TrialResult> kept) throws java.io.IOException {
            if (file.getParent() != null) {
                java.nio.file.Files.createDirectories(file.getParent());
            }
            List<String> lines = new ArrayList<>(List.of("# fingerprint " + fingerprint, TrialResult.CSV_HEADER));
            kept.forEach(t -> lines.add(t.csvRow()));
            java.nio.file.Files.write(file, lines);
        }

        void append(List<TrialResult> done) {
            try {
                java.nio.file.Files.write(file, done.stream().map(TrialResult::csvRow).toList(),
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot save trials to " + file, e);
            }
        }

        void delete() throws java.io.IOException {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** The options as given, for the report header (so the report names the command that made it). */
    static String commandLine(Args a) {
        StringBuilder b = new StringBuilder();
        for (String k : OPTIONS) {
            if (k.equals("resume")) {
                continue; // the report names the command that reproduces it
            }
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
