package org.lossforge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.search.ComparisonConfig;
import org.lossforge.core.search.Outcome;
import org.lossforge.core.search.Proposal;
import org.lossforge.core.search.SearchComparison;
import org.lossforge.core.search.SearchMethod;
import org.lossforge.core.search.SearchReport;
import org.lossforge.core.search.SearchSpace;
import org.lossforge.core.search.SearchState;

/**
 * {@code ./lossforge search}: predictor-guided NAS search, methods side by side on the same run seeds; writes
 * {@code <out>/<name>.md}, {@code .csv}, {@code -runs.csv} and {@code .svg}. The states of every run are saved after
 * every round, so {@code --resume} goes on after an interruption without repeating a query.
 */
public final class SearchCommand implements Command {
    /** Options that are search settings, with the {@code SearchConfig} key each sets. */
    static final Map<String, String> SETTINGS = settings();
    static final List<String> OTHER = List.of("benchmark", "datasets", "methods", "runs", "base-seed", "name", "out",
            "no-batch", "resume", "states");

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String o : List.of("budget", "initial", "candidates", "random-candidates", "parents", "top-k", "pw-switch",
                "pw-loss", "holdout", "adaptive-min-size", "patience", "min-delta", "population", "tournament")) {
            m.put(o, o.replace('-', '_'));
        }
        m.put("model", "predictor.model");
        m.put("epochs", "predictor.epochs");
        m.put("batch-size", "predictor.batch_size");
        m.put("lr", "predictor.lr");
        return m;
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String summary() {
        return "predictor-guided NAS search: --benchmark nb201 --datasets cifar10,… --methods all --runs 30 --budget 100";
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        List<String> known = new ArrayList<>(OTHER);
        known.addAll(SETTINGS.keySet());
        a.rejectUnknown(known.toArray(String[]::new));
        ComparisonConfig cfg = config(a);
        Benchmark bench = Benchmarks.get(cfg.benchmark());
        SearchSpace space = new SearchSpace(bench);
        SearchComparison comparison = new SearchComparison(space);
        comparison.validate(cfg);
        String command = "./lossforge search " + commandLine(a);
        Path outDir = Path.of(a.get("out", "docs/results"));
        Files.createDirectories(outDir);
        Saved saved = new Saved(outDir.resolve(cfg.name() + "-done.partial.txt"), outDir.resolve(cfg.name() + "-current.partial.txt"));
        List<SearchState> previous = a.has("resume") ? saved.read() : List.of();
        if (!previous.isEmpty()) {
            err.printf("resuming: %d saved run states%n", previous.size());
        }
        saved.start(previous);
        err.printf("search %s: %d (dataset, method) groups x %d runs on %s%n", cfg.name(), cfg.groups(), cfg.runs(), bench.name());
        SearchComparison.Result result;
        try (ProgressReporter progress = ProgressReporter.create(err, "search " + cfg.name(), cfg.groups(), "groups")) {
            result = comparison.run(cfg, new SearchComparison.Progress() {
                long t0 = System.nanoTime();

                @Override
                public void started(int group, int total, String label) {
                    t0 = System.nanoTime();
                    progress.update(group, label);
                }

                @Override
                public void round(int group, String label, List<SearchState> states, List<Proposal> proposals) {
                    saved.current(states);
                    int n = states.get(0).size();
                    int[] cp = Outcome.checkpoints(states.get(0).config());
                    if (java.util.Arrays.stream(cp).anyMatch(q -> q == n)) {
                        progress.update(group, label + String.format(Locale.ROOT, " |D| = %d/%d (%.1fs)", n,
                                states.get(0).config().budget(), (System.nanoTime() - t0) / 1e9));
                    }
                }

                @Override
                public void finished(int group, int total, String label, long millis, List<SearchState> states) {
                    saved.done(states);
                    progress.update(group + 1, label + String.format(Locale.ROOT, " (%.1fs)", millis / 1000.0));
                }
            }, previous);
        }
        List<Path> files = new ArrayList<>(SearchReport.write(result, bench, outDir, command));
        if (a.has("states")) { // every run's final state, for analysis beyond the report
            Path p = Path.of(a.required("states"));
            StringBuilder b = new StringBuilder();
            result.groups().forEach(g -> g.states().forEach(st -> b.append(st.toText())));
            Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
            files.add(p);
        }
        saved.delete();
        for (Path f : files) {
            out.println("wrote " + f);
        }
        return 0;
    }

    static ComparisonConfig config(Args a) {
        String benchmark = a.get("benchmark", "nb201");
        Benchmark bench = Benchmarks.get(benchmark);
        List<String> datasets = a.has("datasets") ? a.list("datasets", null) : bench.datasets();
        List<SearchMethod> methods = new ArrayList<>();
        for (String m : a.list("methods", "all")) {
            if (m.equals("all")) {
                for (SearchMethod x : SearchMethod.values()) {
                    methods.add(x);
                }
            } else {
                try {
                    methods.add(SearchMethod.parse(m));
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage() + " or all");
                }
            }
        }
        if (methods.isEmpty()) {
            throw new CliException("--methods needs at least one method");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : SETTINGS.entrySet()) {
            if (a.has(e.getKey())) {
                settings.put(e.getValue(), a.get(e.getKey(), ""));
            }
        }
        long baseSeed;
        try {
            baseSeed = Long.parseLong(a.get("base-seed", "0"));
        } catch (NumberFormatException e) {
            throw new CliException("--base-seed must be an integer");
        }
        return new ComparisonConfig(a.get("name", "search-" + benchmark), benchmark, datasets, methods, a.getInt("runs", 30),
                baseSeed, settings, !a.has("no-batch"));
    }

    /** The options as given (without --resume), for the report header. */
    static String commandLine(Args a) {
        List<String> order = new ArrayList<>(List.of("benchmark", "datasets", "methods", "runs"));
        order.addAll(SETTINGS.keySet());
        order.addAll(List.of("base-seed", "name", "out", "no-batch"));
        StringBuilder b = new StringBuilder();
        for (String k : order) {
            for (String v : a.all(k)) {
                b.append(b.length() == 0 ? "" : " ").append("--").append(k);
                if (!v.equals("true")) {
                    b.append(' ').append(v.contains(" ") || v.contains(";") ? "'" + v + "'" : v);
                }
            }
        }
        return b.toString();
    }

    /**
     * Run states saved while the search runs: finished groups are appended to one file, the running group's states
     * replace another after every round (written to a temporary file, then moved). Both are read on --resume.
     */
    static final class Saved {
        private final Path done, current;

        Saved(Path done, Path current) {
            this.done = done;
            this.current = current;
        }

        List<SearchState> read() throws IOException {
            List<SearchState> out = new ArrayList<>();
            for (Path p : List.of(done, current)) {
                if (Files.exists(p)) {
                    out.addAll(parseAll(Files.readString(p), p));
                }
            }
            // a group saved as done supersedes the same runs saved as current
            Map<String, SearchState> byRun = new LinkedHashMap<>();
            for (SearchState s : out) {
                String key = s.config().dataset() + "|" + s.config().method() + "|" + s.seed();
                SearchState old = byRun.get(key);
                if (old == null || s.round() > old.round()) {
                    byRun.put(key, s);
                }
            }
            return new ArrayList<>(byRun.values());
        }

        static List<SearchState> parseAll(String text, Path p) {
            List<SearchState> out = new ArrayList<>();
            String header = SearchState.HEADER;
            int at = text.indexOf(header);
            while (at >= 0) {
                int next = text.indexOf(header, at + header.length());
                String block = next < 0 ? text.substring(at) : text.substring(at, next);
                try {
                    out.add(SearchState.parse(block));
                } catch (IllegalArgumentException e) {
                    throw new CliException(p + ": " + e.getMessage() + " (delete it to start again)");
                }
                at = next;
            }
            return out;
        }

        void start(List<SearchState> kept) throws IOException {
            List<SearchState> finished = kept.stream().filter(SearchState::done).toList();
            write(done, finished);
            Files.deleteIfExists(current);
            List<SearchState> open = kept.stream().filter(s -> !s.done()).toList();
            if (!open.isEmpty()) {
                current(open);
            }
        }

        void current(List<SearchState> states) {
            try {
                Path tmp = current.resolveSibling(current.getFileName() + ".tmp");
                write(tmp, states);
                Files.move(tmp, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot save run states to " + current, e);
            }
        }

        void done(List<SearchState> states) {
            try {
                StringBuilder b = new StringBuilder();
                states.forEach(s -> b.append(s.toText()));
                Files.writeString(done, b.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Files.deleteIfExists(current);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot save run states to " + done, e);
            }
        }

        private static void write(Path p, List<SearchState> states) throws IOException {
            StringBuilder b = new StringBuilder();
            states.forEach(s -> b.append(s.toText()));
            Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
        }

        void delete() throws IOException {
            Files.deleteIfExists(done);
            Files.deleteIfExists(current);
        }
    }
}
