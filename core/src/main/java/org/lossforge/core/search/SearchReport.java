package org.lossforge.core.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.loss.Losses;

/**
 * Writes a comparison as {@code <name>.csv} (mean and sample std of the reported value over runs, per method,
 * dataset and query count), {@code <name>-runs.csv} (every run at every query count), {@code <name>.svg} (mean best
 * value against queries) and {@code <name>.md} (the command in the header, the protocol, the table after the full
 * budget — for NB201 in the layout of PWLNAS Table 2 beside the paper's numbers — the curves, the adaptive switch
 * points and the cost). A hand-written {@code <name>-discussion.md} is appended to the Markdown if present.
 */
public final class SearchReport {
    private SearchReport() {}

    /** One line of {@code <name>.csv}. */
    public record Row(String method, String dataset, int runs, int queries, double mean, double std) {}

    /** PWLNAS Table 2 (NB201 test error %, from the secondary summary in pwlnas-paper.md §7): C10, C100, IN16-120. */
    static final Map<String, double[]> PAPER_NB201 = paperNb201();
    static final Map<String, String> PAPER_LOSS = Map.of("NASBOT", "MSE", "ReNAS", "LR", "NPENAS", "MSE", "PWLNAS", "PW",
            "Global best", "–");
    static final List<String> NB201_DATASETS = List.of("cifar10", "cifar100", "imagenet16");

    private static Map<String, double[]> paperNb201() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("NASBOT", new double[] {6.36, 28.62, 54.12});
        m.put("ReNAS", new double[] {6.01, 27.88, 54.03});
        m.put("NPENAS", new double[] {5.69, 26.54, 53.52});
        m.put("PWLNAS", new double[] {5.63, 26.51, 52.88});
        m.put("Global best", new double[] {5.63, 26.49, 52.69});
        return m;
    }

    /** Whether the report shows errors (100 − value): every dataset's eval metric is a percentage. */
    static boolean errorMode(SearchComparison.Result r, Benchmark b) {
        for (SearchComparison.Group g : r.groups()) {
            if (!Outcome.isPercent(b, g.dataset(), g.config().evalMetric())) {
                return false;
            }
        }
        return true;
    }

    /** Column stem of the reported value, e.g. {@code test_error} or {@code best_valid}. */
    static String valueName(SearchComparison.Result r, Benchmark b) {
        String eval = r.groups().get(0).config().evalMetric();
        return errorMode(r, b) ? eval + "_error" : "best_" + eval;
    }

    /** Per run, the reported value at every checkpoint. */
    static double[][] perRun(SearchComparison.Group g, Benchmark b, boolean error) {
        int[] cp = Outcome.checkpoints(g.config());
        double[][] v = new double[g.states().size()][];
        for (int k = 0; k < v.length; k++) {
            v[k] = Outcome.bestEval(g.states().get(k), b, cp);
            if (error) {
                for (int i = 0; i < v[k].length; i++) {
                    v[k][i] = 100.0 - v[k][i];
                }
            }
        }
        return v;
    }

    public static List<Row> rows(SearchComparison.Result r, Benchmark b) {
        boolean error = errorMode(r, b);
        List<Row> out = new ArrayList<>();
        for (SearchComparison.Group g : r.groups()) {
            int[] cp = Outcome.checkpoints(g.config());
            double[][] v = perRun(g, b, error);
            for (int i = 0; i < cp.length; i++) {
                double[] col = new double[v.length];
                for (int k = 0; k < v.length; k++) {
                    col[k] = v[k][i];
                }
                out.add(new Row(g.method().id(), g.dataset(), v.length, cp[i], mean(col), std(col)));
            }
        }
        return out;
    }

    public static List<Path> write(SearchComparison.Result r, Benchmark b, Path dir, String command) throws IOException {
        Files.createDirectories(dir);
        String name = r.config().name();
        Path csv = dir.resolve(name + ".csv"), runs = dir.resolve(name + "-runs.csv"), svg = dir.resolve(name + ".svg"),
                md = dir.resolve(name + ".md");
        List<Row> rows = rows(r, b);
        String v = valueName(r, b);
        List<String> lines = new ArrayList<>();
        lines.add("method,dataset,runs,queries,mean_" + v + ",std_" + v);
        for (Row row : rows) {
            lines.add(row.method() + "," + row.dataset() + "," + row.runs() + "," + row.queries() + "," + num(row.mean())
                    + "," + num(row.std()));
        }
        Files.write(csv, lines, StandardCharsets.UTF_8);
        Files.write(runs, runLines(r, b), StandardCharsets.UTF_8);
        Files.writeString(svg, plot(r, rows, b), StandardCharsets.UTF_8);
        Path discussion = dir.resolve(name + "-discussion.md");
        String disc = Files.exists(discussion) ? Files.readString(discussion) : null;
        Files.writeString(md, markdown(r, b, rows, command, name + ".svg", disc), StandardCharsets.UTF_8);
        return List.of(md, csv, runs, svg);
    }

    static List<String> runLines(SearchComparison.Result r, Benchmark b) {
        boolean error = errorMode(r, b);
        List<String> lines = new ArrayList<>();
        String train = r.groups().get(0).config().trainMetric();
        lines.add("method,dataset,run,seed,queries,best_arch,best_" + train + "," + valueName(r, b) + ",switched_at");
        for (SearchComparison.Group g : r.groups()) {
            int[] cp = Outcome.checkpoints(g.config());
            double[][] v = perRun(g, b, error);
            for (int k = 0; k < g.states().size(); k++) {
                SearchState s = g.states().get(k);
                for (int i = 0; i < cp.length; i++) {
                    int pos = s.bestPosition(cp[i]);
                    lines.add(g.method().id() + "," + g.dataset() + "," + k + "," + s.seed() + "," + cp[i] + ","
                            + quote(b.archId(s.queriedAt(pos))) + "," + Double.toString(s.valueAt(pos)) + "," + num(v[k][i])
                            + "," + s.switchedAt());
                }
            }
        }
        return lines;
    }

    static String plot(SearchComparison.Result r, List<Row> rows, Benchmark b) {
        List<SearchPlot.Panel> panels = new ArrayList<>();
        for (String d : r.config().datasets()) {
            List<String> names = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            int[] x = null;
            for (SearchMethod m : r.config().methods()) {
                List<Row> mine = rows.stream().filter(w -> w.dataset().equals(d) && w.method().equals(m.id())).toList();
                x = mine.stream().mapToInt(Row::queries).toArray();
                ys.add(mine.stream().mapToDouble(Row::mean).toArray());
                names.add(m.id());
            }
            panels.add(new SearchPlot.Panel(datasetTitle(b.name(), d), x, names, ys));
        }
        String v = valueName(r, b);
        return SearchPlot.svg(panels, "mean best " + v.replace('_', ' ') + (errorMode(r, b) ? " (%)" : ""));
    }

    static String markdown(SearchComparison.Result r, Benchmark b, List<Row> rows, String command, String svgName,
                           String discussion) {
        ComparisonConfig c = r.config();
        SearchConfig s = r.groups().get(0).config();
        boolean error = errorMode(r, b);
        int dp = error ? 2 : 4; // decimals: errors in percent, or raw values such as SSIM
        String v = valueName(r, b);
        String what = error ? v.replace("_error", "") + " error (%)" : s.evalMetric() + " value (higher is better)";
        StringBuilder o = new StringBuilder();
        o.append("# Search on ").append(benchmarkTitle(b.name())).append(" (`").append(c.name()).append("`)\n\n");
        o.append("Generated by:\n\n```\n").append(command).append("\n```\n\n");
        o.append(protocol(r, b, s));
        int budget = s.budget();

        o.append("\n## ").append(capital(what)).append(" after ").append(budget).append(" queries\n\n");
        o.append("Mean ± sample std over ").append(c.runs()).append(" runs of the ").append(what)
                .append(" of the architecture with the best ").append(s.trainMetric()).append(" value among the ")
                .append(budget).append(" queried. **Bold**: the best mean of our methods in a column.\n\n");
        boolean nb201Table = b.name().equals("nb201") && NB201_DATASETS.containsAll(c.datasets());
        o.append("| Method | Loss |");
        for (String d : c.datasets()) {
            o.append(' ').append(datasetTitle(b.name(), d)).append(" |");
        }
        o.append("\n|---|---|").append("---|".repeat(c.datasets().size())).append('\n');
        if (nb201Table) {
            for (Map.Entry<String, double[]> e : PAPER_NB201.entrySet()) {
                o.append("| ").append(e.getKey()).append(" (paper) | ").append(PAPER_LOSS.get(e.getKey())).append(" |");
                for (String d : c.datasets()) {
                    o.append(String.format(Locale.ROOT, " %.2f |", e.getValue()[NB201_DATASETS.indexOf(d)]));
                }
                o.append('\n');
            }
        }
        Map<String, Double> bestMean = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.queries() == budget) {
                bestMean.merge(row.dataset(), row.mean(), error ? Math::min : Math::max);
            }
        }
        for (SearchMethod m : c.methods()) {
            o.append("| ").append(m.id()).append(" (ours) | ").append(lossLabel(r, m)).append(" |");
            for (String d : c.datasets()) {
                Row row = find(rows, m.id(), d, budget);
                String cell = row == null ? "–" : pm(row.mean(), row.std(), dp);
                if (row != null && row.mean() == bestMean.get(d)) {
                    cell = "**" + cell + "**";
                }
                o.append(' ').append(cell).append(" |");
            }
            o.append('\n');
        }
        o.append("| global best (ours, from the table) | – |");
        for (String d : c.datasets()) {
            o.append(' ').append(fmt(report(globalBest(b, d, s.evalMetric()), error), dp)).append(" |");
        }
        o.append('\n');
        if (!s.evalMetric().equals(s.trainMetric())) {
            o.append("| best-").append(s.trainMetric()).append(" architecture of the whole space | – |");
            for (String d : c.datasets()) {
                o.append(' ').append(fmt(report(bestByTrain(b, d, s.trainMetric(), s.evalMetric()), error), dp)).append(" |");
            }
            o.append('\n');
        }
        if (nb201Table) {
            o.append("\nPaper rows: PWLNAS Table 2 as given in `../shared/notes/pwlnas-paper.md` §7 (a secondary "
                    + "summary of the paper; its search protocol is only partly known, §6/§8 there). The paper's methods "
                    + "use their own predictors; ours all use the same GCN (protocol above), so only the loss and the search loop differ "
                    + "between our rows.\n");
        }

        o.append("\n## Paired comparison after ").append(budget).append(" queries\n\n");
        o.append("Run k of every method has the same seed (same first ").append(s.initial())
                .append(" random queries, same initial predictor weights per round). Cell: runs where the row method found "
                        + "a strictly better architecture than the column method / ties / worse (by the reported value).\n\n");
        for (String d : c.datasets()) {
            o.append("**").append(datasetTitle(b.name(), d)).append("**\n\n| method |");
            c.methods().forEach(m -> o.append(" vs ").append(m.id()).append(" |"));
            o.append("\n|---|").append("---|".repeat(c.methods().size())).append('\n');
            for (SearchMethod m : c.methods()) {
                o.append("| ").append(m.id()).append(" |");
                double[] a = finalValues(r, b, d, m, error);
                for (SearchMethod n : c.methods()) {
                    double[] x = finalValues(r, b, d, n, error);
                    if (m == n || a == null || x == null) {
                        o.append(" – |");
                        continue;
                    }
                    int w = 0, t = 0, l = 0;
                    for (int k = 0; k < Math.min(a.length, x.length); k++) {
                        int cmp = error ? Double.compare(x[k], a[k]) : Double.compare(a[k], x[k]);
                        if (cmp > 0) {
                            w++;
                        } else if (cmp == 0) {
                            t++;
                        } else {
                            l++;
                        }
                    }
                    o.append(' ').append(w).append('/').append(t).append('/').append(l).append(" |");
                }
                o.append('\n');
            }
            o.append('\n');
        }

        o.append("## Mean best ").append(what).append(" against the number of queries\n\n");
        o.append("![mean best ").append(what).append(" against queries](").append(svgName).append(")\n\n");
        for (String d : c.datasets()) {
            int[] cp = Outcome.checkpoints(r.groups().stream().filter(g -> g.dataset().equals(d)).findFirst().orElseThrow().config());
            o.append("**").append(datasetTitle(b.name(), d)).append("** (mean over runs)\n\n| method |");
            for (int q : cp) {
                o.append(' ').append(q).append(" |");
            }
            o.append("\n|---|").append("---|".repeat(cp.length)).append('\n');
            for (SearchMethod m : c.methods()) {
                o.append("| ").append(m.id()).append(" |");
                for (int q : cp) {
                    Row row = find(rows, m.id(), d, q);
                    o.append(' ').append(row == null ? "–" : fmt(row.mean(), dp)).append(" |");
                }
                o.append('\n');
            }
            o.append('\n');
        }

        List<SearchComparison.Group> adaptive = r.groups().stream().filter(g -> g.method() == SearchMethod.PW_ADAPTIVE).toList();
        if (!adaptive.isEmpty()) {
            o.append("## pw_adaptive: where the warm loss stopped improving\n\n");
            o.append("|D| at which each run switched to the focus loss, and the mean held-out Kendall τ-b of the warm loss "
                    + "at each |D| it was measured (over the runs still warm there; n = runs measured).\n\n");
            for (SearchComparison.Group g : adaptive) {
                Map<Integer, Integer> at = new TreeMap<>();
                Map<Integer, double[]> tau = new TreeMap<>(); // |D| -> {sum, n}
                for (SearchState st : g.states()) {
                    at.merge(st.switchedAt(), 1, Integer::sum);
                    double[] h = st.heldOutTau();
                    for (int i = 0; i < h.length; i++) {
                        // evaluations happen at consecutive predictor rounds from the first |D| >= adaptive_min_size
                        int size = firstEvaluationSize(g.config()) + i * g.config().topK();
                        if (!Double.isNaN(h[i])) {
                            tau.computeIfAbsent(size, x -> new double[2]);
                            tau.get(size)[0] += h[i];
                            tau.get(size)[1]++;
                        }
                    }
                }
                o.append("**").append(datasetTitle(b.name(), g.dataset())).append("**: switched at ");
                List<String> parts = new ArrayList<>();
                at.forEach((size, n) -> parts.add((size == 0 ? "never" : "|D| = " + size) + ": " + n));
                o.append(String.join(", ", parts)).append(". Held-out τ: ");
                List<String> tp = new ArrayList<>();
                tau.forEach((size, sn) -> tp.add(String.format(Locale.ROOT, "%d: %.3f (n = %d)", size, sn[0] / sn[1], (int) sn[1])));
                o.append(tp.isEmpty() ? "none measured" : String.join(", ", tp)).append(".\n\n");
            }
        }

        o.append("## Cost\n\n| dataset | method | wall time | predictor fits | rounds that deviated |\n|---|---|---|---|---|\n");
        for (SearchComparison.Group g : r.groups()) {
            o.append(String.format(Locale.ROOT, "| %s | %s | %.1f min | %d | %d |%n", g.dataset(), g.method().id(),
                    g.millis() / 60000.0, g.fits(), g.notes().size()));
        }
        o.append(String.format(Locale.ROOT, "%nTotal wall time %.1f min (%s). A deviating round is one whose predictor fit "
                + "failed (it then queries k of its candidates at random); the notes name the reason.%n", r.wallMillis() / 60000.0, r.engine()));
        for (SearchComparison.Group g : r.groups()) {
            g.notes().stream().distinct().limit(3).forEach(n -> o.append("- ").append(g.dataset()).append(' ')
                    .append(g.method().id()).append(": ").append(n).append('\n'));
        }
        if (discussion != null) {
            o.append('\n').append(discussion.strip()).append('\n');
        }
        return o.toString();
    }

    private static String protocol(SearchComparison.Result r, Benchmark b, SearchConfig s) {
        ComparisonConfig c = r.config();
        StringBuilder o = new StringBuilder();
        o.append(String.format(Locale.ROOT, "Benchmark `%s`, datasets %s, methods %s, %d runs per (dataset, method), base seed %d. ",
                b.name(), c.datasets(), c.methods(), c.runs(), c.baseSeed()));
        o.append(String.format(Locale.ROOT, "Each run queries N0 = %d random architectures (the same for every method of a "
                        + "run), then rounds until the budget of %d is spent. A predictor round trains a fresh predictor on all "
                        + "of D, scores %d candidates (mutants of the %d best of D — one-edit neighbours, nearest first — plus "
                        + "%d random unqueried ones) and queries the top k = %d. random queries k random architectures per "
                        + "round; re is regularized evolution (population %d = the most recent queries, tournament %d, one "
                        + "child per query). A query returns the benchmark's `%s` value (standing for training the "
                        + "architecture); the best architecture is the one with the best `%s` among the queried, reported by "
                        + "its `%s` value%s. ",
                s.initial(), s.budget(), s.candidates(), s.parents(), s.randomCandidates(), s.topK(), s.population(),
                s.tournament(), s.trainMetric(), s.trainMetric(), s.evalMetric(),
                s.trainMetric().equals(s.evalMetric()) ? " (**validation only**: this benchmark has no test split here)" : ""));
        o.append(String.format(Locale.ROOT, "Predictor `%s` (hidden %d, %d layers, lr %.0e, weight decay %.0e, %d epochs, "
                        + "batch %d, dropout %.2f), the runs of a (dataset, method) %s. ",
                s.predictor().model(), s.predictor().hidden(), s.predictor().layers(), s.predictor().lr(),
                s.predictor().weightDecay(), s.predictor().epochs(), s.predictor().batchSize(), s.predictor().dropout(),
                c.batch() ? "trained as one batched program per round" : "trained one by one"));
        List<String> pairs = new ArrayList<>();
        for (String d : c.datasets()) {
            try {
                pairs.add(d + ": " + pairText(s, d));
            } catch (IllegalArgumentException e) {
                pairs.add(d + ": no preset");
            }
        }
        o.append(String.format(Locale.ROOT, "Losses: mse and hr are the registry defaults (z-scored labels, HR margin 0.1); "
                        + "pw uses the space's warm → focus pair (%s) and switches to the focus loss when |D| reaches %d; "
                        + "pw_adaptive uses the same pair and switches when the warm loss stops improving Kendall τ-b on a "
                        + "held-out part of D (holdout %.2f of D, measured from |D| = %d, switch after %d measurements in a "
                        + "row without a new best by more than %s; rule in `core/.../search/DESIGN.md`). ",
                String.join("; ", pairs), s.pwSwitch(), s.holdout(), s.adaptiveMinSize(), s.patience(), num(s.minDelta())));
        o.append("Nothing was tuned for this report.\n");
        return o.toString();
    }

    private static String pairText(SearchConfig s, String dataset) {
        Map<String, String> p = new LinkedHashMap<>(Losses.pwPreset(s.benchmark(), dataset));
        if (!s.pwLoss().isEmpty()) {
            p.putAll(org.lossforge.core.loss.LossSpec.parse(s.pwLoss()).params());
        }
        StringBuilder t = new StringBuilder(lossTitle(p.get("warm"))).append(" → ").append(lossTitle(p.get("focus")));
        List<String> extra = new ArrayList<>();
        p.forEach((k, v) -> {
            if (k.contains(".")) {
                extra.add(k + "=" + v);
            }
        });
        if (!extra.isEmpty()) {
            t.append(" (").append(String.join(", ", extra)).append(')');
        }
        return t.toString();
    }

    /** Display name of a registry loss. */
    static String lossTitle(String name) {
        return switch (name) {
            case "listmle" -> "ListMLE";
            case "mse_sr" -> "MSE+SR";
            default -> name.toUpperCase(Locale.ROOT);
        };
    }

    /** The Loss column (inside a Markdown table, so "|" is escaped). */
    private static String lossLabel(SearchComparison.Result r, SearchMethod m) {
        SearchConfig s = r.groups().get(0).config();
        java.util.Set<String> pairs = new java.util.LinkedHashSet<>();
        for (String d : r.config().datasets()) {
            try {
                pairs.add(pairText(s, d).replaceAll(" \\(.*\\)$", ""));
            } catch (IllegalArgumentException e) {
                pairs.add("?");
            }
        }
        String pw = pairs.size() == 1 ? "PW (" + pairs.iterator().next() + ")" : "PW (per-task pair)";
        return switch (m) {
            case RANDOM, RE -> "–";
            case MSE -> "MSE";
            case HR -> "HR";
            case PW -> pw + ", switch at \\|D\\| = " + s.pwSwitch();
            case PW_ADAPTIVE -> pw + ", adaptive switch";
        };
    }

    private static int firstEvaluationSize(SearchConfig c) {
        int n = c.initial();
        while (n < c.adaptiveMinSize()) {
            n += c.topK();
        }
        return n;
    }

    private static double[] finalValues(SearchComparison.Result r, Benchmark b, String d, SearchMethod m, boolean error) {
        for (SearchComparison.Group g : r.groups()) {
            if (g.dataset().equals(d) && g.method() == m) {
                double[][] v = perRun(g, b, error);
                double[] out = new double[v.length];
                for (int k = 0; k < v.length; k++) {
                    out[k] = v[k][v[k].length - 1];
                }
                return out;
            }
        }
        return null;
    }

    static double globalBest(Benchmark b, String d, String metric) {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : b.truthColumn(d, metric)) {
            best = Math.max(best, v);
        }
        return best;
    }

    static double bestByTrain(Benchmark b, String d, String train, String eval) {
        double[] t = b.truthColumn(d, train);
        int best = 0;
        for (int i = 1; i < t.length; i++) {
            if (t[i] > t[best]) {
                best = i;
            }
        }
        return b.truth(best, d, eval);
    }

    private static double report(double value, boolean error) {
        return error ? 100.0 - value : value;
    }

    private static Row find(List<Row> rows, String m, String d, int q) {
        for (Row row : rows) {
            if (row.method().equals(m) && row.dataset().equals(d) && row.queries() == q) {
                return row;
            }
        }
        return null;
    }

    static String benchmarkTitle(String b) {
        return switch (b) {
            case "nb201" -> "NAS-Bench-201";
            case "nb101" -> "the NAS-Bench-101 30k subset (validation only)";
            case "tnb101-micro" -> "TransNAS-Bench-101 micro";
            case "tnb101-macro" -> "TransNAS-Bench-101 macro";
            default -> b;
        };
    }

    static String datasetTitle(String b, String d) {
        if (b.equals("nb201")) {
            return switch (d) {
                case "cifar10" -> "CIFAR-10";
                case "cifar100" -> "CIFAR-100";
                case "imagenet16" -> "ImageNet16-120";
                default -> d;
            };
        }
        return d;
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n − 1); NaN for a single value. */
    static double std(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v), s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static String pm(double mean, double std, int dp) {
        return Double.isNaN(std) ? fmt(mean, dp) : fmt(mean, dp) + " ± " + fmt(std, dp);
    }

    private static String fmt(double v, int dp) {
        return String.format(Locale.ROOT, "%." + dp + "f", v);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
